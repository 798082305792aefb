/**
 * The typed surface of the LINE WORKS Contact API that everything above the
 * transport uses (resources, export, refresh). Callers never see a URL, a token
 * or a 429: the implementation behind this interface handles auth, rate limits,
 * retries and pagination.
 *
 * Object shapes use the API's own field names. Contact sub-objects may carry
 * fields we do not model; implementations must keep them (index signatures).
 */

// The API's objects are declared once in provider/schema; their types derive from there.
export type {
  AccessibleMember,
  Contact,
  ContactEvent,
  ContactFields,
  ContactName,
  ContactTag,
  ContactTagType,
  CustomProperty,
  CustomPropertyType,
  CustomPropertyValue,
  Email,
  CustomPropertyPatch,
  I18nDisplayName,
  I18nLanguage,
  LinkMultiValue,
  LinkSingleValue,
  Location,
  Messenger,
  NewCustomProperty,
  Organization,
  Permission,
  StringMultiValue,
  StringSingleValue,
  Telephone,
  Website,
} from "../schema";
import type { Contact, ContactFields, ContactTag, ContactTagType, CustomProperty, CustomPropertyPatch, NewCustomProperty } from "../schema";

export interface ListContactsQuery {
  searchDateType?: "CREATED_TIME" | "MODIFIED_TIME";
  /** With searchDateType: the client splits longer ranges into 7-day windows. */
  startDateTime?: string;
  endDateTime?: string;
  accessibleRange?: "ALL" | "MEMBER";
  contactTagId?: string;
  email?: string;
  telephone?: string;
  searchFilterType?: "LINKED_EXTERNAL_USER";
  orderBy?: string;
  /** Page size sent to the API, 1..500; the iterator still yields every contact. */
  count?: number;
}

export interface ListContactTagsQuery {
  type?: ContactTagType;
  orderBy?: "name asc" | "name desc";
  count?: number;
}

export interface ContactApi {
  readonly domainId: number | undefined;

  /** Obtains the read-only token (contact.read) now: the credentials and the scope work. No API call. */
  verifyReadAccess(): Promise<void>;

  // contacts
  createContact(fields: ContactFields): Promise<Contact>;
  getContact(contactId: string): Promise<Contact | undefined>;
  /** Every contact matching the query, across cursor pages and date windows. */
  listContacts(query?: ListContactsQuery): AsyncIterable<Contact>;
  listUserContacts(userId: string, query?: ListContactsQuery): AsyncIterable<Contact>;
  replaceContact(contactId: string, fields: ContactFields): Promise<Contact>;
  patchContact(contactId: string, fields: ContactFields): Promise<Contact>;
  /** Idempotent: a contact that is already gone is not an error. */
  deleteContact(contactId: string, options?: { force?: boolean }): Promise<void>;

  // photos
  uploadContactPhoto(contactId: string, fileName: string, bytes: Uint8Array): Promise<void>;
  /** The photo's bytes, or undefined when the contact has none. */
  getContactPhoto(contactId: string): Promise<Uint8Array | undefined>;
  deleteContactPhoto(contactId: string): Promise<void>;

  // tags
  createCompanyTag(contactTagName: string): Promise<ContactTag>;
  createUserTag(userId: string, contactTagName: string): Promise<ContactTag>;
  getContactTag(contactTagId: string): Promise<ContactTag | undefined>;
  listContactTags(query?: ListContactTagsQuery): AsyncIterable<ContactTag>;
  listUserContactTags(userId: string, query?: ListContactTagsQuery): AsyncIterable<ContactTag>;
  renameContactTag(contactTagId: string, contactTagName: string): Promise<ContactTag>;
  deleteContactTag(contactTagId: string): Promise<void>;

  // custom properties (domainId from the client configuration)
  createCustomProperty(property: Omit<NewCustomProperty, "domainId">): Promise<CustomProperty>;
  getCustomProperty(idOrPropertyName: string): Promise<CustomProperty | undefined>;
  listCustomProperties(): Promise<CustomProperty[]>;
  patchCustomProperty(idOrPropertyName: string, patch: CustomPropertyPatch): Promise<CustomProperty>;
  deleteCustomProperty(idOrPropertyName: string): Promise<void>;

  // members (Directory API, scope user.read)
  /** Whether `userId` (resource id or login email) is a member of the domain; throws when the app may not read users. */
  isMember(userId: string): Promise<boolean>;
  /** The login email of the member `userId` names; undefined when it names no member; throws when the app may not read users. */
  memberEmail(userId: string): Promise<string | undefined>;
}
