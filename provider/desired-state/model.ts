import type { ContactFields, CustomPropertyType, CustomPropertyValue, I18nDisplayName } from "../client/contact-api";

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
  secretFields?: Array<"memo" | "customProperties">;
}

export interface TagEntry extends EntryOptions {
  contactTagName: string;
}

export interface UserTagEntry extends EntryOptions {
  userId: string;
  contactTagName: string;
}

export interface CustomPropertyEntry extends EntryOptions {
  propertyName: string;
  displayName: string;
  i18nDisplayNames?: I18nDisplayName[];
  propertyType: CustomPropertyType;
  multiValued: boolean;
  displayOrder?: number | null;
}

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
