/**
 * The typed surface of the LINE WORKS Contact API that everything above the
 * transport uses (resources, export, refresh). Callers never see a URL, a token
 * or a 429: the implementation behind this interface handles auth, rate limits,
 * retries and pagination.
 *
 * Object shapes use the API's own field names. Contact sub-objects may carry
 * fields we do not model; implementations must keep them (index signatures).
 */

export type ContactTagType = "COMPANY" | "USER";

export interface ContactTag {
  contactTagId: string;
  contactTagName: string;
  type: ContactTagType;
  userId?: string;
}

export type CustomPropertyType = "STRING" | "LINK";
export type I18nLanguage = "ko_KR" | "ja_JP" | "zh_CN" | "zh_TW" | "en_US";

export interface I18nDisplayName {
  language: I18nLanguage;
  name: string;
}

export interface CustomProperty {
  domainId: number;
  customPropertyId: string;
  propertyName: string;
  displayName: string;
  i18nDisplayNames?: I18nDisplayName[];
  propertyType: CustomPropertyType;
  displayOrder?: number | null;
  multiValued: boolean;
}

export interface NewCustomProperty {
  domainId: number;
  propertyName: string;
  displayName: string;
  i18nDisplayNames?: I18nDisplayName[];
  propertyType: CustomPropertyType;
  displayOrder?: number | null;
  multiValued?: boolean;
}

export interface CustomPropertyPatch {
  displayName?: string;
  i18nDisplayNames?: I18nDisplayName[];
  displayOrder?: number | null;
}

/** Sub-objects keep unknown fields of the real API (read-modify-write safety). */
type Open = { [unknownField: string]: unknown };

export interface AccessibleMember extends Open {
  id: string;
  type: "USER" | "ORGUNIT" | "GROUP";
}

export interface Permission extends Open {
  accessibleRange: "ALL" | "MEMBER";
  masterUserId: string;
  isCoEditing?: boolean;
  accessibleMembers?: AccessibleMember[];
}

export interface ContactName extends Open {
  lastName?: string;
  firstName?: string;
  phoneticLastName?: string;
  phoneticFirstName?: string;
  prefix?: string;
  suffix?: string;
  middleName?: string;
  nickName?: string;
}

export interface Email extends Open {
  email: string;
  primary?: boolean;
}

export interface Telephone extends Open {
  type: "CELLPHONE" | "WORK" | "HOME" | "WORK_FAX" | "HOME_FAX" | "OTHER" | "CUSTOM";
  customType?: string;
  telephone: string;
  primary?: boolean;
}

export interface Organization extends Open {
  name?: string;
  department?: string;
  title?: string;
  primary?: boolean;
}

export interface Location extends Open {
  type: "WORK" | "HOME" | "OTHER" | "CUSTOM";
  customType?: string;
  address?: string;
  zipCode?: string;
  primary?: boolean;
}

export interface ContactEvent extends Open {
  type: "BIRTHDAY" | "ANNIVERSARY" | "OTHER" | "CUSTOM";
  customType?: string;
  date: string;
  calendarType?: "SOLAR" | "LUNAR";
  primary?: boolean;
}

export interface Messenger extends Open {
  type: "LINE" | "FACEBOOK" | "TWITTER" | "X" | "CUSTOM";
  customType?: string;
  id: string;
  primary?: boolean;
}

export interface Website extends Open {
  url: string;
  primary?: boolean;
}

export type StringSingleValue = { content: string };
export type StringMultiValue = Array<{ content: string; represent?: boolean }>;
export type LinkSingleValue = { text?: string; link: string };
export type LinkMultiValue = Array<{ text?: string; link: string; represent?: boolean }>;
export type CustomPropertyValue = StringSingleValue | StringMultiValue | LinkSingleValue | LinkMultiValue;

/** The writable fields of a contact (POST / PUT / PATCH bodies). */
export interface ContactFields {
  permission?: Permission;
  contactName?: ContactName;
  emails?: Email[];
  telephones?: Telephone[];
  organizations?: Organization[];
  locations?: Location[];
  events?: ContactEvent[];
  messengers?: Messenger[];
  websites?: Website[];
  memo?: string;
  contactTagIds?: string[];
  customProperties?: Record<string, CustomPropertyValue>;
}

export interface Contact extends ContactFields {
  contactId: string;
  linkedExternalUser?: { id: string; type: "WORKS" | "LINE"; buddyUserIds?: string[] } | null;
  createdTime?: string;
  modifiedTime?: string;
  [unknownField: string]: unknown;
}

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
}
