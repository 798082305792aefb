/**
 * How the resources compare a contact where lineworks-api.md says ASSUMED or says nothing:
 * the defaults a server may fill in, and fields that mean something only for some types.
 * Each is a one-line fix when the real API's behaviour is known. Part of the bottom layer.
 */

/** ASSUMED (no source): a list item without `primary` is not primary. */
export const DEFAULT_PRIMARY = false;

/** Documented default of permission.isCoEditing. */
export const DEFAULT_IS_CO_EDITING = true;

/** ASSUMED (no source): an event without calendarType is a SOLAR date. */
export const DEFAULT_CALENDAR_TYPE = "SOLAR";

/** ASSUMED (no source): customType means something only when type is CUSTOM; the API may drop it otherwise. */
export const CUSTOM_TYPE_ONLY_FOR_CUSTOM = true;

/** ASSUMED (no source): accessibleMembers mean something only when accessibleRange is MEMBER. */
export const ACCESSIBLE_MEMBERS_ONLY_FOR_MEMBER = true;
