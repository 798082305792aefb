/**
 * A loaded desired state: each entry is its resource's declared inputs (provider/schema, without
 * `adopt`, which every entry carries below) plus the options only the YAML has.
 */
import type {
  CompanyContactTagInputs,
  ContactCustomPropertyInputs,
  ContactFields,
  customPropertyInputFacts,
  CustomPropertyValue,
  SecretContactFieldName,
  UserContactTagInputs,
  WithDefaults,
} from "../schema";

/** What every entry carries besides its resource's fields. */
export interface EntryOptions {
  /** Take over an existing object with the same natural key (the entry's or the file's `adopt`). */
  adopt: boolean;
  /** Former keys of this entry: renaming the key keeps the resource (Pulumi aliases). */
  previousKeys: string[];
  /** Pulumi's `protect`: refuse to delete or replace the object. */
  protect?: boolean;
  /** Pulumi's `retainOnDelete`: removing the entry forgets the object but leaves it in LINE WORKS. */
  retainOnDelete?: boolean;
  /** Field names of the entry (as in YAML: `tags`, not contactTagIds) whose live changes are left alone. */
  ignoreChanges?: string[];
  /** Contacts: fields stored as Pulumi secrets (added to the stack's `lineworks-contacts:secretFields`). */
  secretFields?: SecretContactFieldName[];
}

export interface TagEntry extends EntryOptions, Omit<CompanyContactTagInputs, "adopt"> {}

export interface UserTagEntry extends EntryOptions, Omit<UserContactTagInputs, "adopt"> {}

/** A field with a declared default (multiValued: false) is filled in when the entry leaves it out. */
export interface CustomPropertyEntry extends EntryOptions, WithDefaults<(typeof customPropertyInputFacts)["fields"], Omit<ContactCustomPropertyInputs, "adopt">> {}

export interface ContactEntry extends EntryOptions {
  /** The API's contact fields, without contactTagIds and customProperties (below, by key). */
  fields: Omit<ContactFields, "contactTagIds" | "customProperties">;
  /** Keys of `tags` or `userTags`. */
  tags: string[];
  /** Values keyed by keys of `customProperties`. */
  customProperties: Record<string, CustomPropertyValue>;
  /** Absolute path of the photo file, resolved against the YAML file that names it. */
  photo?: string;
  forceDelete: boolean;
}

/** A validated desired state: every reference resolves, every API rule holds. */
export interface DesiredState {
  tags: Record<string, TagEntry>;
  userTags: Record<string, UserTagEntry>;
  customProperties: Record<string, CustomPropertyEntry>;
  contacts: Record<string, ContactEntry>;
}
