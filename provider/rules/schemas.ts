/**
 * zod schemas of the resource inputs, per lineworks-api.md. Unknown fields are
 * errors (they are almost always typos in a desired-state file). Rules that span
 * several fields live in index.ts, where they can name the right field.
 */
import { z } from "zod";
import * as L from "./limits";

const text = (max: number) => z.string().min(1).max(max);
const optionalText = (max?: number) => (max === undefined ? z.string() : z.string().max(max)).optional();
const list = <T extends z.ZodType>(item: T) => z.array(item).max(L.CONTACT_LIST_MAX);
const flag = z.boolean().optional();

/** Inputs every resource takes besides the API's fields. */
const adoptInput = { adopt: flag };

export const companyContactTagSchema = z.strictObject({
  contactTagName: text(L.CONTACT_TAG_NAME_MAX),
  ...adoptInput,
});

export const userContactTagSchema = z.strictObject({
  userId: z.string().min(1),
  contactTagName: text(L.CONTACT_TAG_NAME_MAX),
  ...adoptInput,
});

export const i18nDisplayNameSchema = z.strictObject({
  language: z.enum(L.I18N_LANGUAGES),
  name: text(L.I18N_NAME_MAX),
});

export const contactCustomPropertySchema = z.strictObject({
  propertyName: z
    .string()
    .min(1)
    .max(L.PROPERTY_NAME_MAX)
    .regex(L.PROPERTY_NAME_PATTERN, {
      message: "must start with a letter or _ and contain only letters, digits and _",
    }),
  displayName: text(L.DISPLAY_NAME_MAX),
  i18nDisplayNames: z.array(i18nDisplayNameSchema).max(L.I18N_LANGUAGES.length).optional(),
  propertyType: z.enum(L.PROPERTY_TYPES),
  multiValued: flag,
  displayOrder: z.number().int().min(1).nullable().optional(),
  ...adoptInput,
});

const accessibleMemberSchema = z.strictObject({
  id: z.string().min(1),
  type: z.enum(L.ACCESSIBLE_MEMBER_TYPES),
});

const permissionSchema = z.strictObject({
  accessibleRange: z.enum(L.ACCESSIBLE_RANGES),
  masterUserId: z.string().min(1),
  isCoEditing: flag,
  accessibleMembers: z.array(accessibleMemberSchema).max(L.ACCESSIBLE_MEMBERS_MAX).optional(),
});

const namePart = optionalText(L.CONTACT_NAME_PART_MAX);
const contactNameSchema = z.strictObject({
  lastName: namePart,
  firstName: namePart,
  phoneticLastName: namePart,
  phoneticFirstName: namePart,
  prefix: namePart,
  suffix: namePart,
  middleName: namePart,
  nickName: namePart,
});

const emailSchema = z.strictObject({
  email: text(L.EMAIL_MAX).regex(L.EMAIL_PATTERN, { message: "must be an email address (name@domain)" }),
  primary: flag,
});

const telephoneSchema = z.strictObject({
  type: z.enum(L.TELEPHONE_TYPES),
  customType: z.string().optional(),
  telephone: text(L.TELEPHONE_MAX).regex(L.TELEPHONE_PATTERN, {
    message: "may contain only digits and - * # + P T ( ), with at least one digit",
  }),
  primary: flag,
});

const organizationSchema = z.strictObject({
  name: z.string().optional(),
  department: z.string().optional(),
  title: z.string().optional(),
  primary: flag,
});

const locationSchema = z.strictObject({
  type: z.enum(L.LOCATION_TYPES),
  customType: z.string().optional(),
  address: z.string().optional(),
  zipCode: z.string().optional(),
  primary: flag,
});

const eventSchema = z.strictObject({
  type: z.enum(L.EVENT_TYPES),
  customType: z.string().optional(),
  date: z.string().refine(isCalendarDate, { message: "must be a date YYYY-MM-DD" }),
  calendarType: z.enum(L.CALENDAR_TYPES).optional(),
  primary: flag,
});

const messengerSchema = z.strictObject({
  type: z.enum(L.MESSENGER_TYPES),
  customType: z.string().optional(),
  id: z.string().min(1),
  primary: flag,
});

const websiteSchema = z.strictObject({ url: z.string().min(1), primary: flag });

export const contactSchema = z.strictObject({
  permission: permissionSchema,
  contactName: contactNameSchema,
  emails: list(emailSchema).optional(),
  telephones: list(telephoneSchema).optional(),
  organizations: list(organizationSchema).optional(),
  locations: list(locationSchema).optional(),
  events: list(eventSchema).optional(),
  messengers: list(messengerSchema).optional(),
  websites: list(websiteSchema).optional(),
  memo: z.string().max(L.MEMO_MAX).optional(),
  contactTagIds: list(z.string().min(1)).optional(),
  // Values are checked in index.ts, against the property's type when it is known.
  customProperties: z.record(z.string(), z.unknown()).optional(),
  /** A local image file, uploaded as the contact's photo. */
  photo: z.string().min(1).optional(),
  /** Delete through /forcedelete (skipping the contacts trash). */
  forceDelete: flag,
  ...adoptInput,
});

export function isCalendarDate(value: string): boolean {
  if (!L.EVENT_DATE_PATTERN.test(value)) return false;
  const [y, m, d] = value.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

const represent = flag;
export const customValueSchemas = {
  STRING: {
    single: z.strictObject({ content: z.string() }),
    multi: z.array(z.strictObject({ content: z.string(), represent })).max(L.CUSTOM_PROPERTY_MAX_VALUES),
  },
  LINK: {
    single: z.strictObject({ text: z.string().optional(), link: z.string().min(1) }),
    multi: z
      .array(z.strictObject({ text: z.string().optional(), link: z.string().min(1), represent }))
      .max(L.CUSTOM_PROPERTY_MAX_VALUES),
  },
} as const;
