/**
 * Reads a live domain and writes it as a desired-state document that `validate` accepts and
 * that, applied with `adopt: true`, takes over every object with no further change.
 */
import { Document, isMap, isScalar, isSeq, type Node, type Pair, type Scalar, YAMLMap } from "yaml";
import type { Contact, ContactApi, ContactTag, CustomProperty } from "../client/contact-api";
import { primaryEmail } from "../schema/contact";
import { contactFact } from "../schema/contact";
import { projectOnto } from "../schema/project";
import { acceptedImageFormats, imageSignatureOf } from "../rules/image";
import { FORMAT_VERSION } from "./format";
import { isRecord } from "../schema/json";

export interface ExportProgress {
  (message: string): void;
}

export interface LiveDomain {
  tags: ContactTag[];
  customProperties: CustomProperty[];
  contacts: Contact[];
  /** Photo bytes by contactId, for contacts that have one (only when photos were asked for). */
  photos?: Map<string, Uint8Array>;
}

export async function readLiveDomain(
  api: ContactApi,
  options: { photos?: boolean; progress?: ExportProgress } = {},
): Promise<LiveDomain> {
  const progress = options.progress ?? (() => {});
  const tags: ContactTag[] = [];
  for await (const tag of api.listContactTags({ count: 500 })) tags.push(tag);
  progress(`read ${tags.length} tags`);
  const customProperties = await api.listCustomProperties();
  progress(`read ${customProperties.length} custom properties`);
  const contacts: Contact[] = [];
  let lastReport = Date.now();
  for await (const contact of api.listContacts({ count: 500 })) {
    contacts.push(contact);
    if (Date.now() - lastReport > 1000) {
      progress(`read ${contacts.length} contacts...`);
      lastReport = Date.now();
    }
  }
  progress(`read ${contacts.length} contacts`);
  const live: LiveDomain = { tags, customProperties, contacts };
  if (options.photos) {
    live.photos = new Map();
    let done = 0;
    for (const contact of contacts) {
      if (!isCustomerContact(contact)) continue;
      const bytes = await api.getContactPhoto(contact.contactId);
      if (bytes) live.photos.set(contact.contactId, bytes);
      if (++done % 50 === 0) progress(`read photos of ${done} contacts...`);
    }
    progress(`read ${live.photos.size} photos`);
  }
  return live;
}

/** External message contacts (LINE / other companies' users) cannot be created through the API. */
export function isCustomerContact(contact: Contact): boolean {
  return contact.linkedExternalUser === null || contact.linkedExternalUser === undefined;
}

export interface ExportedDocument {
  text: string;
  /** Photo files to write, relative to the document: path → bytes. */
  photoFiles: Map<string, Uint8Array>;
  /** Notes about what could not be exported (to stderr). */
  notes: string[];
}

