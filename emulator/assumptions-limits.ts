/**
 * Limits, patterns and enumerations of the emulated API: documented values (marked
 * "documented") next to the ASSUMED ones, each citing the line of
 * `lineworks-api.md` (or the seed) it comes from. Part of the emulator's one place
 * for assumptions (assumptions.ts re-exports all three files).
 */

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
  /** documented: photo fileSize 1..10485760 (larger uploads: 400 LIMIT_EXCEEDED, ASSUMED code). */
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
/**
 * lineworks-api.md messengers: "from mid-November 2026 TWITTER is removed (a request
 * with it: ASSUMED 400)" and "both TWITTER and X come back as X" (docs kr
 * `contact-create`). TWITTER is refused with a 400 that says to use X; a TWITTER
 * stored earlier (an old --data file) is rendered as X.
 */
export const MESSENGER_TYPES = ["LINE", "FACEBOOK", "X", "CUSTOM"] as const;
export const REMOVED_MESSENGER_TYPES: Readonly<Record<string, (typeof MESSENGER_TYPES)[number]>> = { TWITTER: "X" };
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
// Rate limit
// ---------------------------------------------------------------------------

/**
 * documented: limit per API operation per domain, headers rateLimit-limit,
 * -remaining, -reset (seconds), -used; a 302 carries none (docs page `rate-limits`).
 * ASSUMED: fixed 60-second windows that start at the first request of a window; a request refused with 429 does not count;
 * only authenticated calls count (401s carry no rateLimit headers); the token
 * endpoint is not rate limited.
 */
export const RATE_LIMIT_HEADERS = {
  limit: "rateLimit-limit",
  remaining: "rateLimit-remaining",
  reset: "rateLimit-reset",
  used: "rateLimit-used",
} as const;
