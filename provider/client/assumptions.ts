/**
 * Every shape of the LINE WORKS API that the client ASSUMES rather than knows
 * (see lineworks-api.md, lines marked ASSUMED). Keeping them here makes each one
 * a one-line fix once the real behaviour is confirmed. Error codes live in the catalogue (error-codes.ts).
 */
import { AnswerCode } from "./error-codes";

/** POST /contacts, /contact-tags, /users/{id}/contact-tags, /contacts/custom-properties: 201 assumed, 200 tolerated. */
export const CREATE_SUCCESS_STATUSES: readonly number[] = [201, 200];

/**
 * Photo bytes go to `uploadUrl` as a multipart POST with this field name, bearer token
 * included (docs page `file-upload`: `Filedata`; one unattributed sample sends `FileData`).
 */
export const PHOTO_UPLOAD_FIELD = "Filedata";
export const PHOTO_UPLOAD_METHOD = "POST";

/**
 * GET /contacts/{id}/photo answers 302 with the download URL in `Location` (the
 * documented download redirect; 301 and 303 read the same way, a 200 with bytes is
 * also accepted). A 307/308 there is an ordinary API redirect, followed by the transport.
 */
export const PHOTO_REDIRECT_STATUSES: readonly number[] = [301, 302, 303];

/**
 * The bearer token goes to the API base URL's own origin, and to the upload and
 * download URLs the API itself hands out (`uploadUrl`, the photo's `Location`) when
 * they are https on these LINE WORKS hosts (docs `file-upload`: the upload carries the
 * same bearer token). ASSUMED: those storage hosts end in one of these suffixes.
 */
export const TRUSTED_TOKEN_HOST_SUFFIXES: readonly string[] = [".worksmobile.com", ".worksapis.com"];

/**
 * API redirects (lineworks-api.md "Redirects", measured 307 on another LINE WORKS API):
 * 307 and 308 are repeated with the same method and body at `Location`, at most
 * MAX_REDIRECT_HOPS times per request.
 */
export const FOLLOWED_REDIRECT_STATUSES: readonly number[] = [307, 308];
export const MAX_REDIRECT_HOPS = 3;
/**
 * ASSUMED (the docs only say "never send the token to another host"): a redirect to an
 * origin other than the one the request went to is not followed, with or without the
 * token; the call fails with `REDIRECT_TO_OTHER_ORIGIN` naming that origin. Following
 * it without the token would still carry the body (contact data) to an unknown host
 * and could only end in a 401 there; failing says what to fix (lineworks:apiBaseUrl).
 */
export const CROSS_ORIGIN_REDIRECT = "fail" as const;

/**
 * The token is refused: 401 (docs `error-codes`), or 403 with this code (what the
 * official samples renew on). Renewed once, then the call is repeated.
 */
export const REJECTED_TOKEN_STATUSES: readonly number[] = [401, 403];
export const REJECTED_TOKEN_CODE = AnswerCode.UNAUTHORIZED;

/** "The object is not there": 404, and 410 `DELETED` (docs `error-codes`). */
export const GONE_STATUSES: readonly number[] = [404, 410];

/**
 * A duplicate name on POST /contact-tags, /users/{id}/contact-tags and
 * /contacts/custom-properties: the pages list only 201/400/403, public code sees 409.
 * Either status is checked by looking the natural key up.
 */
export const DUPLICATE_NAME_STATUSES: readonly number[] = [400, 409];

/**
 * `searchDateType` is required whenever a date bound is sent (docs `contact-list`).
 * ASSUMED: a caller who gives a bound without one means the modification time (the
 * wider filter: a created contact has been modified at or after its creation).
 */
export const DEFAULT_SEARCH_DATE_TYPE = "MODIFIED_TIME" as const;

/** The last page has no `nextCursor`; the field may be absent, null or "". */
export function isLastPage(nextCursor: string | null | undefined): boolean {
  return nextCursor === undefined || nextCursor === null || nextCursor === "";
}

/** Contact listing limits: 500 a page, 50,000 reachable through one filter, windows of at most 7 days. */
export const MAX_PAGE_SIZE = 500;
export const CONTACT_LISTING_CAP = 50_000;
export const MAX_DATE_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;
/**
 * A window is considered truncated once it has yielded CONTACT_LISTING_CAP contacts
 * (the API is assumed to stop there silently rather than fail).
 */
export const CONTACT_LISTING_TRUNCATION = "silent-stop-at-cap" as const;

/** The API's date-time format `YYYY-MM-DDThh:mm:ss[.SSS]TZD`: bounds are sent with whole seconds. */
export const DATE_TIME_RESOLUTION_MS = 1000;

/** DELETE /contact-tags/{id} also deletes a user tag. */
export const USER_TAG_DELETE_PATH = "/contact-tags/{contactTagId}";

/**
 * PATCH /contacts/custom-properties/{id} sends domainId in the body (docs example) and,
 * ASSUMED harmless, also as `?domainId=` like GET and DELETE.
 */
export const CUSTOM_PROPERTY_PATCH_SENDS_DOMAIN_ID = true;

/** Error bodies: `{code, description}` for the API, `{error, error_description}` for the token endpoint. */
export const API_ERROR_CODE_FIELD = "code";
export const API_ERROR_DESCRIPTION_FIELD = "description";
export const OAUTH_ERROR_FIELD = "error";
export const OAUTH_ERROR_DESCRIPTION_FIELD = "error_description";

/** Conflicts (duplicate tag name on rename, displayName on PATCH) answer 409 (docs: PUT/PATCH contact-tags). */
export const CONFLICT_STATUS = 409;

/**
 * lineworks-api.md "Outside the API": a cap on external contacts per company (Free 500, paid plans
 * 100,000) that counts the contacts trash; over it ASSUMED 403 LIMIT_EXCEEDED.
 */
export const CONTACT_CAP_STATUS = 403;
export const CONTACT_CAP_CODE = AnswerCode.LIMIT_EXCEEDED;

/** Rate-limit headers (no Retry-After is documented): seconds until the window resets. */
export const RATE_LIMIT_RESET_HEADER = "ratelimit-reset";
export const RATE_LIMIT_REMAINING_HEADER = "ratelimit-remaining";

/** A token response without `expires_in` is assumed to live one hour. */
export const DEFAULT_TOKEN_LIFETIME_SECONDS = 3600;

/**
 * Scopes (lineworks-api.md): `contact` reads and writes, `contact.read` only reads. Reads ask for
 * contact.read, writes for contact (scoped-tokens.ts). ASSUMED: asking for a scope the app was
 * not given in the Developer Console is refused by the token endpoint with 400 `invalid_scope`.
 */
export const DEFAULT_SCOPE = "contact";
export const READ_ONLY_SCOPE = "contact.read";
/**
 * The scope that reads members (lineworks-api.md "Checking owners before a write": `user.read`
 * reads users and exists on every plan, `directory.read` does not exist on the Free plan). The
 * preview checks owners with it when the app was given it; without it, at up (the API's 400).
 */
export const MEMBER_READ_SCOPE = "user.read";
