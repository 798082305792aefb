/**
 * Every behaviour, shape and constant of the emulator that the sources do not
 * settle. Each entry cites the line of `lineworks-api.md` (or the seed) it comes
 * from. When the real API's behaviour becomes known, the fix is here.
 *
 * Documented facts (not assumptions) are kept next to them with a "documented"
 * note so that every limit lives in one module.
 */
import { randomUUID } from "node:crypto";

// ---------------------------------------------------------------------------
// Status codes and error codes
// ---------------------------------------------------------------------------

/** lineworks-api.md "POST /contacts ... 201 + Contact (ASSUMED 201)". */
export const CREATE_CONTACT_STATUS = 201;
/** lineworks-api.md "POST /contacts/custom-properties ... 201 CustomProperty (ASSUMED 201)". */
export const CREATE_CUSTOM_PROPERTY_STATUS = 201;

/**
 * lineworks-api.md "Errors and limits": only 429 TOO_MANY_REQUESTS is known; the
 * other codes are ASSUMED. UNSUPPORTED_MEDIA_TYPE (415) and METHOD/route misses
 * (404 NOT_FOUND) are emulator choices that no source mentions.
 */
export const ERROR_CODES = {
  400: "INVALID_PARAMETER",
  401: "UNAUTHORIZED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  409: "CONFLICT",
  413: "PAYLOAD_TOO_LARGE",
  415: "UNSUPPORTED_MEDIA_TYPE",
  429: "TOO_MANY_REQUESTS",
  500: "INTERNAL_SERVER_ERROR",
} as const;
export type ErrorStatus = keyof typeof ERROR_CODES;

/** lineworks-api.md "POST /contacts/custom-properties ... at most 5 per domain (6th: 400, ASSUMED)". */
export const TOO_MANY_CUSTOM_PROPERTIES_STATUS = 400;
/** lineworks-api.md "masterUserId must be a member of the domain (ASSUMED: 400 otherwise)"; the same for body userIds. */
export const NON_MEMBER_IN_BODY_STATUS = 400;
/** ASSUMED (no source): a non-member in a path (`/users/{userId}/...`) is 404, like any unknown resource. */
export const NON_MEMBER_IN_PATH_STATUS = 404;
/** lineworks-api.md "POST /contact-tags ... 409 duplicate name (ASSUMED)"; the same for custom property propertyName/displayName. */
export const DUPLICATE_NAME_STATUS = 409;
/** ASSUMED (no source): a `domainId` other than the token's domain is 403. */
export const FOREIGN_DOMAIN_STATUS = 403;
/** ASSUMED (no source): unknown contactTagIds in a contact body are 400. */
export const UNKNOWN_TAG_IN_BODY_STATUS = 400;

// ---------------------------------------------------------------------------
// Limits
// ---------------------------------------------------------------------------

