/**
 * Request body schemas from lineworks-api.md "Objects" (zod), and the mapping of a
 * schema failure to a 400 `INVALID_PARAMETER` naming the field. Rules that need the
 * domain's data (members, tags, custom property definitions) live with the routes.
 */
import { z } from "zod";
import {
  ACCESSIBLE_MEMBER_TYPES,
  ACCESSIBLE_RANGES,
  CALENDAR_TYPES,
  CUSTOM_TYPE_REQUIRED_FOR_CUSTOM,
  EMAIL_PATTERN,
  EVENT_TYPES,
  I18N_LANGUAGES,
  I18N_LANGUAGES_UNIQUE,
  KEEP_UNKNOWN_SUBOBJECT_FIELDS,
  LIMITS,
  LOCATION_TYPES,
  MESSENGER_TYPES,
  PROPERTY_NAME_PATTERN,
  PROPERTY_TYPES,
  REMOVED_MESSENGER_TYPES,
  TELEPHONE_PATTERN,
  TELEPHONE_TYPES,
} from "./assumptions";
import { invalidParameter } from "./errors";
import { isCalendarDate } from "./time";

/** Parses `body` with `schema`, or throws 400 naming the first offending field. */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    throw invalidParameter("the request body must be a JSON object");
  }
  const result = schema.safeParse(body);
  if (!result.success) throw invalidParameter(describeIssue(result.error.issues[0]));
  return result.data;
}

export function describeIssue(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return "invalid request";
  const path = issue.path
    .map((key, index) => (typeof key === "number" ? `[${key}]` : `${index === 0 ? "" : "."}${String(key)}`))
    .join("");
  return path ? `${path}: ${issue.message}` : issue.message;
}

const optionalText = (max: number) => z.string().max(max).nullish();
/** A contact sub-object: unknown fields are kept (pass-through) or dropped. */
const subObject = <S extends z.core.$ZodLooseShape>(shape: S) =>
  KEEP_UNKNOWN_SUBOBJECT_FIELDS ? z.looseObject(shape) : (z.object(shape) as unknown as z.ZodObject<S, z.core.$loose>);
const primary = z.boolean().nullish();
const isPresent = (value: unknown) => typeof value === "string" && value !== "";

/** A type enum; a removed type (TWITTER) is refused with the type to use instead. */
const typeEnum = <T extends readonly [string, ...string[]]>(types: T) =>
  z.enum(types, {
    error: (issue) => {
      const replacement = typeof issue.input === "string" ? REMOVED_MESSENGER_TYPES[issue.input] : undefined;
      return replacement && types.includes(replacement) ? `${String(issue.input)} is no longer accepted: use ${replacement}` : undefined;
    },
  });

/** A list sub-object with `type`/`customType`: customType is required for CUSTOM. */
function typed<T extends readonly [string, ...string[]], S extends z.core.$ZodLooseShape>(types: T, shape: S) {
  return subObject({ type: typeEnum(types), customType: optionalText(LIMITS.shortText), ...shape })
    .superRefine((item, ctx) => {
      if (CUSTOM_TYPE_REQUIRED_FOR_CUSTOM && item.type === "CUSTOM" && !isPresent(item.customType)) {
        ctx.addIssue({ code: "custom", path: ["customType"], message: "customType is required when type is CUSTOM" });
      }
    });
}

const list = <T extends z.ZodType>(item: T) => z.array(item).max(LIMITS.contactList);

export const permissionSchema = subObject({
    accessibleRange: z.enum(ACCESSIBLE_RANGES),
    masterUserId: z.string().min(1),
    isCoEditing: z.boolean().nullish(),
    accessibleMembers: z
      .array(subObject({ id: z.string().min(1), type: z.enum(ACCESSIBLE_MEMBER_TYPES) }))
      .max(LIMITS.accessibleMembers)
      .nullish(),
  })
  .superRefine((permission, ctx) => {
    if (permission.accessibleRange === "MEMBER" && !(permission.accessibleMembers && permission.accessibleMembers.length > 0)) {
      ctx.addIssue({ code: "custom", path: ["accessibleMembers"], message: "accessibleMembers is required when accessibleRange is MEMBER" });
    }
  });

const NAME_PARTS = ["lastName", "firstName", "phoneticLastName", "phoneticFirstName", "prefix", "suffix", "middleName", "nickName"] as const;

export const contactNameSchema = subObject(Object.fromEntries(NAME_PARTS.map((part) => [part, optionalText(LIMITS.contactNamePart)])) as Record<
    (typeof NAME_PARTS)[number],
    ReturnType<typeof optionalText>
  >)
  .superRefine((name, ctx) => {
    if (!isPresent(name.lastName) && !isPresent(name.firstName)) {
      ctx.addIssue({ code: "custom", message: "lastName or firstName is required" });
    }
  });

