/**
 * Reads a live domain and writes it as desired-state YAML that `validate` accepts and that,
 * applied with `adopt: true`, takes over every object with no further change: one document
 * (`--out`), or one per section (`--split`, export-split.ts). Keys come from display names
 * (export-keys.ts), owners are written as login emails (export-owners.ts), ids are comments.
 */
import type { Contact, ContactApi, ContactTag, CustomProperty } from "../client/contact-api";
import { CONTACT_YAML_SPELLINGS, contactFact, contactFieldFacts, primaryEmail } from "../schema/contact";
import { CUSTOM_VALUE_FIELD_NAMES, CUSTOM_VALUE_TYPES, customPropertyInputFacts } from "../schema/custom-property";
import { withDefaults } from "../schema/derive";
import { fieldNames } from "../schema/facts";
import { companyContactTagInputFacts, userContactTagInputFacts } from "../schema/tags";
import { projectOnto } from "../schema/project";
import { acceptedImageFormats, imageSignatureOf } from "../rules/image";
import { isRecord } from "../schema/json";
import { KeyMaker, joinParts, localPart, slugOf, sortedBy } from "./export-keys";
import { ownerAsWritten, readOwnerEmails, type OwnerEmails } from "./export-owners";
import { renderDocument, type ExportSections } from "./export-render";
import { splitDocuments, type SplitFile } from "./export-split";

export interface ExportProgress {
  (message: string): void;
}

