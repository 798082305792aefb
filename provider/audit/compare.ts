/**
 * The comparison behind `lineworks-contacts audit` (CONTRACT §4): a desired state against a
 * live domain, by the id the stack holds for an entry's key where the stack's state was read
 * (`held`), else by natural key (tag name; userId and tag name; propertyName; a contact's primary
 * email), with the resources' own normalization (provider/dynamic-provider/normalize.ts), so server
 * defaults and list order never count as drift, and with each entry's ignoreChanges honoured.
 * Pure: the live domain is read elsewhere. Only field names are reported, never values.
 */
import type { Contact, ContactTag, CustomProperty } from "../client/contact-api";
import type { LiveDomain } from "../export/export";
import type { DesiredState, EntryOptions } from "../loader/model";
import { contactFieldFacts, primaryEmail, yamlNameOf, type ContactFieldName } from "../schema/contact";
import { customPropertyDefinitionFacts } from "../schema/custom-property";
import { differingFields } from "../schema/derive";
import type { EntryName } from "../schema/resources";
import { ownerAsWritten } from "../export/export-owners";
import { emptyHeldIds, userTagNaturalKey, type HeldIds } from "../stack/stack-ids";

/** What an entry of each section is called (provider/schema/resources.ts). */
export type AuditKind = EntryName;
export type AuditStatus = "drifted" | "missing" | "unmanaged";

export interface Difference {
  kind: AuditKind;
  status: AuditStatus;
  /** The entry's key in the files (null when unmanaged). */
  key: string | null;
  /** The live object's id (null when missing). */
  id: string | null;
  /** The natural key. */
  name: string;
  /** Field names (as in YAML) that differ; empty unless drifted. */
  fields: string[];
}

export interface AuditReport {
  inSync: boolean;
  differences: Difference[];
  unmanagedContacts: number;
}

export interface AuditDetails {
  report: AuditReport;
  /** Objects compared and found in sync, per kind. */
  inSyncCount: Record<AuditKind, number>;
  /** Keys of desired contacts without an email: they have no natural key to look up. */
  contactsWithoutEmail: string[];
}

const ignored = (entry: EntryOptions, field: string) => (entry.ignoreChanges ?? []).includes(field);

