/**
 * The wire format of the Contact API: every request and response body, in this one module.
 *
 * Responses are read by the tolerant reader generated from the object declarations
 * (provider/schema): only ids are required; null reads as absent; unknown fields of
 * sub-objects are kept (read-modify-write); enum values we do not know are kept; TWITTER
 * reads as X; `messenger[].protocol.type` reads as `messengers[].type`. Requests are checked for structure; the rules module checks limits.
 */
import { z } from "zod";
import {
  contactFact,
  contactTagFact,
  customPropertyFact,
  messengerFact,
  responseSchema,
  type Contact,
  type ContactFields,
  type ContactTag,
  type CustomProperty,
} from "../schema";
import type { CustomPropertyPatch, NewCustomProperty } from "./contact-api";
import { withDocumentedMessengers } from "./messenger-spelling";

/** An optional response field that the API may also send as null. */
function optional<T extends z.ZodType>(schema: T) {
  return schema.nullish().transform((value) => value ?? undefined);
}

/** A list in a response: absent or null is empty. */
const listOf = <T extends z.ZodType>(item: T) => z.array(item).nullish().transform((list) => list ?? []);

/** The last page's nextCursor may be absent, null or "" (lineworks-api.md); anything else odd ends the listing too. */
const responseMetaData = z
  .object({ nextCursor: z.unknown().optional().transform((cursor) => (typeof cursor === "string" && cursor !== "" ? cursor : undefined)) })
  .loose();

// ---------------------------------------------------------------- contacts

/** A contact, read in either spelling of the messenger path (messenger-spelling.ts). */
export const contactResponse = z.preprocess(withDocumentedMessengers, responseSchema(contactFact));

export const contactListResponse = z
  .object({ contacts: listOf(contactResponse), responseMetaData: responseMetaData.nullish() })
  .loose();

const removedMessengerTypes: Readonly<Record<string, string>> = messengerFact.fields.type.removed;

/** Outgoing contact bodies (POST, PUT, PATCH): structure only, and never a removed value such as TWITTER. */
export const contactFieldsRequest = z.record(z.string(), z.unknown()).superRefine((body, ctx) => {
  const messengers = body.messengers;
  if (!Array.isArray(messengers)) return;
  messengers.forEach((messenger: unknown, index) => {
    const type = typeof messenger === "object" && messenger !== null ? (messenger as { type?: unknown }).type : undefined;
    const hint = typeof type === "string" ? removedMessengerTypes[type] : undefined;
    if (hint) ctx.addIssue({ code: "custom", path: ["messengers", index, "type"], message: hint });
  });
});

// ---------------------------------------------------------------- photos

export const MAX_PHOTO_BYTES = 10_485_760;

export const photoUploadRequest = z.object({
  fileName: z.string().min(1),
  fileSize: z.number().int().min(1).max(MAX_PHOTO_BYTES),
});

export const photoUploadResponse = z.object({ uploadUrl: z.string().min(1) }).loose();

// ---------------------------------------------------------------- tags

export const contactTagResponse = responseSchema(contactTagFact);

export const contactTagListResponse = z
  .object({ contactTags: listOf(contactTagResponse), responseMetaData: responseMetaData.nullish() })
  .loose();

export const contactTagRequest = z.object({ contactTagName: z.string().min(1) });

// ---------------------------------------------------------------- custom properties

const i18nDisplayName = z.object({ language: z.string(), name: z.string() }).loose();

export const customPropertyResponse = responseSchema(customPropertyFact);

export const customPropertyListResponse = z.object({ customProperties: listOf(customPropertyResponse) }).loose();

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

/** The readers already return the declared types; these names stay for the endpoint modules. */
export const asContact = (parsed: Contact): Contact => parsed;
export const asContactTag = (parsed: ContactTag): ContactTag => parsed;
export const asCustomProperty = (parsed: CustomProperty): CustomProperty => parsed;

export type ContactFieldsBody = ContactFields;
export type NewCustomPropertyBody = NewCustomProperty;
export type CustomPropertyPatchBody = CustomPropertyPatch;
