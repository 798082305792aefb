/**
 * Plain (resolved) inputs and stored outputs of the four resources. Field names
 * are the API's own; `adopt`, `forceDelete`, `photo` and `photoSha256` are ours.
 */
import type {
  ContactFields,
  CustomPropertyType,
  I18nDisplayName,
} from "../client/contact-api";

/** Every resource: take over an existing object with the same natural key on create. */
export interface AdoptOption {
  adopt?: boolean;
}

export interface CompanyContactTagInputs extends AdoptOption {
  contactTagName: string;
}

export interface CompanyContactTagState extends CompanyContactTagInputs {
  contactTagId: string;
  type: "COMPANY";
}

export interface UserContactTagInputs extends AdoptOption {
  userId: string;
  contactTagName: string;
}

export interface UserContactTagState extends UserContactTagInputs {
  contactTagId: string;
  type: "USER";
}

export interface ContactCustomPropertyInputs extends AdoptOption {
  propertyName: string;
  displayName: string;
  i18nDisplayNames?: I18nDisplayName[];
  propertyType: CustomPropertyType;
  multiValued?: boolean;
  displayOrder?: number | null;
}

export interface ContactCustomPropertyState extends ContactCustomPropertyInputs {
  customPropertyId: string;
  domainId?: number;
}

export interface ContactInputs extends ContactFields, AdoptOption {
  /** A local image file (path relative to the Pulumi program's folder). */
  photo?: string;
  /** Delete through /forcedelete instead of moving the contact to the trash. */
  forceDelete?: boolean;
}

export interface ContactState extends ContactInputs {
  contactId: string;
  /** sha256 (hex) of the uploaded photo's bytes. */
  photoSha256?: string;
  createdTime?: string;
  modifiedTime?: string;
}

/** The writable contact fields the resource manages (everything but the photo). */
export const CONTACT_FIELD_NAMES = [
  "permission",
  "contactName",
  "emails",
  "telephones",
  "organizations",
  "locations",
  "events",
  "messengers",
  "websites",
  "memo",
  "contactTagIds",
  "customProperties",
] as const satisfies ReadonlyArray<keyof ContactFields>;

export type ContactFieldName = (typeof CONTACT_FIELD_NAMES)[number];
