/**
 * lineworks-api.md "Outside the API": the Japanese notes of contact-create / -get / -list spell
 * the messenger path `messenger[].protocol.type`, where the English reference and every sample
 * write `messengers[].type`. ASSUMED a typo; a contact in a response is read in either spelling
 * (and in a mix of both: the list under `messenger` or `messengers`, each item's type and
 * customType under `protocol` or at its top level). Requests are always written
 * `messengers[].type`. Nothing else of the item is touched (unknown fields are kept).
 */
import { isRecord } from "../schema/json";

function documentedItem(item: unknown): unknown {
  if (!isRecord(item) || !isRecord(item.protocol)) return item;
  const { protocol, ...rest } = item;
  return {
    ...rest,
    ...(rest.type === undefined || rest.type === null ? { type: protocol.type } : {}),
    ...((rest.customType === undefined || rest.customType === null) && protocol.customType !== undefined ? { customType: protocol.customType } : {}),
  };
}

/** A contact as received, with its messengers in the documented spelling; anything else as it is. */
export function withDocumentedMessengers(contact: unknown): unknown {
  if (!isRecord(contact)) return contact;
  const { messenger, ...rest } = contact;
  const list = Array.isArray(rest.messengers) ? rest.messengers : Array.isArray(messenger) ? messenger : undefined;
  if (list === undefined) return contact;
  return { ...rest, messengers: list.map(documentedItem) };
}
