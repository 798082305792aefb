/**
 * The values the model expects live, field by field, and their comparison with the emulator's
 * own state (GET /_emulator/state), never read through the product's client: a bug the tool's
 * audit and preview share cannot hide here.
 *
 * Each entry carries `expected`: what its live object should hold now. After a successful up a
 * managed entry expects what its files say, except fields its ignoreChanges names, which keep
 * what they held (the files' value, or an app edit's) unless the up created the object. App edits
 * change `expected` of the field they touch (the next up restores it unless ignored). Retained
 * entries keep their last expectation (tags and custom values left out: a tag deleted later
 * leaves their contacts). An object deleted in the app expects nothing (`expected: null`).
 */
import { DOMAIN_ID } from "./live";
import { naturalKey, type ContactEntry, type Entry, type Model } from "./model";

export type Values = Record<string, string>;

const NONE = "(none)";
/** Fields of a retained contact not compared: other objects' deletions change them. */
const NOT_RETAINED = ["tags", "customProperties"];

function valueText(value: any): string {
  if (Array.isArray(value)) return value.map(valueText).join(" | ");
  if (value && typeof value === "object") return value.link !== undefined ? `${value.text} <${value.link}>` : String(value.content ?? value.text);
  return String(value);
}

/** The contact fields as the files say them (what a correct provider writes). */
function contactFileValues(model: Model, entry: ContactEntry): Values {
  const tags = entry.tags.map((key) => {
    const tag = model.entries.find((other) => other.key === key && (other.section === "tags" || other.section === "userTags"));
    return tag ? naturalKey(tag) : `(unknown ${key})`;
  });
  const values = Object.entries(entry.values).map(([key, text]) => {
    const property = model.entries.find((other) => other.key === key && other.section === "customProperties");
    if (property?.section !== "customProperties") return `(unknown ${key})=${text}`;
    return `${property.propertyName}=${property.propertyType === "LINK" ? `${text} <https://crm.example/${encodeURIComponent(text)}>` : text}`;
  });
  return {
    lastName: entry.lastName,
    firstName: entry.firstName,
    email: entry.email,
    memo: entry.memo ?? NONE,
    telephones: entry.telephone === undefined ? NONE : `CELLPHONE ${entry.telephone}`,
    tags: tags.sort().join(", ") || NONE,
    customProperties: values.sort().join(", ") || NONE,
  };
}

export function fileValues(model: Model, entry: Entry): Values {
  switch (entry.section) {
    case "tags":
      return { contactTagName: entry.contactTagName };
    case "userTags":
      return { userId: entry.userId, contactTagName: entry.contactTagName };
    case "customProperties":
      return { propertyName: entry.propertyName, displayName: entry.displayName, propertyType: entry.propertyType, displayOrder: String(entry.displayOrder) };
    case "contacts":
      return contactFileValues(model, entry);
  }
}

/** The live object of `section` with `id` in the domain (the admin state), in the same terms, or undefined. */
export function liveValues(domain: any, section: Entry["section"], id: string, managedProperties?: Set<string>): Values | undefined {
  if (section === "tags" || section === "userTags") {
    const tag = domain.contactTags.find((t: any) => t.contactTagId === id);
    if (!tag) return undefined;
    return section === "userTags" ? { userId: String(tag.userId), contactTagName: tag.contactTagName } : { contactTagName: tag.contactTagName };
  }
  if (section === "customProperties") {
    const property = domain.customProperties.find((p: any) => p.customPropertyId === id);
    if (!property) return undefined;
    const { propertyName, displayName, propertyType, displayOrder } = property;
    return { propertyName, displayName, propertyType, displayOrder: String(displayOrder) };
  }
  const contact = domain.contacts.find((c: any) => c.contactId === id);
  if (!contact) return undefined;
  const tagKey = (tagId: string) => {
    const tag = domain.contactTags.find((t: any) => t.contactTagId === tagId);
    if (!tag) return `(no tag ${tagId})`;
    return tag.type === "USER" ? `userTag:${tag.userId}:${tag.contactTagName}` : `tag:${tag.contactTagName}`;
  };
  const emails: Array<{ email: string; primary?: boolean }> = contact.emails ?? [];
  const phones: Array<{ type: string; telephone: string }> = contact.telephones ?? [];
  const values = Object.entries((contact.customProperties ?? {}) as Record<string, unknown>)
    .filter(([name]) => !managedProperties || managedProperties.has(name))
    .map(([name, value]) => `${name}=${valueText(value)}`);
  return {
    lastName: contact.contactName?.lastName ?? NONE,
    firstName: contact.contactName?.firstName ?? NONE,
    email: (emails.find((e) => e.primary) ?? emails[0])?.email ?? NONE,
    memo: contact.memo === undefined || contact.memo === null || contact.memo === "" ? NONE : contact.memo,
    telephones: phones.map((phone) => `${phone.type} ${phone.telephone}`).join(", ") || NONE,
    tags: ((contact.contactTagIds ?? []) as string[]).map(tagKey).sort().join(", ") || NONE,
    customProperties: values.sort().join(", ") || NONE,
  };
}

export function domainOf(state: any): any {
  return state.domains.find((d: any) => d.domainId === DOMAIN_ID);
}

/**
 * After a successful up (ids already read from the stack outputs; `previousIds` as they were
 * before it): sets every managed entry's expectation and returns the mismatches with the live
 * objects, one line each naming the entry, the field, expected and live.
 */
export function expectAndCompare(model: Model, previousIds: Map<Entry, string | undefined>, domain: any): string[] {
  for (const entry of model.entries) {
    const values = fileValues(model, entry);
    const created = entry.stateKey === undefined || entry.unrecordedRename === true || previousIds.get(entry) !== entry.id;
    if (!created && entry.section === "contacts" && entry.expected) {
      for (const field of entry.ignoreChanges) values[field] = entry.expected[field] ?? values[field]!;
    }
    entry.expected = values;
  }
  const managedProperties = new Set(model.entries.flatMap((entry) => (entry.section === "customProperties" ? [entry.propertyName] : [])));
  const problems: string[] = [];
  const compare = (entry: Entry, retained: boolean) => {
    if (!entry.id || entry.expected === undefined) return;
    const where = `${entry.section}.${entry.key}${retained ? " (retained)" : ""} ${entry.id}`;
    const live = liveValues(domain, entry.section, entry.id, managedProperties);
    if (entry.expected === null) {
      if (live) problems.push(`${where}: deleted in the app, yet live again`);
      return;
    }
    if (!live) return void problems.push(`${where}: no live object`);
    for (const [field, expected] of Object.entries(entry.expected)) {
      if (retained && NOT_RETAINED.includes(field)) continue;
      if (live[field] !== expected) problems.push(`${where} ${field}: expected ${JSON.stringify(expected)}, live ${JSON.stringify(live[field])}`);
    }
  };
  for (const entry of model.entries) compare(entry, false);
  for (const entry of model.retained) compare(entry, true);
  return problems;
}

/** After an app edit of `field` of a live object: the entry now expects what the app left (read from the emulator's state). */
export async function appEdited(entry: Entry, field: string | null, state: Promise<any>): Promise<void> {
  if (field === null) {
    entry.expected = null;
    return;
  }
  if (!entry.expected) return;
  const live = liveValues(domainOf(await state), entry.section, entry.id!);
  entry.expected = { ...entry.expected, [field]: live?.[field] ?? NONE };
}