export const LIMITS = {
  /** documented: ContactTag `contactTagName` 1..30. */
  contactTagName: 30,
  /** documented: CustomProperty `propertyName` 1..120, `[A-Za-z_][A-Za-z0-9_]*`. */
  propertyName: 120,
  /** documented: `displayName` 1..20 and i18n `name` 1..20. */
  displayName: 20,
  /** documented (seed 000): up to 5 custom properties per domain. */
  customPropertiesPerDomain: 5,
  /** documented (seed 000): up to 10 values for a multi-valued property. */
  customPropertyValues: 10,
  /** documented: "Contact (all lists 0..100 items)". */
  contactList: 100,
  /** documented: accessibleMembers 0..500. */
  accessibleMembers: 500,
  /** documented: memo <= 4000. */
  memo: 4000,
  /** lineworks-api.md contactName "each <= 100 chars ASSUMED". */
  contactNamePart: 100,
  /** lineworks-api.md emails "email <= 256 ASSUMED". */
  email: 256,
  /** lineworks-api.md telephones "telephone <= 100 ... ASSUMED from seed 001". */
  telephone: 100,
  /** ASSUMED (no source): customType, organization name/department/title, messenger id. */
  shortText: 100,
  /** ASSUMED (no source): location address, website url. */
  longText: 1000,
  /** ASSUMED (no source): location zipCode. */
  zipCode: 20,
  /** ASSUMED (no source): STRING custom property `content`, LINK `text`. */
  customPropertyText: 1000,
  /** ASSUMED (no source): LINK custom property `link`. */
  customPropertyLink: 2000,
  /** documented: photo fileSize 1..10485760. */
  photoBytes: 10_485_760,
  /** ASSUMED (no source): photo fileName length. */
  photoFileName: 255,
  /** documented: `count` 1..500 for lists, default 100. */
  pageSizeMax: 500,
  pageSizeDefault: 100,
  /** documented: "At most 50,000 contacts can be reached through one filter". */
  reachableContacts: 50_000,
  /** documented: searchDateType window at most 7 days. */
  dateWindowMs: 7 * 24 * 60 * 60 * 1000,
  /** documented: JWT "exp at most 60 min after iat". */
  assertionLifetimeSeconds: 60 * 60,
  /** documented: refresh tokens live 90 days. */
  refreshTokenTtlSeconds: 90 * 24 * 60 * 60,
  /** documented: access tokens live 1 h or 24 h; the emulator default is 24 h (`--access-token-ttl`). */
  accessTokenTtlSecondsDefault: 24 * 60 * 60,
  /** documented: 240 requests a minute per API operation per domain. */
  requestsPerMinuteDefault: 240,
  rateLimitWindowMs: 60_000,
} as const;

/**
 * ASSUMED (lineworks-api.md telephones "digits and `- * # + P T ( )` ASSUMED from
 * seed 001"; seed 001 "At least one number and - * # + P T ( ) are allowed only").
 * No spaces.
 */
