/**
 * ContactApi over HTTP: one object per API area (contacts, photos, tags, custom
 * properties, in endpoints/), behind the ContactApi interface. Auth, limits,
 * redirects and retries are the transport's job.
 */
import type {
  Contact,
  ContactApi,
  ContactFields,
  ContactTag,
  CustomProperty,
  CustomPropertyPatch,
  ListContactTagsQuery,
  ListContactsQuery,
  NewCustomProperty,
} from "./contact-api";
import { listContactsInWindows, type WindowedListingOptions } from "./contact-listing";
import { ContactsEndpoint } from "./endpoints/contacts";
import { CustomPropertiesEndpoint } from "./endpoints/custom-properties";
import { MembersEndpoint } from "./endpoints/members";
import { PhotosEndpoint } from "./endpoints/photos";
import { TagsEndpoint } from "./endpoints/tags";
import type { ClientStats, StatsCounter } from "./stats";
import type { Transport } from "./transport";

export interface ContactApiClientParts {
  transport: Transport;
  stats: StatsCounter;
  tokenRequests: () => number;
  /** Obtains the read token (the first token of a run). */
  readToken: () => Promise<unknown>;
  domainId: number | undefined;
  listing: WindowedListingOptions;
}

export class HttpContactApi implements ContactApi {
  readonly domainId: number | undefined;
  private readonly contacts: ContactsEndpoint;
  private readonly photos: PhotosEndpoint;
  private readonly tags: TagsEndpoint;
  private readonly properties: CustomPropertiesEndpoint;
  private readonly members: MembersEndpoint;

  constructor(private readonly parts: ContactApiClientParts) {
    this.domainId = parts.domainId;
    this.contacts = new ContactsEndpoint(parts.transport);
    this.photos = new PhotosEndpoint(parts.transport);
    this.tags = new TagsEndpoint(parts.transport);
    this.properties = new CustomPropertiesEndpoint(parts.transport, parts.domainId);
    this.members = new MembersEndpoint(parts.transport);
  }

  async verifyReadAccess(): Promise<void> {
    await this.parts.readToken();
  }

  /** What this client has sent so far. */
  stats(): ClientStats {
    return this.parts.stats.snapshot(this.parts.tokenRequests());
  }

  createContact(fields: ContactFields): Promise<Contact> {
    return this.contacts.create(fields);
  }
  getContact(contactId: string): Promise<Contact | undefined> {
    return this.contacts.get(contactId);
  }
  listContacts(query: ListContactsQuery = {}): AsyncIterable<Contact> {
    return listContactsInWindows((windowQuery) => this.contacts.pages("/contacts", {}, windowQuery), query, this.parts.listing);
  }
  listUserContacts(userId: string, query: ListContactsQuery = {}): AsyncIterable<Contact> {
    return listContactsInWindows(
      (windowQuery) => this.contacts.pages("/users/{userId}/contacts", { userId }, windowQuery),
      query,
      this.parts.listing,
    );
  }
  replaceContact(contactId: string, fields: ContactFields): Promise<Contact> {
    return this.contacts.write("PUT", contactId, fields);
  }
  patchContact(contactId: string, fields: ContactFields): Promise<Contact> {
    return this.contacts.write("PATCH", contactId, fields);
  }
  deleteContact(contactId: string, options: { force?: boolean } = {}): Promise<void> {
    return this.contacts.delete(contactId, options.force === true);
  }

  uploadContactPhoto(contactId: string, fileName: string, bytes: Uint8Array): Promise<void> {
    return this.photos.upload(contactId, fileName, bytes);
  }
  getContactPhoto(contactId: string): Promise<Uint8Array | undefined> {
    return this.photos.get(contactId);
  }
  deleteContactPhoto(contactId: string): Promise<void> {
    return this.photos.delete(contactId);
  }

  /** A taken name (400 or 409) throws a DuplicateNameError (`isDuplicateName(error)`), naming the holder's id. */
  createCompanyTag(contactTagName: string): Promise<ContactTag> {
    return this.tags.createCompanyTag(contactTagName);
  }
  /** A taken name (400 or 409) throws a DuplicateNameError (`isDuplicateName(error)`), naming the holder's id. */
  createUserTag(userId: string, contactTagName: string): Promise<ContactTag> {
    return this.tags.createUserTag(userId, contactTagName);
  }
  getContactTag(contactTagId: string): Promise<ContactTag | undefined> {
    return this.tags.get(contactTagId);
  }
  listContactTags(query: ListContactTagsQuery = {}): AsyncIterable<ContactTag> {
    return this.tags.list("/contact-tags", {}, query);
  }
  listUserContactTags(userId: string, query: ListContactTagsQuery = {}): AsyncIterable<ContactTag> {
    return this.tags.list("/users/{userId}/contact-tags", { userId }, query);
  }
  renameContactTag(contactTagId: string, contactTagName: string): Promise<ContactTag> {
    return this.tags.rename(contactTagId, contactTagName);
  }
  deleteContactTag(contactTagId: string): Promise<void> {
    return this.tags.delete(contactTagId);
  }

  /** A taken propertyName or displayName (400 or 409) throws a DuplicateNameError, naming the holder's id. */
  createCustomProperty(property: Omit<NewCustomProperty, "domainId">): Promise<CustomProperty> {
    return this.properties.create(property);
  }
  getCustomProperty(idOrPropertyName: string): Promise<CustomProperty | undefined> {
    return this.properties.get(idOrPropertyName);
  }
  listCustomProperties(): Promise<CustomProperty[]> {
    return this.properties.list();
  }
  patchCustomProperty(idOrPropertyName: string, patch: CustomPropertyPatch): Promise<CustomProperty> {
    return this.properties.patch(idOrPropertyName, patch);
  }
  deleteCustomProperty(idOrPropertyName: string): Promise<void> {
    return this.properties.delete(idOrPropertyName);
  }

  isMember(userId: string): Promise<boolean> {
    return this.members.isMember(userId);
  }
  memberEmail(userId: string): Promise<string | undefined> {
    return this.members.memberEmail(userId);
  }
}
