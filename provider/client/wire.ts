/**
 * The wire format of the Contact API: every request and response body, in this one module.
 *
 * Responses are read by the tolerant reader generated from the object declarations
 * (provider/schema): only ids are required; null reads as absent; unknown fields of
 * sub-objects are kept (read-modify-write); enum values we do not know are kept; TWITTER
 * reads as X; `messenger[].protocol.type` reads as `messengers[].type`. Request bodies are
 * checked against the request declarations (provider/schema) before they are sent; a contact
 * body may carry fields the API added (read-modify-write), so only its structure is checked.
 */
import { z } from "zod";
import {
  contactFact,
  contactTagFact,
  contactTagRequestFact,
  customPropertyFact,
  customPropertyPatchRequestFact,
  messengerFact,
  newCustomPropertyRequestFact,
  photoUploadRequestFact,
  responseSchema,
  strictSchema,
  type Contact,
  type ContactFields,
  type ContactTag,
  type CustomProperty,
  type CustomPropertyPatch,
  type NewCustomProperty,
} from "../schema";
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

export const photoUploadRequest = strictSchema(photoUploadRequestFact);

export const photoUploadResponse = z.object({ uploadUrl: z.string().min(1) }).loose();

// ---------------------------------------------------------------- tags

export const contactTagResponse = responseSchema(contactTagFact);

export const contactTagListResponse = z
  .object({ contactTags: listOf(contactTagResponse), responseMetaData: responseMetaData.nullish() })
  .loose();

export const contactTagRequest = strictSchema(contactTagRequestFact);

// ---------------------------------------------------------------- custom properties

export const customPropertyResponse = responseSchema(customPropertyFact);

export const customPropertyListResponse = z.object({ customProperties: listOf(customPropertyResponse) }).loose();

export const newCustomPropertyRequest = strictSchema(newCustomPropertyRequestFact);

export const customPropertyPatchRequest = strictSchema(customPropertyPatchRequestFact);

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
