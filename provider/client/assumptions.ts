/**
 * Every shape of the LINE WORKS API that the client ASSUMES rather than knows
 * (see lineworks-api.md, lines marked ASSUMED). Keeping them here makes each one
 * a one-line fix once the real behaviour is confirmed.
 */

/** POST /contacts, /contact-tags, /users/{id}/contact-tags, /contacts/custom-properties: 201 assumed, 200 tolerated. */
export const CREATE_SUCCESS_STATUSES: readonly number[] = [201, 200];

/** Photo bytes go to `uploadUrl` as a multipart POST with this field name, bearer token included. */
export const PHOTO_UPLOAD_FIELD = "FileData";
export const PHOTO_UPLOAD_METHOD = "POST";

/** GET /contacts/{id}/photo answers 302 with the download URL in `Location` (a 200 with bytes is also accepted). */
export const PHOTO_REDIRECT_STATUSES: readonly number[] = [301, 302, 303, 307, 308];

/**
 * The bearer token is only sent to hosts we trust with it: the API's own origin,
 * plus LINE WORKS storage hosts that upload and download URLs may point to.
 */
export const TRUSTED_TOKEN_HOST_SUFFIXES: readonly string[] = [".worksmobile.com", ".worksapis.com"];

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

/** The API's date-time format `YYYY-MM-DDThh:mm:ssTZD` has whole seconds. */
export const DATE_TIME_RESOLUTION_MS = 1000;

/** DELETE /contact-tags/{id} also deletes a user tag. */
export const USER_TAG_DELETE_PATH = "/contact-tags/{contactTagId}";

/** PATCH /contacts/custom-properties/{id} also takes `?domainId=` like GET and DELETE (the docs table omits it). */
export const CUSTOM_PROPERTY_PATCH_SENDS_DOMAIN_ID = true;

/** Error bodies: `{code, description}` for the API, `{error, error_description}` for the token endpoint. */
export const API_ERROR_CODE_FIELD = "code";
export const API_ERROR_DESCRIPTION_FIELD = "description";
export const OAUTH_ERROR_FIELD = "error";
export const OAUTH_ERROR_DESCRIPTION_FIELD = "error_description";

/** Conflicts (duplicate tag name, propertyName, displayName) answer 409. */
export const CONFLICT_STATUS = 409;

/** Rate-limit headers (no Retry-After is documented): seconds until the window resets. */
export const RATE_LIMIT_RESET_HEADER = "ratelimit-reset";
export const RATE_LIMIT_REMAINING_HEADER = "ratelimit-remaining";

/** A token response without `expires_in` is assumed to live one hour. */
export const DEFAULT_TOKEN_LIFETIME_SECONDS = 3600;

/** The scope the provider asks for (read and write). */
export const DEFAULT_SCOPE = "contact";
export const READ_ONLY_SCOPE = "contact.read";