export function compareDomain(desired: DesiredState, live: LiveDomain, held: HeldIds = emptyHeldIds()): AuditDetails {
  const differences: Difference[] = [];
  const inSyncCount: Record<AuditKind, number> = { tag: 0, userTag: 0, customProperty: 0, contact: 0 };

  // Tags: by the stack's id where it holds one (a rename in the app is drift of contactTagName),
  // else by name. A matched tag's identity is its id, so contacts carrying it compare equal.
  const nameIdentity = (tag: ContactTag) => (tag.type === "USER" ? `U:${userTagNaturalKey(tag.userId ?? "", tag.contactTagName)}` : `C:${tag.contactTagName}`);
  // An owner named by id and by login email is one member: compare by the email where the directory gave it.
  const ownerOf = (reference: string) => ownerAsWritten(reference, live.owners);
  const matchIdentity = (tag: ContactTag) =>
    tag.type === "USER" ? `U:${userTagNaturalKey(ownerOf(tag.userId ?? ""), tag.contactTagName)}` : nameIdentity(tag);
  const liveTagById = new Map<string, ContactTag>(live.tags.map((tag) => [tag.contactTagId, tag]));
  const liveTagByIdentity = new Map<string, ContactTag>();
  for (const tag of live.tags) if (!liveTagByIdentity.has(matchIdentity(tag))) liveTagByIdentity.set(matchIdentity(tag), tag);
  const matchedTagIds = new Set<string>();
  const desiredTagIdentity = new Map<string, string>();
  const matchTags = (kind: "tag" | "userTag", entries: Array<[string, string, EntryOptions, string, string]>) => {
    const type = kind === "tag" ? "COMPANY" : "USER";
    const heldIds = kind === "tag" ? held.tags : held.userTags;
    for (const [key, name, entry, contactTagName, matchName] of entries) {
      const identity = `${kind === "tag" ? "C:" : "U:"}${matchName}`;
      const heldId = heldIds.get(key);
      const byId = heldId !== undefined ? liveTagById.get(heldId) : undefined;
      const found = heldId !== undefined ? (byId?.type === type || byId?.type === undefined ? byId : undefined) : liveTagByIdentity.get(identity);
      if (!found) {
        desiredTagIdentity.set(key, identity);
        differences.push({ kind, status: "missing", key, id: heldId ?? null, name, fields: [] });
        continue;
      }
      matchedTagIds.add(found.contactTagId);
      desiredTagIdentity.set(key, `id:${found.contactTagId}`);
      // A user tag's owner may come back in another form (id or email); its name is what can drift.
      const renamed = found.contactTagName !== contactTagName && !ignored(entry, "contactTagName");
      if (renamed) differences.push({ kind, status: "drifted", key, id: found.contactTagId, name, fields: ["contactTagName"] });
      else inSyncCount[kind]++;
    }
  };
  matchTags("tag", Object.entries(desired.tags).map(([key, entry]) => [key, entry.contactTagName, entry, entry.contactTagName, entry.contactTagName]));
  matchTags(
    "userTag",
    Object.entries(desired.userTags).map(([key, entry]) => [
      key,
      userTagNaturalKey(entry.userId, entry.contactTagName),
      entry,
      entry.contactTagName,
      userTagNaturalKey(ownerOf(entry.userId), entry.contactTagName),
    ]),
  );
  for (const tag of live.tags) {
    if (matchedTagIds.has(tag.contactTagId)) continue;
    const kind = tag.type === "USER" ? "userTag" : "tag";
    differences.push({ kind, status: "unmanaged", key: null, id: tag.contactTagId, name: nameIdentity(tag).slice(2), fields: [] });
  }
  const identityOfLiveTag = (id: string) => {
    const tag = liveTagById.get(id);
    if (!tag) return `id:${id}`;
    return matchedTagIds.has(id) ? `id:${id}` : matchIdentity(tag);
  };

  // Custom property definitions, by propertyName.
  const liveProperties = new Map<string, CustomProperty>(live.customProperties.map((property) => [property.propertyName, property]));
  const livePropertyById = new Map<string, CustomProperty>(live.customProperties.map((property) => [property.customPropertyId, property]));
  const matchedProperties = new Set<CustomProperty>();
  for (const [key, entry] of Object.entries(desired.customProperties)) {
    const heldId = held.customProperties.get(key);
    const found = heldId !== undefined ? livePropertyById.get(heldId) : liveProperties.get(entry.propertyName);
    if (!found) {
      differences.push({ kind: "customProperty", status: "missing", key, id: heldId ?? null, name: entry.propertyName, fields: [] });
      continue;
    }
    matchedProperties.add(found);
    // Compared as canonical values; displayOrder only where the files set it (declared onlyWhereSet).
    const drifted = differingFields(customPropertyDefinitionFacts, found, entry);
    const fields = drifted.filter((field) => !ignored(entry, field));
    if (fields.length > 0) differences.push({ kind: "customProperty", status: "drifted", key, id: found.customPropertyId, name: entry.propertyName, fields });
    else inSyncCount.customProperty++;
  }
  for (const property of live.customProperties) {
    if (matchedProperties.has(property)) continue;
    differences.push({ kind: "customProperty", status: "unmanaged", key: null, id: property.customPropertyId, name: property.propertyName, fields: [] });
  }

  // Contacts, by primary email; the live ones no file describes are only counted.
  const liveContacts = new Map<string, Contact>();
  for (const contact of live.contacts) {
    const email = primaryEmail(contact);
    if (email !== undefined && !liveContacts.has(email)) liveContacts.set(email, contact);
  }
  const liveContactById = new Map<string, Contact>(live.contacts.map((contact) => [contact.contactId, contact]));
  const matched = new Set<Contact>();
  const contactsWithoutEmail: string[] = [];
  for (const [key, entry] of Object.entries(desired.contacts)) {
    const email = primaryEmail(entry.fields);
    const heldId = held.contacts.get(key);
    if (email === undefined && heldId === undefined) {
      contactsWithoutEmail.push(key);
      continue;
    }
    const found = heldId !== undefined ? liveContactById.get(heldId) : liveContacts.get(email!);
    if (!found) {
      differences.push({ kind: "contact", status: "missing", key, id: heldId ?? null, name: email ?? key, fields: [] });
      continue;
    }
    matched.add(found);
    const desiredFields: Partial<Record<ContactFieldName, unknown>> = {
      ...entry.fields,
      // Tags compare by what they are (type, owner, name), since the ids of missing tags are not known.
      contactTagIds: entry.tags.map((tagKey) => desiredTagIdentity.get(tagKey) ?? `key:${tagKey}`),
      permission: withOwner(entry.fields.permission, ownerOf),
      customProperties: Object.fromEntries(
        Object.entries(entry.customProperties).map(([propertyKey, value]) => [desired.customProperties[propertyKey]!.propertyName, value]),
      ),
    };
    const liveFields: Partial<Record<ContactFieldName, unknown>> = {
      ...found,
      contactTagIds: (found.contactTagIds ?? []).map(identityOfLiveTag),
      permission: withOwner(found.permission, ownerOf),
    };
    const fields = differingFields(contactFieldFacts, liveFields, desiredFields)
      .map(yamlNameOf)
      .filter((field) => !ignored(entry, field));
    if (fields.length > 0) differences.push({ kind: "contact", status: "drifted", key, id: found.contactId, name: email ?? key, fields });
    else inSyncCount.contact++;
  }
  const unmanagedContacts = live.contacts.filter((contact) => !matched.has(contact)).length;
  return {
    // Live contacts in no file are counted, not drift: people add contacts in the app all the time.
    report: { inSync: differences.length === 0, differences, unmanagedContacts },
    inSyncCount,
    contactsWithoutEmail,
  };
}

/** A permission with its masterUserId as `ownerOf` writes it (the same member by id or email compares equal). */
function withOwner(permission: unknown, ownerOf: (reference: string) => string): unknown {
  if (!permission || typeof permission !== "object") return permission;
  const { masterUserId } = permission as { masterUserId?: unknown };
  return typeof masterUserId === "string" ? { ...permission, masterUserId: ownerOf(masterUserId) } : permission;
}
