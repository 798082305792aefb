/**
 * Behaviour switches: every status code, response shape and behaviour of the
 * emulator that the sources do not settle (ASSUMED), next to the documented ones it
 * must keep, each citing the line of `lineworks-api.md` (or the seed) it comes
 * from. When the real API's behaviour becomes known, the fix is here. Part of the
 * emulator's one place for assumptions (assumptions.ts re-exports it).
 */

// ---------------------------------------------------------------------------
// Status codes and error codes
// ---------------------------------------------------------------------------

/** lineworks-api.md "POST /contacts ... 201 + Contact (ASSUMED 201)". */
export const CREATE_CONTACT_STATUS = 201;
/** lineworks-api.md "POST /contacts/custom-properties ... 201 CustomProperty (ASSUMED 201)". */
export const CREATE_CUSTOM_PROPERTY_STATUS = 201;

/**
 * lineworks-api.md "Errors and limits" (docs page `error-codes`): the default code of
 * each status is one the docs list for it. Which of the listed codes a given
 * failure gets is ASSUMED: INVALID_PARAMETER for a bad value, MISSING_PARAMETER for
 * a required query parameter left out, LIMIT_EXCEEDED for a count or size over a limit.
 */
export const ERROR_CODES = {
  400: "INVALID_PARAMETER",
  401: "UNAUTHORIZED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  409: "CONFLICT",
  429: "TOO_MANY_REQUESTS",
  500: "INTERNAL_SERVER_ERROR",
  503: "SERVICE_UNAVAILABLE",
} as const;
export type ErrorStatus = keyof typeof ERROR_CODES;
/** Other codes of the docs' table that the emulator uses (see ERROR_CODES for when). */
export const MISSING_PARAMETER_CODE = "MISSING_PARAMETER";
export const LIMIT_EXCEEDED_CODE = "LIMIT_EXCEEDED";
/**
 * ASSUMED (no source): a request fastify itself refuses with a status the docs do not
 * list (413 body too large, 415 content type) is answered 400 BAD_REQUEST.
 */
export const UNLISTED_CLIENT_ERROR = { status: 400, code: "BAD_REQUEST" } as const;
/** lineworks-api.md "An unknown path: 404 {code: NOT_FOUND, description: Api not exists}" (measured). */
export const UNKNOWN_PATH_BODY = { code: "NOT_FOUND", description: "Api not exists" } as const;

/** lineworks-api.md "POST /contacts/custom-properties ... at most 5 per domain (6th: 400, ASSUMED)"; code LIMIT_EXCEEDED (ASSUMED, from the docs' table). */
export const TOO_MANY_CUSTOM_PROPERTIES_STATUS = 400;
/** lineworks-api.md "masterUserId must be a member of the domain (ASSUMED: 400 otherwise)"; the same for body userIds. */
export const NON_MEMBER_IN_BODY_STATUS = 400;
/** ASSUMED (no source): a non-member in a path (`/users/{userId}/...`) is 404, like any unknown resource. */
export const NON_MEMBER_IN_PATH_STATUS = 404;
/**
 * A duplicate name on POST (company tag, a member's user tag, propertyName,
 * displayName). lineworks-api.md: the POST /contact-tags page lists only 201/400/403,
 * "a duplicate name may be 400 or 409"; PUT/PATCH of a tag documents 409. ASSUMED 409
 * (as PUT/PATCH); the fault setting `duplicateNameStatus` switches POST to 400 (code
 * INVALID_PARAMETER). PUT/PATCH always answer 409.
 */
export const DUPLICATE_NAME_STATUS_DEFAULT = 409;
export const DUPLICATE_NAME_STATUS_ON_UPDATE = 409;
/** ASSUMED (documented 403, code not given): tags turned off for the domain answer every tag call 403 FORBIDDEN. */
export const TAGS_DISABLED_STATUS = 403;
/**
 * lineworks-api.md "Authentication" 5: an access token the API no longer accepts is
 * 401 UNAUTHORIZED in the docs' table, 403 `code: UNAUTHORIZED` in the official samples.
 * Default 403 (what the samples handle); fault setting `tokenExpiryStatus` picks 401.
 */
