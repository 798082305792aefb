/**
 * The Contact object, declared once (lineworks-api.md "Objects", Contact). Limits come from
 * ./limits.ts, where every ASSUMED one is marked; how-it-compares facts (defaults, fields
 * that matter only for some types) from ./comparison-defaults.ts.
 */
import * as L from "./limits";
import {
  ACCESSIBLE_MEMBERS_ONLY_FOR_MEMBER,
  CUSTOM_TYPE_ONLY_FOR_CUSTOM,
  DEFAULT_CALENDAR_TYPE,
  DEFAULT_IS_CO_EDITING,
  DEFAULT_PRIMARY,
} from "./comparison-defaults";
import { customValues, fieldNames, flag, integer, isWritable, listOf, object, oneOf, text, type FieldsValue, type ResponseValue, type Value } from "./facts";
import { isRecord } from "./json";
import { yamlSpellings } from "./derive";

export function isCalendarDate(value: string): boolean {
  if (!L.EVENT_DATE_PATTERN.test(value)) return false;
  const [y, m, d] = value.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

const primary = flag({ optional: true, default: DEFAULT_PRIMARY });
const customType = text({
  optional: true,
  max: L.SHORT_TEXT_MAX,
  relevantWhen: { field: "type", equals: "CUSTOM", enabled: CUSTOM_TYPE_ONLY_FOR_CUSTOM },
  ...(L.CUSTOM_TYPE_REQUIRED_FOR_CUSTOM ? { requiredWhen: { field: "type", equals: "CUSTOM" } } : {}),
});
const optionalText = (max: number) => text({ optional: true, max });
const namePart = optionalText(L.CONTACT_NAME_PART_MAX);

export const accessibleMemberFact = object(
  { id: text({ min: 1 }), type: oneOf(L.ACCESSIBLE_MEMBER_TYPES) },
  { open: true },
);

export const permissionFact = object(
  {
    accessibleRange: oneOf(L.ACCESSIBLE_RANGES),
    masterUserId: text({ min: 1 }),
    isCoEditing: flag({ optional: true, default: DEFAULT_IS_CO_EDITING }),
    accessibleMembers: listOf(accessibleMemberFact, {
      optional: true,
      max: L.ACCESSIBLE_MEMBERS_MAX,
      set: true,
      nonEmptyWhen: { field: "accessibleRange", equals: "MEMBER" },
      relevantWhen: { field: "accessibleRange", equals: "MEMBER", enabled: ACCESSIBLE_MEMBERS_ONLY_FOR_MEMBER },
    }),
  },
  { open: true },
);

export const contactNameFact = object(
  {
    lastName: namePart,
    firstName: namePart,
    phoneticLastName: namePart,
    phoneticFirstName: namePart,
    prefix: namePart,
    suffix: namePart,
    middleName: namePart,
    nickName: namePart,
  },
  { open: true },
);

export const emailFact = object(
  { email: text({ min: 1, max: L.EMAIL_MAX, pattern: L.EMAIL_PATTERN, patternMessage: "must be an email address (name@domain)" }), primary },
  { open: true },
);

export const telephoneFact = object(
  {
    type: oneOf(L.TELEPHONE_TYPES),
    customType,
    telephone: text({
      min: 1,
      max: L.TELEPHONE_MAX,
      pattern: L.TELEPHONE_PATTERN,
      patternMessage: "may contain only digits and - * # + P T ( ), with at least one digit",
    }),
    primary,
  },
  { open: true },
);

export const organizationFact = object(
  {
    name: optionalText(L.SHORT_TEXT_MAX),
    department: optionalText(L.SHORT_TEXT_MAX),
    title: optionalText(L.SHORT_TEXT_MAX),
    primary,
  },
  { open: true },
);

export const locationFact = object(
  {
    type: oneOf(L.LOCATION_TYPES),
    customType,
    address: optionalText(L.LONG_TEXT_MAX),
    zipCode: optionalText(L.ZIP_CODE_MAX),
    primary,
  },
  { open: true },
);

export const eventFact = object(
  {
    type: oneOf(L.EVENT_TYPES),
    customType,
    date: text({ check: isCalendarDate, checkMessage: "must be a date YYYY-MM-DD" }),
    calendarType: oneOf(L.CALENDAR_TYPES, { optional: true, default: DEFAULT_CALENDAR_TYPE }),
    primary,
  },
  { open: true },
);

export const messengerFact = object(
  {
    type: oneOf(L.MESSENGER_TYPES, { aliases: L.MESSENGER_TYPE_ALIASES, removed: L.REMOVED_MESSENGER_TYPES }),
    customType,
    id: text({ min: 1, max: L.SHORT_TEXT_MAX }),
    primary,
  },
  { open: true },
);

export const websiteFact = object({ url: text({ min: 1, max: L.LONG_TEXT_MAX }), primary }, { open: true });

const contactList = <const I extends Parameters<typeof listOf>[0]>(item: I) => listOf(item, { optional: true, max: L.CONTACT_LIST_MAX });

/** The writable fields (POST / PUT / PATCH bodies). */
export const contactFieldFacts = {
  permission: permissionFact,
  contactName: contactNameFact,
  emails: contactList(emailFact),
  telephones: contactList(telephoneFact),
  organizations: contactList(organizationFact),
  locations: contactList(locationFact),
  events: contactList(eventFact),
  messengers: contactList(messengerFact),
  websites: contactList(websiteFact),
  memo: text({ optional: true, max: L.MEMO_MAX, secret: true }),
  contactTagIds: listOf(text({ min: 1 }), { optional: true, max: L.CONTACT_LIST_MAX, set: true, unique: true, itemLabel: "tag" }),
  customProperties: customValues({ optional: true, secret: true }),
} as const;

const linkedExternalUserFact = object(
  { id: text({}), type: oneOf(["WORKS", "LINE"]), buddyUserIds: listOf(text({}), { optional: true }) },
  { open: true },
);

/** A contact as the API returns it. */
export const contactFact = object(
  {
    contactId: text({ min: 1, key: true, readOnly: true }),
    ...contactFieldFacts,
    linkedExternalUser: { ...linkedExternalUserFact, optional: true, nullable: true, readOnly: true },
    createdTime: text({ optional: true, readOnly: true }),
    modifiedTime: text({ optional: true, readOnly: true }),
  },
  { open: true },
);

/** The Contact resource's inputs: the writable fields plus ours. */
export const contactInputFacts = object({
  ...contactFieldFacts,
  /** A local image file, uploaded as the contact's photo. */
  photo: text({ optional: true, min: 1, local: true, tracked: true }),
  /** Delete through /forcedelete (skipping the contacts trash). */
  forceDelete: flag({ optional: true, local: true }),
  adopt: flag({ optional: true, local: true }),
});

/** A YAML contact entry's own fields: `tags` holds keys of tags/userTags, resolved to contactTagIds. */
export const contactYamlOnlyFacts = {
  tags: listOf(text({ min: 1 }), { optional: true, max: L.CONTACT_LIST_MAX, yamlOnly: { replaces: "contactTagIds" } }),
} as const;

export type ContactFieldFacts = typeof contactFieldFacts;
export type ContactFieldName = keyof ContactFieldFacts;
export const CONTACT_FIELD_NAMES: readonly ContactFieldName[] = fieldNames(contactFieldFacts, isWritable);
/** Free text that may be sensitive (memo, custom values): what `secretFields` may name (CONTRACT §5). */
export const SECRET_CONTACT_FIELD_NAMES = fieldNames(contactFieldFacts, (fact) => fact.secret === true) as readonly SecretContactFieldName[];
/** The fields declared `secret` above. */
export type SecretContactFieldName = { [K in ContactFieldName]: ContactFieldFacts[K] extends { secret: true } ? K : never }[ContactFieldName];

/** API field → its spelling in a YAML entry, where a YAML-only field stands for it (contactTagIds → tags). */
export const CONTACT_YAML_SPELLINGS = yamlSpellings(contactYamlOnlyFacts);
/** A contact field as a YAML entry names it. */
export const yamlNameOf = (field: string): string => CONTACT_YAML_SPELLINGS[field] ?? field;

/** POST /contacts/{contactId}/photo (contact-photo-create): the file's name and size; the bytes go to the returned uploadUrl. */
export const photoUploadRequestFact = object({ fileName: text({ min: 1 }), fileSize: integer({ min: 1, max: L.PHOTO_MAX_BYTES }) });

export type AccessibleMember = Value<typeof accessibleMemberFact>;
export type Permission = Value<typeof permissionFact>;
export type ContactName = Value<typeof contactNameFact>;
export type Email = Value<typeof emailFact>;
export type Telephone = Value<typeof telephoneFact>;
export type Organization = Value<typeof organizationFact>;
export type Location = Value<typeof locationFact>;
export type ContactEvent = Value<typeof eventFact>;
export type Messenger = Value<typeof messengerFact>;
export type Website = Value<typeof websiteFact>;
/** POST / PUT / PATCH bodies: any of the writable fields (PATCH sends only what changes). */
export type ContactFields = Partial<FieldsValue<ContactFieldFacts>>;
export type Contact = ResponseValue<typeof contactFact>;
/** The Contact resource's inputs (API fields and ours). */
export type ContactInputs = Value<typeof contactInputFacts>;

/**
 * A contact's natural key: its primary email (else its first), compared case-insensitively
 * (lineworks-api.md: the email filter searches the primary email; an address's case carries
 * no meaning). The one rule for adoption, duplicate checks and export.
 */
export function primaryEmail(fields: { emails?: unknown }): string | undefined {
  const emails: unknown[] = Array.isArray(fields.emails) ? fields.emails : [];
  const chosen = emails.find((e) => isRecord(e) && e.primary === true) ?? emails[0];
  const email = isRecord(chosen) ? chosen.email : undefined;
  return typeof email === "string" && email !== "" ? email.toLowerCase() : undefined;
}

