/**
 * How the resources read the API where lineworks-api.md says ASSUMED or says
 * nothing. Each entry is a one-line fix when the real API's behaviour is known.
 */

/*
 * Lists compared as sets (`set: true` in provider/schema): contactTagIds and
 * permission.accessibleMembers, whose order carries no meaning. Other lists (emails,
 * telephones, ...) keep order. TWITTER reads and compares as X: provider/schema/limits.ts.
 */

/* The comparison defaults (primary, isCoEditing, calendarType, customType, accessibleMembers)
 * live in the bottom layer, provider/schema/comparison-defaults.ts. */
export {
  ACCESSIBLE_MEMBERS_ONLY_FOR_MEMBER,
  CUSTOM_TYPE_ONLY_FOR_CUSTOM,
  DEFAULT_CALENDAR_TYPE,
  DEFAULT_IS_CO_EDITING,
  DEFAULT_PRIMARY,
} from "../schema/comparison-defaults";

/**
 * lineworks-api.md "PATCH changes only what it sends"; the emulator also lets
 * `null` clear a field, but the real API's handling of null is unknown. So a
 * change that empties or removes a field goes through PUT with the whole desired
 * contact (PUT resets what it omits), and every other change through PATCH with
 * just the changed top-level fields (each sent field replaces the stored one).
 */
export const PATCH_CAN_CLEAR_FIELDS = false;

/** ASSUMED: refresh reads contacts from one listing; page size of that listing (API maximum). */
export const LISTING_PAGE_SIZE = 500;

/*
 * Contact photos: the accepted image formats (JPEG, PNG, GIF, BMP, by magic bytes) are
 * ASSUMED, see PHOTO_IMAGE_SIGNATURES in provider/schema/limits.ts.
 */
