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
/** ASSUMED; TWITTER and X mean the same. */
export const MESSENGER_TYPES = ["LINE", "FACEBOOK", "TWITTER", "X", "CUSTOM"] as const;

/** Photo upload (POST /contacts/{id}/photo fileSize). */
export const PHOTO_MAX_BYTES = 10_485_760;