export const TOKEN_EXPIRY_STATUS_DEFAULT = 403;
/**
 * lineworks-api.md "a refused token comes with a `www-authenticate: Bearer ...` header
 * (RFC 6750, docs page `error-codes`)": an unknown, expired or revoked token gets
 * `Bearer error="invalid_token"`; ASSUMED (RFC 6750 3.1): a request with no token gets
 * a bare `Bearer` (no error code).
 */
export const WWW_AUTHENTICATE = { refused: 'Bearer error="invalid_token"', missing: "Bearer" } as const;
/** ASSUMED (no source): a `domainId` other than the token's domain is 403. */
export const FOREIGN_DOMAIN_STATUS = 403;
/** ASSUMED (no source): unknown contactTagIds in a contact body are 400. */
export const UNKNOWN_TAG_IN_BODY_STATUS = 400;

// ---------------------------------------------------------------------------
// Contact body handling
// ---------------------------------------------------------------------------

/**
 * lineworks-api.md (intro): "let contact sub-objects keep fields we do not model
 * (pass them through) rather than drop them". The emulator stores and returns
 * unknown fields of sub-objects (permission, contactName, list items), so a client
 * that drops them would be caught. ASSUMED: unknown TOP-LEVEL fields and the
 * read-only fields (contactId, createdTime, modifiedTime, linkedExternalUser) are
 * ignored, so a read-modify-write PUT of a fetched contact is accepted.
 */
export const KEEP_UNKNOWN_SUBOBJECT_FIELDS = true;

/**
 * ASSUMED (no source): how a contact is rendered. List fields and
 * customProperties are always present (empty when unset); memo is absent when
 * unset; `permission.isCoEditing` defaults to true (documented);
 * `linkedExternalUser` is null for customer/client contacts (documented).
 */
export const CONTACT_LIST_FIELDS = [
  "emails",
  "telephones",
  "organizations",
  "locations",
  "events",
  "messengers",
  "websites",
] as const;

/** ASSUMED (no source): a successful PUT/PATCH sets modifiedTime even when nothing changed. */
export const TOUCH_MODIFIED_TIME_ON_NOOP_WRITE = true;
/** ASSUMED (no source): removing a deleted tag or property from contacts does not change their modifiedTime. */
export const CASCADE_TOUCHES_MODIFIED_TIME = false;

/**
 * lineworks-api.md "DELETE /contacts/{contactId} ... may go to the contacts trash
 * (ASSUMED: gone from GET)". Trashed contacts: 404 on GET/PUT/PATCH/DELETE, absent
 * from lists, still deletable through forcedelete (ASSUMED: "also for contacts in trash").
 */
export const DELETE_MOVES_TO_TRASH = true;

/** ASSUMED (no source): DELETE photo on a contact without a photo is 404. */
export const DELETE_MISSING_PHOTO_STATUS = 404;

/** ASSUMED (no source): PATCH of a custom property may repeat an immutable field with its current value; a different value is 400. */
export const IMMUTABLE_PROPERTY_FIELDS = ["propertyName", "propertyType", "multiValued"] as const;

/** lineworks-api.md "displayName (required, 1..20, unique)" is documented; its status on a repeat follows DUPLICATE_NAME_STATUS_*. */
export const DISPLAY_NAME_UNIQUE = true;

// ---------------------------------------------------------------------------
// Listing
// ---------------------------------------------------------------------------

/** ASSUMED (seed 001 defaults "CREATION_TIME ... ASC"): default contact order. */
export const DEFAULT_CONTACT_ORDER = { field: "createdTime", direction: "asc" } as const;
/**
 * lineworks-api.md listing: `searchDateType` is "required when a date bound is given:
 * 400 without" (documented; code MISSING_PARAMETER ASSUMED); bounds are
 * `YYYY-MM-DDThh:mm:ss[.SSS]TZD` (documented, the docs' example has milliseconds).
 * ASSUMED: both bounds are inclusive, compared at second precision (fractional
 * seconds of a bound are dropped; a client that splits a range at a bound sees a
 * contact twice rather than never). A window longer than 7 days is 400
 * (lineworks-api.md "ASSUMED 400 when longer"); one bound alone means 7 days from it
 * (documented), forward from a start, backward from an end.
 */
export const DATE_BOUNDS_INCLUSIVE = true;
/** ASSUMED: the name sort key is lastName then firstName, by code point. */
export const NAME_SORT_KEY = (name: Record<string, unknown> | undefined): string =>
  `${typeof name?.lastName === "string" ? name.lastName : ""}\u0000${typeof name?.firstName === "string" ? name.firstName : ""}`;
