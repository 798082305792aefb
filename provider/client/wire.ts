/**
 * The wire format of the Contact API: every request and response body as a zod
 * schema, in this one module.
 *
 * Responses are read leniently: contact sub-objects keep fields we do not model
 * (`.loose()`), so an undocumented field of the real API survives a
 * read-modify-write, and enum-like fields accept values we do not know yet. A null
 * in an optional field reads as absent.
 */
import { z } from "zod";
import type {
  Contact,
  ContactFields,
  ContactTag,
  CustomProperty,
  CustomPropertyPatch,
  NewCustomProperty,
} from "./contact-api";

/** An optional response field that the API may also send as null. */
function optional<T extends z.ZodType>(schema: T) {
  return schema.nullish().transform((value) => value ?? undefined);
}

/** An enum-like response field: known values documented, unknown ones tolerated. */
const enumLike = z.string();

const integer = z.union([z.number().int(), z.string().regex(/^-?\d+$/).transform(Number)]);

// ---------------------------------------------------------------- contacts

const accessibleMember = z.object({ id: z.string(), type: enumLike }).loose();

const permission = z
  .object({
    accessibleRange: enumLike,
    masterUserId: z.string(),
    isCoEditing: optional(z.boolean()),
    accessibleMembers: optional(z.array(accessibleMember)),
  })
  .loose();

const contactName = z
  .object({
    lastName: optional(z.string()),
    firstName: optional(z.string()),
    phoneticLastName: optional(z.string()),
    phoneticFirstName: optional(z.string()),
    prefix: optional(z.string()),
    suffix: optional(z.string()),
    middleName: optional(z.string()),
    nickName: optional(z.string()),
  })
  .loose();

const email = z.object({ email: z.string(), primary: optional(z.boolean()) }).loose();

const telephone = z
  .object({
    type: enumLike,
    customType: optional(z.string()),
    telephone: z.string(),
    primary: optional(z.boolean()),
  })
  .loose();

const organization = z
  .object({
    name: optional(z.string()),
    department: optional(z.string()),
    title: optional(z.string()),
    primary: optional(z.boolean()),
  })
  .loose();

const location = z
  .object({
    type: enumLike,
    customType: optional(z.string()),
    address: optional(z.string()),
    zipCode: optional(z.string()),
    primary: optional(z.boolean()),
  })
  .loose();

const contactEvent = z
  .object({
    type: enumLike,
    customType: optional(z.string()),
    date: z.string(),
    calendarType: optional(enumLike),
    primary: optional(z.boolean()),
  })
  .loose();

const messenger = z
  .object({
    type: enumLike,
    customType: optional(z.string()),
    id: z.string(),
    primary: optional(z.boolean()),
  })
  .loose();

const website = z.object({ url: z.string(), primary: optional(z.boolean()) }).loose();

const customPropertyValueItem = z
  .object({
    content: optional(z.string()),
    text: optional(z.string()),
    link: optional(z.string()),
    represent: optional(z.boolean()),
  })
  .loose();

const customPropertyValue = z.union([customPropertyValueItem, z.array(customPropertyValueItem)]);

const contactFieldShape = {
  permission: optional(permission),
  contactName: optional(contactName),
  emails: optional(z.array(email)),
  telephones: optional(z.array(telephone)),
  organizations: optional(z.array(organization)),
  locations: optional(z.array(location)),
  events: optional(z.array(contactEvent)),
  messengers: optional(z.array(messenger)),
  websites: optional(z.array(website)),
  memo: optional(z.string()),
  contactTagIds: optional(z.array(z.string())),
  customProperties: optional(z.record(z.string(), customPropertyValue)),
};

const linkedExternalUser = z
  .object({ id: z.string(), type: enumLike, buddyUserIds: optional(z.array(z.string())) })
  .loose();

export const contactResponse = z
  .object({
    contactId: z.string().min(1),
    ...contactFieldShape,
    linkedExternalUser: linkedExternalUser.nullish(),
    createdTime: optional(z.string()),
    modifiedTime: optional(z.string()),
  })
  .loose();

