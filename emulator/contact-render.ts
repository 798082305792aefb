/** A stored contact as the API returns it (lineworks-api.md "Contact"). */
import { CONTACT_LIST_FIELDS, REMOVED_MESSENGER_TYPES } from "./assumptions";
import type { ContactRecord } from "./store";
import { formatApiTime } from "./time";

/** A messenger stored with a removed type (TWITTER, from an older data file) comes back as its replacement (X). */
function withCurrentMessengerType(messenger: Record<string, unknown>): Record<string, unknown> {
  const replacement = typeof messenger.type === "string" ? REMOVED_MESSENGER_TYPES[messenger.type] : undefined;
  return replacement ? { ...messenger, type: replacement } : messenger;
}

/** The contact as the API returns it. */
export function renderContact(record: ContactRecord): Record<string, unknown> {
  const fields = record.fields;
  const permission = { ...(fields.permission as Record<string, unknown>) };
  if (permission.isCoEditing === undefined || permission.isCoEditing === null) permission.isCoEditing = true;
  const rendered: Record<string, unknown> = {
    contactId: record.contactId,
    permission,
    contactName: fields.contactName,
  };
  for (const name of CONTACT_LIST_FIELDS) rendered[name] = fields[name] ?? [];
  rendered.messengers = (rendered.messengers as Array<Record<string, unknown>>).map(withCurrentMessengerType);
  if (fields.memo !== undefined) rendered.memo = fields.memo;
  rendered.contactTagIds = fields.contactTagIds ?? [];
  rendered.customProperties = fields.customProperties ?? {};
  rendered.linkedExternalUser = null;
  rendered.createdTime = formatApiTime(record.createdAt);
  rendered.modifiedTime = formatApiTime(record.modifiedAt);
  return rendered;
}