/**
 * lineworks-api.md listing `email` (documented, kr `contact-list`): only the primary
 * email is searched; a keyword with `@` is a prefix of the address, one without a
 * partial match of the local part. ASSUMED: case-insensitive; the primary email is
 * the one marked `primary: true`, else the first.
 */
export const EMAIL_FILTER_CASE_INSENSITIVE = true;
/* lineworks-api.md "`telephone` (at least 4 digits, partial match)": ASSUMED digits-only substring of any telephone (contact-query.ts). */
/** ASSUMED: an unknown contactTagId filter yields an empty list rather than an error. */
export const UNKNOWN_TAG_FILTER_IS_EMPTY = true;
/**
 * lineworks-api.md "The last page's `nextCursor` may be absent, `null` or `""`": the
 * emulator leaves the field out (ASSUMED; `responseMetaData` is `{}` on the last page).
 */
export const LAST_PAGE_HAS_NO_CURSOR_FIELD = true;
/** ASSUMED (no source): a cursor is bound to its list and query; reusing it with other filters or order is 400. */
export const CURSOR_BOUND_TO_QUERY = true;

/*
 * ASSUMED behaviours that are code rather than a constant (one function each):
 * - PATCH /contacts: each sent top-level field replaces that field as a whole (no
 *   deep merge of permission, contactName or customProperties); `null` clears an
 *   optional field; the result must satisfy every rule (backend/contact-rules.ts mergePatch).
 *   lineworks-api.md "PATCH ... only sent fields change".
 * - Member references (masterUserId, user tag userId, accessibleMembers ids) are
 *   returned as sent (an email or the member's userId); both resolve to the same
 *   member (store.ts Domain.member). No source says which form the API returns.
 * - A member can access (GET /users/{userId}/contacts) contacts with accessibleRange
 *   ALL, those it is master of, and MEMBER contacts naming it as a USER in
 *   accessibleMembers; ORGUNIT/GROUP membership is not modelled (contact-query.ts).
 * - Tag names are unique, exactly and case-sensitively, within their scope: company
 *   tags among company tags, a member's user tags among that member's
 *   (backend/tags.ts). Status: DUPLICATE_NAME_STATUS_*.
 * - GET /contact-tags without `type` returns company tags and every member's user
 *   tags, in creation order unless `orderBy=name asc|desc` (routes/tags.ts listTags).
 * - A domain seeded with `tagsEnabled: false` answers every tag call (company and
 *   user tags) 403 FORBIDDEN (documented 403 "available only when tags are enabled";
 *   code ASSUMED); contacts keep working and a contactTagIds entry is then unknown (400).
 * - Custom properties are listed by displayOrder ascending, null last (documented,
 *   `contact-custom-property-list`); ties in creation order (ASSUMED)
 *   (backend/custom-properties.ts).
 * - Deleting a custom property removes its values from contacts at once, although
 *   the docs say "asynchronously": a client never sees stale values
 *   (backend/custom-properties.ts). Deleting a tag removes its id from contacts
 *   (backend/tags.ts).
 * - searchFilterType=LINKED_EXTERNAL_USER returns nothing: only customer/client
 *   contacts can be created through the API (seed 000), so none is linked.
 */

// ---------------------------------------------------------------------------
// Custom properties endpoints
// ---------------------------------------------------------------------------

/**
 * lineworks-api.md custom properties: the `domainId` query is optional on GET list,
 * GET one and DELETE (documented); PATCH takes `domainId` in the body (docs example),
 * the query still works (ASSUMED), neither is required (ASSUMED). When present it
 * must be the token's domain (FOREIGN_DOMAIN_STATUS).
 */
export const CUSTOM_PROPERTY_DOMAIN_ID_REQUIRED = { get: false, delete: false, patch: false } as const;
/** ASSUMED: `i18nDisplayNames` languages are unique within one property (400 on repeats). */
export const I18N_LANGUAGES_UNIQUE = true;

// ---------------------------------------------------------------------------
// Photos
// ---------------------------------------------------------------------------