const responseMetaData = z.object({ nextCursor: z.string().nullish() }).loose();

export const contactListResponse = z
  .object({
    contacts: z.array(contactResponse).nullish().transform((list) => list ?? []),
    responseMetaData: responseMetaData.nullish(),
  })
  .loose();

/** Outgoing contact bodies (POST, PUT, PATCH): structure only; the rules module checks limits. */
export const contactFieldsRequest = z.object(contactFieldShape).loose();

// ---------------------------------------------------------------- photos

export const MAX_PHOTO_BYTES = 10_485_760;

export const photoUploadRequest = z.object({
  fileName: z.string().min(1),
  fileSize: z.number().int().min(1).max(MAX_PHOTO_BYTES),
});

export const photoUploadResponse = z.object({ uploadUrl: z.string().min(1) }).loose();

// ---------------------------------------------------------------- tags

export const contactTagResponse = z
  .object({
    contactTagId: z.string().min(1),
    contactTagName: z.string(),
    type: enumLike,
    userId: optional(z.string()),
  })
  .loose();

export const contactTagListResponse = z
  .object({
    contactTags: z.array(contactTagResponse).nullish().transform((list) => list ?? []),
    responseMetaData: responseMetaData.nullish(),
  })
  .loose();

export const contactTagRequest = z.object({ contactTagName: z.string().min(1) });

// ---------------------------------------------------------------- custom properties

const i18nDisplayName = z.object({ language: enumLike, name: z.string() }).loose();

export const customPropertyResponse = z
  .object({
    domainId: integer,
    customPropertyId: z.string().min(1),
    propertyName: z.string(),
    displayName: z.string(),
    i18nDisplayNames: optional(z.array(i18nDisplayName)),
    propertyType: enumLike,
    displayOrder: z.number().int().nullish(),
    multiValued: z.boolean().nullish().transform((value) => value ?? false),
  })
  .loose();

export const customPropertyListResponse = z
  .object({
    customProperties: z.array(customPropertyResponse).nullish().transform((list) => list ?? []),
  })
  .loose();

export const newCustomPropertyRequest = z.object({
  domainId: z.number().int(),
  propertyName: z.string().min(1),
  displayName: z.string().min(1),
  i18nDisplayNames: z.array(i18nDisplayName).optional(),
  propertyType: z.enum(["STRING", "LINK"]),
  displayOrder: z.number().int().nullable().optional(),
  multiValued: z.boolean().optional(),
});

export const customPropertyPatchRequest = z.object({
  displayName: z.string().min(1).optional(),
  i18nDisplayNames: z.array(i18nDisplayName).optional(),
  displayOrder: z.number().int().nullable().optional(),
});

// ---------------------------------------------------------------- auth and errors

export const tokenResponse = z
  .object({
    access_token: z.string().min(1),
    refresh_token: optional(z.string()),
    scope: optional(z.string()),
    token_type: optional(z.string()),
    expires_in: optional(z.union([z.number(), z.string().regex(/^\d+(\.\d+)?$/).transform(Number)])),
  })
  .loose();

export const apiErrorBody = z
  .object({ code: optional(z.string()), description: optional(z.string()) })
  .loose();

export const oauthErrorBody = z
  .object({ error: optional(z.string()), error_description: optional(z.string()) })
  .loose();

// ---------------------------------------------------------------- typed views

/**
 * The parsed wire objects seen through the interface types. The schemas accept
 * enum values we do not know yet (a future telephone type, say), which the
 * interface's literal unions cannot express; those values still round-trip.
 */
export const asContact = (parsed: z.output<typeof contactResponse>): Contact => parsed as unknown as Contact;
export const asContactTag = (parsed: z.output<typeof contactTagResponse>): ContactTag =>
  parsed as unknown as ContactTag;
export const asCustomProperty = (parsed: z.output<typeof customPropertyResponse>): CustomProperty =>
  parsed as unknown as CustomProperty;

export type ContactFieldsBody = ContactFields;
export type NewCustomPropertyBody = NewCustomProperty;
export type CustomPropertyPatchBody = CustomPropertyPatch;
