/**
 * Every limit of the Contact API that the offline rules check, in one place.
 * Values marked ASSUMED in ../../shared/lineworks-api.md are marked here too,
 * so correcting one is a one-line change.
 */

/** Tag names (company and user tags). */
export const CONTACT_TAG_NAME_MAX = 30;

/** Custom property definitions. */
export const PROPERTY_NAME_MAX = 120;
export const PROPERTY_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;
export const DISPLAY_NAME_MAX = 20;
export const I18N_NAME_MAX = 20;
export const I18N_LANGUAGES = ["ko_KR", "ja_JP", "zh_CN", "zh_TW", "en_US"] as const;
export const PROPERTY_TYPES = ["STRING", "LINK"] as const;
export const MAX_CUSTOM_PROPERTIES_PER_DOMAIN = 5;
/** Values of one multi-valued custom property on one contact (seed 000). */
export const CUSTOM_PROPERTY_MAX_VALUES = 10;
/**
 * ASSUMED (lineworks-api.md gives no length; the emulator's limit, agreement corpus):
 * STRING `content` 1..1000, LINK `text` <= 1000, LINK `link` 1..2000.
 */
export const CUSTOM_VALUE_TEXT_MAX = 1000;
export const CUSTOM_VALUE_LINK_MAX = 2000;

/** Contacts. */
export const CONTACT_LIST_MAX = 100;
export const MEMO_MAX = 4000;
export const ACCESSIBLE_MEMBERS_MAX = 500;
export const ACCESSIBLE_RANGES = ["ALL", "MEMBER"] as const;
export const ACCESSIBLE_MEMBER_TYPES = ["USER", "ORGUNIT", "GROUP"] as const;
/** ASSUMED: each contactName part. */
export const CONTACT_NAME_PART_MAX = 100;
/** ASSUMED. */
export const EMAIL_MAX = 256;
/**
 * ASSUMED (lineworks-api.md gives no length; the emulator's limit, agreement corpus):
 * customType, organization name / department / title, messenger id.
 */
export const SHORT_TEXT_MAX = 100;
/** ASSUMED (as above): location address, website url. */
export const LONG_TEXT_MAX = 1000;
/** ASSUMED (as above): location zipCode. */
export const ZIP_CODE_MAX = 20;
/** ASSUMED (no source; the emulator's rule too): local@domain without spaces, nothing stricter. */
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+$/;
/** ASSUMED (seed 001 "Available if the ... type is CUSTOM"; the emulator's rule too): CUSTOM needs a customType. */
export const CUSTOM_TYPE_REQUIRED_FOR_CUSTOM = true;
/** ASSUMED. */
export const TELEPHONE_MAX = 100;
/** ASSUMED from seed 001: digits and - * # + P T ( ), at least one digit. */
export const TELEPHONE_PATTERN = /^(?=.*[0-9])[0-9\-*#+PT()]+$/;
export const TELEPHONE_TYPES = ["CELLPHONE", "WORK", "HOME", "WORK_FAX", "HOME_FAX", "OTHER", "CUSTOM"] as const;
/** ASSUMED from seed 001. */
export const LOCATION_TYPES = ["WORK", "HOME", "OTHER", "CUSTOM"] as const;
/** ASSUMED from seed 001. */
export const EVENT_TYPES = ["BIRTHDAY", "ANNIVERSARY", "OTHER", "CUSTOM"] as const;
export const CALENDAR_TYPES = ["SOLAR", "LUNAR"] as const;
export const EVENT_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
/** ASSUMED from seed 001 plus X (lineworks-api.md messengers). */
export const MESSENGER_TYPES = ["LINE", "FACEBOOK", "X", "CUSTOM"] as const;
/**
 * lineworks-api.md messengers (kr `contact-create`): since the end of July 2026 the API
 * returns X for TWITTER; since mid-November 2026 TWITTER is removed. Read as X; refused in
 * a desired state with this hint (CONTRACT §7).
 */
export const MESSENGER_TYPE_ALIASES = { TWITTER: "X" } as const;
export const REMOVED_MESSENGER_TYPES = {
  TWITTER: "TWITTER was removed from the LINE WORKS API in November 2026: write X (the same service)",
} as const;

/** Photo upload (POST /contacts/{id}/photo fileSize). */
export const PHOTO_MAX_BYTES = 10_485_760;

/**
 * ASSUMED: the image formats a contact photo may have, recognised by their first bytes
 * (magic numbers), never by the file's name. The docs name none: `contact-photo-create`
 * gives only `fileName` and `fileSize` (1..10485760); `user-photo-create` recommends a
 * 640 × 640 px JPG for member photos. We accept JPEG, PNG, GIF and BMP.
 */
export const PHOTO_IMAGE_SIGNATURES = [
  { format: "JPEG", extension: ".jpg", bytes: [0xff, 0xd8, 0xff] },
  { format: "PNG", extension: ".png", bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { format: "GIF", extension: ".gif", bytes: [...Buffer.from("GIF87a")] },
  { format: "GIF", extension: ".gif", bytes: [...Buffer.from("GIF89a")] },
  { format: "BMP", extension: ".bmp", bytes: [...Buffer.from("BM")] },
] as const;