/**
 * lineworks-api.md photo row: "upload the bytes to uploadUrl: multipart POST with the
 * same bearer token, file field `Filedata` (docs page `file-upload`) ... accept both"
 * (`FileData` from one sample). ASSUMED further: the upload URL is single-use and
 * lives for one hour; the upload answers 200 `{}`; the uploaded size must not exceed
 * the announced fileSize (400), over 10 MB is 400 LIMIT_EXCEEDED; a later upload
 * replaces the photo. The download URL (302 Location of GET photo) needs the bearer
 * token like any call and serves the bytes with a content type from the extension.
 */
export const PHOTO_UPLOAD_FIELDS = ["Filedata", "FileData"] as const;
export const PHOTO_UPLOAD_TTL_MS = 60 * 60 * 1000;
export const PHOTO_UPLOAD_STATUS = 200;
export const PHOTO_CONTENT_TYPES: Record<string, string> = {
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  gif: "image/gif",
  bmp: "image/bmp",
  webp: "image/webp",
};
/**
 * ASSUMED: an upload whose bytes are not an image is refused with 400 INVALID_PARAMETER, and
 * the images taken are JPEG, PNG, GIF and BMP, recognised by their first bytes (not the file
 * name). The docs name no format: `contact-photo-create` gives only `fileName` and `fileSize`
 * (1..10485760); `user-photo-create` recommends a 640 x 640 px JPG for member photos.
 */
export const PHOTO_IMAGE_MAGIC: ReadonlyArray<{ type: string; magic: readonly number[] }> = [
  { type: "image/jpeg", magic: [0xff, 0xd8, 0xff] },
  { type: "image/png", magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: "image/gif", magic: [0x47, 0x49, 0x46, 0x38, 0x37, 0x61] }, // GIF87a
  { type: "image/gif", magic: [0x47, 0x49, 0x46, 0x38, 0x39, 0x61] }, // GIF89a
  { type: "image/bmp", magic: [0x42, 0x4d] }, // BM
];

// ---------------------------------------------------------------------------
// Auth
// ---------------------------------------------------------------------------

/**
 * lineworks-api.md "Authentication" step 3: `expires_in` may be a string or a
 * number; the emulator sends a string (ASSUMED, the stricter case for clients).
 */
export const EXPIRES_IN_AS_STRING = true;
/**
 * documented: several scopes are comma-separated; ASSUMED: spaces are accepted too, and a scope not
 * listed here (the contact scopes and those reading users, assumptions-directory.ts) is `invalid_scope`,
 * as is one the app was not given in the Developer Console (seed `scopes`, else defaultGrantedScopes).
 */
export const GRANTABLE_SCOPES = ["contact", "contact.read", "directory", "directory.read", "user", "user.read"] as const;
/** ASSUMED: a JWT `iat` more than this far in the future is rejected (clock skew). */
export const ASSERTION_CLOCK_SKEW_SECONDS = 60;
/**
 * lineworks-api.md step 4 "Bad credentials: 400/401 with an OAuth-style
 * `{error, error_description}` (ASSUMED)": unknown client or wrong secret is 401
 * `invalid_client`; a bad assertion or refresh token is 400 `invalid_grant`; a
 * missing parameter is 400 `invalid_request`; another grant type is 400
 * `unsupported_grant_type`; a scope outside GRANTABLE_SCOPES is 400 `invalid_scope`.
 */
export const OAUTH_ERROR_STATUS = {
  invalid_request: 400,
  invalid_client: 401,
  invalid_grant: 400,
  unsupported_grant_type: 400,
  invalid_scope: 400,
} as const;
export type OAuthErrorCode = keyof typeof OAUTH_ERROR_STATUS;
/**
 * lineworks-api.md "Authentication" 3: refresh-token rotation is an app setting (ON: a
 * new refresh token, the old one invalid; OFF: the same one is returned). Seed key
 * `refreshTokenRotation` per domain (its app); ASSUMED default ON. A refresh keeps
 * the scopes of the original grant (ASSUMED).
 */
export const REFRESH_ROTATION_DEFAULT = true;
/** ASSUMED (no source): an expired access token is recognised (answered as expired, not unknown) for 24 h. */
export const EXPIRED_TOKEN_MEMORY_MS = 24 * 60 * 60 * 1000;

/**
 * documented: times are `YYYY-MM-DDThh:mm:ssTZD`. ASSUMED: the emulator renders
 * them in +09:00 (the LINE WORKS examples' offset).
 */
export const RENDER_UTC_OFFSET_MINUTES = 9 * 60;