export interface LiveDomain {
  tags: ContactTag[];
  customProperties: CustomProperty[];
  contacts: Contact[];
  /** Photo bytes by contactId, for contacts that have one (only when photos were asked for). */
  photos?: Map<string, Uint8Array>;
  /** Login emails of the owners the API named by id (absent: owners are written as returned). */
  owners?: OwnerEmails;
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
  const references = [...tags.map((tag) => tag.userId ?? ""), ...contacts.map((contact) => contact.permission?.masterUserId ?? "")];
  const owners = await readOwnerEmails(api, references);
  if (owners.emails.size > 0) progress(`read the login emails of ${owners.emails.size} owners`);
  const live: LiveDomain = { tags, customProperties, contacts, owners };
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

interface BuiltExport {
  sections: ExportSections;
  ids: Map<object, string>;
  /** contactIds of the contacts left out, for the header. */
  leftOut: string[];
  /** Photo files to write, relative to the document: path → bytes. */
  photoFiles: Map<string, Uint8Array>;
  /** Notes about what could not be exported (to stderr). */
  notes: string[];
}

export interface ExportedDocument {
  text: string;
  photoFiles: Map<string, Uint8Array>;
  notes: string[];
}

export interface ExportedFiles {
  files: SplitFile[];
  photoFiles: Map<string, Uint8Array>;
  notes: string[];
}

const HEADER = [
  "Exported from a live LINE WORKS domain by `lineworks-contacts export`.",
  "adopt: true lets `pulumi up` take over these existing objects instead of creating new ones.",
];
const leftOutLine = (ids: string[]) =>
  ids.length > 0 ? [`Left out (no unique primary email, which adopt finds a contact by, or no masterUserId): ${ids.join(", ")}`] : [];

/** The whole domain as one document. */
export function toDesiredStateDocument(live: LiveDomain, options: { photoDir?: string } = {}): ExportedDocument {
  const built = buildExport(live, options);
  const text = renderDocument({ sections: built.sections, ids: built.ids, header: [...HEADER, ...leftOutLine(built.leftOut)] });
  return { text, photoFiles: built.photoFiles, notes: built.notes };
}

/** The domain as one document per section (photo paths relative to the folder of those files). */
export function toDesiredStateFiles(live: LiveDomain, options: { photoDir?: string } = {}): ExportedFiles {
  const built = buildExport(live, options);
  const files = splitDocuments(built, (section) => [...HEADER, ...(section === "contacts" ? leftOutLine(built.leftOut) : [])]);
  return { files, photoFiles: built.photoFiles, notes: built.notes };
}

function buildExport(live: LiveDomain, options: { photoDir?: string }): BuiltExport {
  const notes: string[] = [...(live.owners?.notes ?? [])];
  const ids = new Map<object, string>();
  const owner = (reference: string) => ownerAsWritten(reference, live.owners);
  // A tag without a type (the reader tolerates it) is a user tag when it names its user.
  const isUserTag = (tag: ContactTag) => tag.type === "USER" || (tag.type === undefined && tag.userId !== undefined);
  // A type the docs do not list (a newer API) is neither kind: left out, never written as a company tag.
  const knownKind = (tag: ContactTag) => tag.type === undefined || tag.type === "COMPANY" || tag.type === "USER";
  const unknownKind = live.tags.filter((tag) => !knownKind(tag));
  if (unknownKind.length > 0) {
    notes.push(`left out ${unknownKind.length} tags of a type this version does not know: ${unknownKind.map((tag) => `${tag.contactTagName} (${String(tag.type)})`).join(", ")}`);
  }
  const companyTags = live.tags.filter((tag) => knownKind(tag) && !isUserTag(tag));
  // The docs' example user tag has no userId: such a tag cannot be written back (its user is unknown).
  const userTags = live.tags.filter((tag) => knownKind(tag) && isUserTag(tag) && tag.userId !== undefined && tag.userId !== "");
  const ownerless = live.tags.filter((tag) => knownKind(tag) && isUserTag(tag) && !userTags.includes(tag));
  if (ownerless.length > 0) {
    notes.push(`left out ${ownerless.length} user tags whose user the API did not name: ${ownerless.map((tag) => tag.contactTagName).join(", ")}`);
  }

  // Company and user tags share one namespace: a contact's `tags` names either kind by key.
  const tagKeys = new KeyMaker();
  const tagKeyById = new Map<string, string>();
  const tags: Record<string, object> = {};
  for (const tag of sortedBy(companyTags, (tag) => `${tag.contactTagName}\u0000${tag.contactTagId}`)) {
    const key = tagKeys.make(tag.contactTagName, "tag");
    tagKeyById.set(tag.contactTagId, key);
    tags[key] = projectOnto(companyContactTagInputFacts, tag, []);
    ids.set(tags[key]!, `contactTagId: ${tag.contactTagId}`);
  }
  const userTagsSection: Record<string, object> = {};
  for (const tag of sortedBy(userTags, (tag) => `${owner(tag.userId!)}\u0000${tag.contactTagName}\u0000${tag.contactTagId}`)) {
    const userId = owner(tag.userId!);
    // The owner's name first (an email's local part; never a bare id), then the tag's.
    const name = slugOf(tag.contactTagName) === "" ? "" : joinParts(userId.includes("@") ? localPart(userId) : undefined, tag.contactTagName);
    const key = tagKeys.make(name, "user-tag");
    tagKeyById.set(tag.contactTagId, key);
    userTagsSection[key] = { ...projectOnto(userContactTagInputFacts, tag, []), userId };
    ids.set(userTagsSection[key]!, `contactTagId: ${tag.contactTagId}`);
  }

  const propertyKeys = new KeyMaker();
  const propertyKeyByName = new Map<string, string>();
  const properties: Record<string, object> = {};
  // A property type the docs do not list (a newer API) cannot be written in this format: left out, and said so.
  const knownProperties = live.customProperties.filter((p) => (CUSTOM_VALUE_TYPES as readonly string[]).includes(p.propertyType));
  const unknownProperties = live.customProperties.filter((p) => !knownProperties.includes(p));
  if (unknownProperties.length > 0) {
    notes.push(`left out ${unknownProperties.length} custom properties of a type this version does not know: ${unknownProperties.map((p) => `${p.displayName} (${String(p.propertyType)})`).join(", ")}`);
  }
  for (const property of sortedBy(knownProperties, (p) => `${String(p.displayOrder ?? 999999).padStart(6, "0")}\u0000${p.propertyName}`)) {
    const key = propertyKeys.make(slugOf(property.displayName) || property.propertyName, "property");
    propertyKeyByName.set(property.propertyName, key);
    // The declared fields (fields a newer API adds are not written), declared defaults filled in.
    properties[key] = withDefaults(customPropertyInputFacts.fields, projectOnto(customPropertyInputFacts, property, []));
    ids.set(properties[key]!, `customPropertyId: ${property.customPropertyId}`);
  }

  const contactKeys = new KeyMaker();
  const contacts: Record<string, object> = {};
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
  let ownersRewritten = 0;
  const photoFiles = new Map<string, Uint8Array>();
  for (const contact of sortedBy(customers.filter((contact) => !leftOut.includes(contact)), (c) => `${c.createdTime ?? ""}\u0000${c.contactId}`)) {
    const key = contactKeys.make(contactKeySource(contact), "contact");
    const dropped: string[] = [];
    const entry = projectOnto(contactFact, contact, dropped);
    for (const field of KEYED_IN_YAML) delete entry[field];
    const returnedOwner = contact.permission!.masterUserId;
    if (owner(returnedOwner) !== returnedOwner) {
      entry.permission = { ...(entry.permission as object), masterUserId: owner(returnedOwner) };
      ownersRewritten++;
    }
    const tagKeys = (contact.contactTagIds ?? []).map((id) => tagKeyById.get(id));
    if (tagKeys.some((key) => key === undefined)) notes.push(`${key}: dropped tag ids that are not in the tag list`);
    const tagList = tagKeys.filter((key): key is string => key !== undefined);
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
    contacts[key] = entry;
    ids.set(entry, `contactId: ${contact.contactId}`);
  }
  if (ownersRewritten > 0) {
    notes.push(
      `wrote permission.masterUserId of ${ownersRewritten} contacts as login emails where the API returned user ids; ` +
        "the first up that takes them over may update their permission to the same member written as an email",
    );
  }
  return { sections: { tags, userTags: userTagsSection, customProperties: properties, contacts }, ids, leftOut: leftOut.map((c) => c.contactId), photoFiles, notes };
}

/** A custom value with only the fields its shapes have: a newer API's extra fields would not validate. */
function valueFields(value: unknown): unknown {
  const keep = (item: unknown) =>
    isRecord(item)
      ? Object.fromEntries(Object.entries(item).filter(([field]) => CUSTOM_VALUE_FIELD_NAMES.includes(field)))
      : item;
  return Array.isArray(value) ? value.map(keep) : keep(value);
}

/** Contact fields a YAML entry writes by key, rebuilt below: those a YAML-only field stands for (contactTagIds), and the custom values. */
const KEYED_IN_YAML = [...Object.keys(CONTACT_YAML_SPELLINGS), ...fieldNames(contactFieldFacts, (fact) => fact.kind === "customValues")];

/** lastName-firstName (any script the key pattern allows), else the primary email's local part. */
function contactKeySource(contact: Contact): string {
  const name = contact.contactName ?? {};
  const fromName = joinParts(name.lastName, name.firstName);
  if (fromName !== "") return fromName;
  const email = primaryEmail(contact) ?? contact.emails?.[0]?.email;
  return email ? localPart(email) : "";
}