const contactFieldShapes = {
  permission: permissionSchema,
  contactName: contactNameSchema,
  emails: list(subObject({ email: z.string().min(1).max(LIMITS.email).regex(EMAIL_PATTERN, "must be an email address"), primary })),
  telephones: list(
    typed(TELEPHONE_TYPES, {
      telephone: z
        .string()
        .min(1)
        .max(LIMITS.telephone)
        .regex(TELEPHONE_PATTERN, "only digits and - * # + P T ( ) are allowed, with at least one digit"),
      primary,
    }),
  ),
  organizations: list(
    subObject({
      name: optionalText(LIMITS.shortText),
      department: optionalText(LIMITS.shortText),
      title: optionalText(LIMITS.shortText),
      primary,
    }),
  ),
  locations: list(
    typed(LOCATION_TYPES, { address: optionalText(LIMITS.longText), zipCode: optionalText(LIMITS.zipCode), primary }),
  ),
  events: list(
    typed(EVENT_TYPES, {
      date: z.string().refine(isCalendarDate, "must be a date YYYY-MM-DD"),
      calendarType: z.enum(CALENDAR_TYPES).nullish(),
      primary,
    }),
  ),
  messengers: list(typed(MESSENGER_TYPES, { id: z.string().min(1).max(LIMITS.shortText), primary })),
  websites: list(subObject({ url: z.string().min(1).max(LIMITS.longText), primary })),
  memo: z.string().max(LIMITS.memo),
  contactTagIds: list(z.string().min(1)),
  customProperties: z.record(z.string(), z.unknown()),
};

/** The writable top-level fields of a contact, in API order. */
export const CONTACT_FIELDS = Object.keys(contactFieldShapes) as Array<keyof typeof contactFieldShapes>;

/** POST and PUT: permission and contactName are required; unknown top-level fields are dropped. */
export const contactBodySchema = z.object({
  ...contactFieldShapes,
  emails: contactFieldShapes.emails.nullish(),
  telephones: contactFieldShapes.telephones.nullish(),
  organizations: contactFieldShapes.organizations.nullish(),
  locations: contactFieldShapes.locations.nullish(),
  events: contactFieldShapes.events.nullish(),
  messengers: contactFieldShapes.messengers.nullish(),
  websites: contactFieldShapes.websites.nullish(),
  memo: contactFieldShapes.memo.nullish(),
  contactTagIds: contactFieldShapes.contactTagIds.nullish(),
  customProperties: contactFieldShapes.customProperties.nullish(),
});

/** PATCH: every field optional; `null` clears an optional field (permission and contactName cannot be cleared). */
export const contactPatchSchema = z.object({
  ...contactBodySchema.shape,
  permission: permissionSchema.optional(),
  contactName: contactNameSchema.optional(),
});

export const contactTagBodySchema = z.object({
  contactTagName: z.string().min(1).max(LIMITS.contactTagName),
});

export const contactTagPatchSchema = contactTagBodySchema.partial();

const i18nDisplayNamesSchema = z
  .array(z.object({ language: z.enum(I18N_LANGUAGES), name: z.string().min(1).max(LIMITS.displayName) }))
  .superRefine((names, ctx) => {
    if (!I18N_LANGUAGES_UNIQUE) return;
    const seen = new Set<string>();
    names.forEach((entry, index) => {
      if (seen.has(entry.language)) ctx.addIssue({ code: "custom", path: [index, "language"], message: "language appears twice" });
      seen.add(entry.language);
    });
  });

export const customPropertyBodySchema = z.object({
  domainId: z.number().int(),
  propertyName: z
    .string()
    .min(1)
    .max(LIMITS.propertyName)
    .regex(PROPERTY_NAME_PATTERN, "must match [A-Za-z_][A-Za-z0-9_]*"),
  displayName: z.string().min(1).max(LIMITS.displayName),
  i18nDisplayNames: i18nDisplayNamesSchema.nullish(),
  propertyType: z.enum(PROPERTY_TYPES),
  displayOrder: z.number().int().min(1).nullish(),
  multiValued: z.boolean().nullish(),
});

export const customPropertyPatchSchema = z.object({
  domainId: z.number().int().optional(),
  displayName: z.string().min(1).max(LIMITS.displayName).optional(),
  i18nDisplayNames: i18nDisplayNamesSchema.nullish(),
  displayOrder: z.number().int().min(1).nullish(),
  propertyName: z.unknown().optional(),
  propertyType: z.unknown().optional(),
  multiValued: z.unknown().optional(),
});

export const photoBodySchema = z.object({
  fileName: z.string().min(1).max(LIMITS.photoFileName),
  fileSize: z.number().int().min(1).max(LIMITS.photoBytes),
});

const stringValue = z.strictObject({ content: z.string().min(1).max(LIMITS.customPropertyText) });
const linkValue = z.strictObject({
  text: z.string().max(LIMITS.customPropertyText).nullish(),
  link: z.string().min(1).max(LIMITS.customPropertyLink),
});
const represent = { represent: z.boolean().nullish() };

/** The value shape of a custom property, by type and multiValued (seed 000). */
export function customPropertyValueSchema(propertyType: "STRING" | "LINK", multiValued: boolean): z.ZodType {
  const single = propertyType === "STRING" ? stringValue : linkValue;
  if (!multiValued) return single;
  return z.array(single.extend(represent)).max(LIMITS.customPropertyValues);
}
