/**
 * Seed `messengerSpelling: protocol` (assumptions-app.ts): contacts in API answers spell their
 * messengers as the docs' Japanese notes do, `messenger[].protocol.type`, instead of
 * `messengers[].type`. Only the rendering changes; requests are read in the documented spelling.
 */
import { isRecord, type Json } from "./json";

function respellContact(contact: Json): Json {
  if (!Array.isArray(contact.messengers)) return contact;
  const { messengers, ...rest } = contact;
  const messenger = (messengers as unknown[]).map((item) => {
    if (!isRecord(item)) return item;
    const { type, customType, ...fields } = item;
    return { ...fields, protocol: { type, ...(customType === undefined ? {} : { customType }) } };
  });
  return { ...rest, messenger };
}

/** A contact, or a listing of contacts, with `messenger[].protocol.type`; other bodies as they are. */
export function withProtocolMessengers(body: unknown): unknown {
  if (!isRecord(body)) return body;
  if (Array.isArray(body.contacts)) return { ...body, contacts: body.contacts.map((c) => (isRecord(c) ? respellContact(c) : c)) };
  if (typeof body.contactId === "string") return respellContact(body);
  return body;
}