/** Builds the YAML document. Keys are readable slugs, unique per section; ids are comments. */
export function toDesiredStateDocument(live: LiveDomain, options: { photoDir?: string } = {}): ExportedDocument {
  const notes: string[] = [];
  const photoFiles = new Map<string, Uint8Array>();
  // A tag without a type (the reader tolerates it) is a user tag when it names its user.
  const isUserTag = (tag: ContactTag) => tag.type === "USER" || (tag.type === undefined && tag.userId !== undefined);
  // A type the docs do not list (a newer API) is neither kind: left out, never written as a company tag.
  const knownKind = (tag: ContactTag) => tag.type === undefined || tag.type === "COMPANY" || tag.type === "USER";
  const unknownKind = live.tags.filter((tag) => !knownKind(tag));
  if (unknownKind.length > 0) {
    notes.push(`left out ${unknownKind.length} tags of a type this version does not know: ${unknownKind.map((tag) => `${tag.contactTagId} (${String(tag.type)})`).join(", ")}`);
  }
  const companyTags = live.tags.filter((tag) => knownKind(tag) && !isUserTag(tag));
  // The docs' example user tag has no userId: such a tag cannot be written back (its user is unknown).
  const userTags = live.tags.filter((tag) => knownKind(tag) && isUserTag(tag) && tag.userId !== undefined && tag.userId !== "");
  const ownerless = live.tags.filter((tag) => knownKind(tag) && isUserTag(tag) && !userTags.includes(tag));
  if (ownerless.length > 0) {
    notes.push(`left out ${ownerless.length} user tags whose user the API did not name: ${ownerless.map((tag) => tag.contactTagId).join(", ")}`);
  }

  const tagKeys = new KeyMaker();
  const tagKeyById = new Map<string, string>();
  const tagsSection: Record<string, unknown> = {};
  const ids = new Map<object, string>();
  for (const tag of sortBy(companyTags, (tag) => tag.contactTagName)) {
    const key = tagKeys.make(tag.contactTagName, `tag-${shortId(tag.contactTagId)}`);
    tagKeyById.set(tag.contactTagId, key);
    const entry = { contactTagName: tag.contactTagName };
    tagsSection[key] = entry;
    ids.set(entry, `contactTagId: ${tag.contactTagId}`);
  }
  const userTagsSection: Record<string, unknown> = {};
  for (const tag of sortBy(userTags, (tag) => `${tag.userId ?? ""}\u0000${tag.contactTagName}`)) {
    const key = tagKeys.make(tag.contactTagName, `user-tag-${shortId(tag.contactTagId)}`);
    tagKeyById.set(tag.contactTagId, key);
    const entry = { userId: tag.userId ?? "", contactTagName: tag.contactTagName };
    userTagsSection[key] = entry;
    ids.set(entry, `contactTagId: ${tag.contactTagId}`);
  }

  const propertyKeys = new KeyMaker();
  const propertyKeyByName = new Map<string, string>();
  const propertiesSection: Record<string, unknown> = {};
  // A property type the docs do not list (a newer API) cannot be written in this format: left out, and said so.
  const knownProperties = live.customProperties.filter((p) => p.propertyType === "STRING" || p.propertyType === "LINK");
  const unknownProperties = live.customProperties.filter((p) => !knownProperties.includes(p));
  if (unknownProperties.length > 0) {
    notes.push(`left out ${unknownProperties.length} custom properties of a type this version does not know: ${unknownProperties.map((p) => `${p.propertyName} (${String(p.propertyType)})`).join(", ")}`);
  }
  for (const property of sortBy(knownProperties, (p) => `${String(p.displayOrder ?? 999999).padStart(6, "0")}${p.propertyName}`)) {
    const key = propertyKeys.make(property.propertyName, `property-${shortId(property.customPropertyId)}`);
    propertyKeyByName.set(property.propertyName, key);
    const entry: Record<string, unknown> = {
      propertyName: property.propertyName,
      displayName: property.displayName,
      ...(property.i18nDisplayNames && property.i18nDisplayNames.length > 0 ? { i18nDisplayNames: property.i18nDisplayNames } : {}),
      propertyType: property.propertyType,
      multiValued: property.multiValued === true,
      ...(typeof property.displayOrder === "number" ? { displayOrder: property.displayOrder } : {}),
    };
    propertiesSection[key] = entry;
    ids.set(entry, `customPropertyId: ${property.customPropertyId}`);
  }

  const contactKeys = new KeyMaker();
  const contactsSection: Record<string, unknown> = {};
  const customers = live.contacts.filter(isCustomerContact);
  if (customers.length < live.contacts.length) {
    notes.push(`skipped ${live.contacts.length - customers.length} external message contacts (the API cannot create them)`);
  }
  // adopt finds a contact by its primary email: one without, or sharing it, cannot be taken over.
  const emailCount = new Map<string, number>();
  for (const contact of customers) {
    const email = primaryEmail(contact);
    if (email !== undefined) emailCount.set(email, (emailCount.get(email) ?? 0) + 1);
  }
  const withoutEmail = customers.filter((contact) => primaryEmail(contact) === undefined);
  // A response may leave out masterUserId (lineworks-api.md); the format requires it, and we cannot guess it.
  const withoutOwner = customers.filter((contact) => !contact.permission?.masterUserId);
  if (withoutOwner.length > 0) {
    notes.push(`left out ${withoutOwner.length} contacts whose permission.masterUserId the API did not return: ${withoutOwner.map((c) => c.contactId).join(", ")}`);
  }
  const sharedEmail = customers.filter((contact) => (emailCount.get(primaryEmail(contact) ?? "") ?? 0) > 1);
  const leftOut = [...new Set([...withoutEmail, ...sharedEmail, ...withoutOwner])];
  if (withoutEmail.length > 0) {
    notes.push(`left out ${withoutEmail.length} contacts without an email (adopt finds contacts by primary email): ${withoutEmail.map((c) => c.contactId).join(", ")}`);
  }
  if (sharedEmail.length > 0) {
    notes.push(`left out ${sharedEmail.length} contacts whose primary email is not unique: ${sharedEmail.map((c) => c.contactId).join(", ")}`);
  }
  for (const contact of sortBy(customers.filter((contact) => !leftOut.includes(contact)), contactSortKey)) {
    const key = contactKeys.make(contactKeySource(contact), `contact-${shortId(contact.contactId)}`);
    const dropped: string[] = [];
    const entry = projectOnto(contactFact, contact, dropped);
    for (const field of ["contactTagIds", "customProperties"]) delete entry[field];
    const tags = (contact.contactTagIds ?? []).map((id) => tagKeyById.get(id));
    if (tags.some((key) => key === undefined)) notes.push(`${key}: dropped tag ids that are not in the tag list`);
    const tagList = tags.filter((key): key is string => key !== undefined);
    if (tagList.length > 0) entry.tags = tagList;
    const values: Record<string, unknown> = {};
    for (const [propertyName, value] of Object.entries(contact.customProperties ?? {})) {
      const propertyKey = propertyKeyByName.get(propertyName);
      if (propertyKey === undefined) dropped.push(`customProperties.${propertyName}`);
      else values[propertyKey] = valueFields(value);
    }
    if (Object.keys(values).length > 0) entry.customProperties = values;
    const photo = live.photos?.get(contact.contactId);
    const image = photo && imageSignatureOf(photo);
    if (photo && options.photoDir !== undefined && !image) {
      notes.push(`${key}: left out its photo, which is not a ${acceptedImageFormats()} image`);
    } else if (photo && image && options.photoDir !== undefined) {
      const file = `${options.photoDir}/${key}${image.extension}`;
      photoFiles.set(file, photo);
      entry.photo = file;
    }
    if (dropped.length > 0) notes.push(`${key}: dropped fields the format does not model: ${dropped.join(", ")}`);
    contactsSection[key] = entry;
    ids.set(entry, `contactId: ${contact.contactId}`);
  }

  const root: Record<string, unknown> = { version: FORMAT_VERSION, adopt: true };
  if (Object.keys(tagsSection).length > 0) root.tags = tagsSection;
  if (Object.keys(userTagsSection).length > 0) root.userTags = userTagsSection;
  if (Object.keys(propertiesSection).length > 0) root.customProperties = propertiesSection;
  if (Object.keys(contactsSection).length > 0) root.contacts = contactsSection;

  const doc = new Document(escapeSubstitutions(root));
  doc.commentBefore =
    " Exported from a live LINE WORKS domain by `lineworks-contacts export`.\n" +
    " adopt: true lets `pulumi up` take over these existing objects instead of creating new ones." +
    (leftOut.length > 0
      ? `\n Left out (no unique primary email, which adopt finds a contact by, or no masterUserId): ${leftOut.map((c) => c.contactId).join(", ")}`
      : "");
  for (const section of ["tags", "userTags", "customProperties", "contacts"]) {
    const map = doc.get(section, true);
    if (!isMap(map)) continue;
    const plain = root[section] as Record<string, unknown>;
    for (const pair of map.items as Pair<Scalar, Node>[]) {
      const id = ids.get(plain[String(pair.key.value)] as object);
      if (id) pair.key.commentBefore = ` ${id}`;
    }
  }
  compactLeaves(doc.contents as Node);
  const text = doc.toString({ lineWidth: 0 });
  return { text, photoFiles, notes };
}