export const TELEPHONE_PATTERN = /^(?=.*[0-9])[0-9\-*#+PT()]+$/;
/** ASSUMED (no source): an email is `local@domain` with no spaces; nothing stricter. */
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+$/;
/** documented: propertyName `[A-Za-z_][A-Za-z0-9_]*`. */
export const PROPERTY_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** documented (listing): telephone filter needs at least 4 digits. */
export const TELEPHONE_FILTER_MIN_DIGITS = 4;

// ---------------------------------------------------------------------------
// Enumerations (lineworks-api.md "Objects")
// ---------------------------------------------------------------------------

export const ACCESSIBLE_RANGES = ["ALL", "MEMBER"] as const;
export const ACCESSIBLE_MEMBER_TYPES = ["USER", "ORGUNIT", "GROUP"] as const;
export const TELEPHONE_TYPES = ["CELLPHONE", "WORK", "HOME", "WORK_FAX", "HOME_FAX", "OTHER", "CUSTOM"] as const;
/** lineworks-api.md locations "(ASSUMED from seed 001)". */
export const LOCATION_TYPES = ["WORK", "HOME", "OTHER", "CUSTOM"] as const;
/** lineworks-api.md events "(ASSUMED from seed 001)". */
export const EVENT_TYPES = ["BIRTHDAY", "ANNIVERSARY", "OTHER", "CUSTOM"] as const;
export const CALENDAR_TYPES = ["SOLAR", "LUNAR"] as const;
/** lineworks-api.md messengers "(ASSUMED; TWITTER and X mean the same)": both accepted, stored as sent. */
export const MESSENGER_TYPES = ["LINE", "FACEBOOK", "TWITTER", "X", "CUSTOM"] as const;
export const I18N_LANGUAGES = ["ko_KR", "ja_JP", "zh_CN", "zh_TW", "en_US"] as const;
export const PROPERTY_TYPES = ["STRING", "LINK"] as const;
export const SEARCH_DATE_TYPES = ["CREATED_TIME", "MODIFIED_TIME"] as const;
export const SEARCH_FILTER_TYPES = ["LINKED_EXTERNAL_USER"] as const;
export const CONTACT_ORDER_FIELDS = ["name", "createdTime", "modifiedTime"] as const;

/**
 * ASSUMED (no source): `customType` is required (non-empty) when a sub-object's
 * `type` is CUSTOM (seed 001: "Available if the ... type is CUSTOM").
 */
export const CUSTOM_TYPE_REQUIRED_FOR_CUSTOM = true;

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

/** lineworks-api.md "displayName (required, 1..20, unique)" is documented; the 409 for a repeat is ASSUMED like tag names. */
export const DISPLAY_NAME_UNIQUE = true;

// ---------------------------------------------------------------------------
// Listing
// ---------------------------------------------------------------------------

/** ASSUMED (seed 001 defaults "CREATION_TIME ... ASC"): default contact order. */
export const DEFAULT_CONTACT_ORDER = { field: "createdTime", direction: "asc" } as const;
/** ASSUMED (seed 001 "searchDateType ... CREATION_TIME (default)"): bounds without searchDateType filter on createdTime. */
export const DEFAULT_SEARCH_DATE_TYPE = "CREATED_TIME" as const;
/**
 * ASSUMED: both bounds are inclusive, compared at second precision (a client that
 * splits a range at a bound sees a contact twice rather than never). A window
 * longer than 7 days is 400 (lineworks-api.md "ASSUMED 400 when longer"); one bound
 * alone means 7 days from it (documented), forward from a start, backward from an end.
 */
export const DATE_BOUNDS_INCLUSIVE = true;
/** ASSUMED: the name sort key is lastName then firstName, by code point. */
export const NAME_SORT_KEY = (name: Record<string, unknown> | undefined): string =>
  `${typeof name?.lastName === "string" ? name.lastName : ""}\u0000${typeof name?.firstName === "string" ? name.firstName : ""}`;
/** lineworks-api.md "`email` (partial match)": ASSUMED case-insensitive substring of any of the contact's emails. */
export const EMAIL_FILTER_CASE_INSENSITIVE = true;
/* lineworks-api.md "`telephone` (at least 4 digits, partial match)": ASSUMED digits-only substring of any telephone (contact-query.ts). */
/** ASSUMED: an unknown contactTagId filter yields an empty list rather than an error. */
export const UNKNOWN_TAG_FILTER_IS_EMPTY = true;
/**
 * lineworks-api.md "The last page has no nextCursor (ASSUMED: the field is
 * absent ...)": `responseMetaData` is `{}` on the last page.
 */
export const LAST_PAGE_HAS_NO_CURSOR_FIELD = true;
/** ASSUMED (no source): a cursor is bound to its list and query; reusing it with other filters or order is 400. */
export const CURSOR_BOUND_TO_QUERY = true;

/*
 * ASSUMED behaviours that are code rather than a constant (one function each):
 * - PATCH /contacts: each sent top-level field replaces that field as a whole (no
 *   deep merge of permission, contactName or customProperties); `null` clears an
 *   optional field; the result must satisfy every rule (contact-model.ts mergePatch).
 *   lineworks-api.md "PATCH ... only sent fields change".
 * - Member references (masterUserId, user tag userId, accessibleMembers ids) are
 *   returned as sent (an email or the member's userId); both resolve to the same
 *   member (store.ts Domain.member). No source says which form the API returns.
 * - A member can access (GET /users/{userId}/contacts) contacts with accessibleRange
 *   ALL, those it is master of, and MEMBER contacts naming it as a USER in
 *   accessibleMembers; ORGUNIT/GROUP membership is not modelled (contact-query.ts).
 * - Tag names are unique, exactly and case-sensitively, within their scope: company
 *   tags among company tags, a member's user tags among that member's
 *   (routes/tags.ts assertUniqueTagName). lineworks-api.md "409 duplicate name (ASSUMED)".
 * - GET /contact-tags without `type` returns company tags and every member's user
 *   tags, in creation order unless `orderBy=name asc|desc` (routes/tags.ts listTags).
 * - Custom properties are listed in creation order (routes/custom-properties.ts).
 * - Deleting a custom property removes its values from contacts at once, although
 *   the docs say "asynchronously": a client never sees stale values
 *   (routes/custom-properties.ts). Deleting a tag removes its id from contacts.
 * - searchFilterType=LINKED_EXTERNAL_USER returns nothing: only customer/client
 *   contacts can be created through the API (seed 000), so none is linked.
 */

// ---------------------------------------------------------------------------
// Custom properties endpoints
// ---------------------------------------------------------------------------

/**
 * lineworks-api.md "GET /contacts/custom-properties?domainId=": ASSUMED `domainId`
 * is required (400 when missing) on GET list, GET one and DELETE; optional on PATCH
 * (no `domainId` in its table row); when present it must be the token's domain.
 */
export const CUSTOM_PROPERTY_DOMAIN_ID_REQUIRED = { get: true, delete: true, patch: false } as const;
/** ASSUMED: `i18nDisplayNames` languages are unique within one property (400 on repeats). */
export const I18N_LANGUAGES_UNIQUE = true;

// ---------------------------------------------------------------------------
// Photos
// ---------------------------------------------------------------------------

/**
 * lineworks-api.md photo row: "upload the bytes to uploadUrl (ASSUMED: multipart
 * POST, field `FileData`, same bearer token)". ASSUMED further: the upload URL is
 * single-use and lives for one hour; the upload answers 200 `{}`; the uploaded
 * size must not exceed the announced fileSize; a later upload replaces the photo.
 * The download URL (302 Location of GET photo) also needs the bearer token and
 * serves the bytes with a content type from the file extension.
 */
export const PHOTO_UPLOAD_FIELD = "FileData";
export const PHOTO_UPLOAD_TTL_MS = 60 * 60 * 1000;
export const PHOTO_UPLOAD_STATUS = 200;
export const PHOTO_DOWNLOAD_NEEDS_TOKEN = true;
export const PHOTO_CONTENT_TYPES: Record<string, string> = {
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  gif: "image/gif",
  bmp: "image/bmp",
  webp: "image/webp",
};

// ---------------------------------------------------------------------------
// Auth
// ---------------------------------------------------------------------------

/**
 * lineworks-api.md "Authentication" step 3: `expires_in` may be a string or a
 * number; the emulator sends a string (ASSUMED, the stricter case for clients).
 */
export const EXPIRES_IN_AS_STRING = true;
/** documented: several scopes are comma-separated; ASSUMED: spaces are accepted too, and any scope other than contact / contact.read is `invalid_scope`. */
export const GRANTABLE_SCOPES = ["contact", "contact.read"] as const;
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
/** ASSUMED: a refresh keeps the scopes of the original grant and also rotates the refresh token (documented: "returns a new access and refresh token"); the old refresh token stays valid until it expires. */
export const REFRESH_ROTATES_REFRESH_TOKEN = true;

// ---------------------------------------------------------------------------
// Rate limit
// ---------------------------------------------------------------------------

/**
 * documented: limit per API operation per domain, headers rateLimit-limit,
 * -remaining, -reset (seconds), -used. ASSUMED: fixed 60-second windows that start
 * at the first request of a window; a request refused with 429 does not count;
 * only authenticated calls count (401s carry no rateLimit headers); the token
 * endpoint is not rate limited.
 */
export const RATE_LIMIT_HEADERS = {
  limit: "rateLimit-limit",
  remaining: "rateLimit-remaining",
  reset: "rateLimit-reset",
  used: "rateLimit-used",
} as const;

// ---------------------------------------------------------------------------
// Identifiers and times
// ---------------------------------------------------------------------------

/** ASSUMED (seed 000 example "81c6c568-e090-4d9e-549f-049dea60cbc7"): contactId is a UUID. */
export function newContactId(): string {
  return randomUUID();
}

/** ASSUMED (seed 000 example "ctag2a81-94b6-4642-6903-03aa7977da91"): a UUID whose first 4 characters are "ctag". */
export function newContactTagId(): string {
  return `ctag${randomUUID().slice(4)}`;
}

/** ASSUMED (no source): customPropertyId is a UUID. */
export function newCustomPropertyId(): string {
  return randomUUID();
}

/** ASSUMED (no source; seed 000 example "userf7da-..."): seeded members without a userId get a UUID starting with "user". */
export function newMemberUserId(): string {
  return `user${randomUUID().slice(4)}`;
}

/**
 * documented: times are `YYYY-MM-DDThh:mm:ssTZD`. ASSUMED: the emulator renders
 * them in +09:00 (the LINE WORKS examples' offset).
 */
export const RENDER_UTC_OFFSET_MINUTES = 9 * 60;
