/**
 * Plain (resolved) inputs and stored outputs of the four resources, derived from the object
 * declarations in provider/schema. Field names are the API's own; `adopt`, `forceDelete`,
 * `photo` and `photoSha256` are ours.
 */
import type {
  CompanyContactTagInputs,
  CompanyContactTagState,
  ContactCustomPropertyInputs,
  ContactCustomPropertyState,
  ContactInputs,
  UserContactTagInputs,
  UserContactTagState,
} from "../schema";

export type { CompanyContactTagInputs, ContactCustomPropertyInputs, ContactInputs, UserContactTagInputs };
export type { CompanyContactTagState, ContactCustomPropertyState, UserContactTagState };

export { CONTACT_FIELD_NAMES, type ContactFieldName } from "../schema/contact";

/** Every resource: take over an existing object with the same natural key on create. */
export interface AdoptOption {
  adopt?: boolean;
}

export interface ContactState extends ContactInputs {
  contactId: string;
  /** sha256 (hex) of the uploaded photo's bytes. */
  photoSha256?: string;
  createdTime?: string;
  modifiedTime?: string;
}