/** Strings in the document are read back with `${vars.X}` substitution: keep a literal `${` literal. */
/** A custom value with only the fields its shapes have: a newer API's extra fields would not validate. */
function valueFields(value: unknown): unknown {
  const keep = (item: unknown) =>
    isRecord(item)
      ? Object.fromEntries(Object.entries(item).filter(([field]) => CUSTOM_VALUE_FIELDS.includes(field)))
      : item;
  return Array.isArray(value) ? value.map(keep) : keep(value);
}
const CUSTOM_VALUE_FIELDS = ["content", "text", "link", "represent"];

function escapeSubstitutions(value: unknown): unknown {
  if (typeof value === "string") return value.replaceAll("${", () => "$${");
  if (Array.isArray(value)) return value.map(escapeSubstitutions);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, escapeSubstitutions(inner)]));
  }
  return value;
}

/** Maps and lists whose items are all scalars are written on one line: `{ email: x, primary: true }`. */
function compactLeaves(node: Node | null): void {
  if (isMap(node) || isSeq(node)) {
    const items = isMap(node) ? node.items.map((pair) => pair.value as Node) : (node.items as Node[]);
    const scalarsOnly = items.every((item) => isScalar(item) && !(typeof item.value === "string" && item.value.includes("\n")));
    if (scalarsOnly && items.length > 0 && !(node instanceof YAMLMap && items.length > 6)) node.flow = true;
    else items.forEach(compactLeaves);
    if (isSeq(node) && items.every((item) => isMap(item) && item.flow)) node.flow = false;
  }
}

function contactKeySource(contact: Contact): string {
  const name = contact.contactName ?? {};
  const ascii = [name.lastName, name.firstName].filter(Boolean).join(" ");
  if (slug(ascii) !== "" && /^[\x20-\x7e]+$/.test(ascii)) return ascii;
  const email = (contact.emails ?? []).find((e) => e.primary)?.email ?? contact.emails?.[0]?.email;
  return email ? email.split("@")[0]! : "";
}

function contactSortKey(contact: Contact): string {
  return `${contact.createdTime ?? ""}\u0000${contact.contactId}`;
}

function sortBy<T>(items: T[], keyOf: (item: T) => string): T[] {
  return [...items].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
}

function shortId(id: string): string {
  return id.replace(/^ctag/, "").replace(/[^A-Za-z0-9]/g, "").slice(0, 8).toLowerCase();
}

/** Readable, unique keys: the slug of a name, else a fallback from the id; `-2`, `-3` on clashes. */
class KeyMaker {
  private readonly used = new Set<string>();
  make(name: string, fallback: string): string {
    const base = slug(name) || fallback;
    let key = base;
    for (let n = 2; this.used.has(key); n++) key = `${base}-${n}`;
    this.used.add(key);
    return key;
  }
}
