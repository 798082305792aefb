/**
 * An edit that removes one entry and adds another that looks like the same object: a contact
 * whose key and primary email changed together (same display name or same telephone), a tag or
 * property with the same name under a new key. Rename recognition cannot pair them (their
 * natural keys differ), so as written the old object is deleted (a contact goes to the trash)
 * and a new one created with a new id. The preview says so and names `previousKeys`. Pure: the
 * stack's entries are read elsewhere.
 */
import { contactDisplayName, type HeldEntries, type HeldEntry, type HeldKind } from "../audit/stack-ids";
import { heldEntryOf, removedKeys } from "./delete-guard";
import type { DesiredState, EntryOptions } from "./model";

const digits = (phone: string): string => phone.replace(/\D/g, "");
const same = (a: string | undefined, b: string | undefined): boolean => a !== undefined && b !== undefined && a.trim().toLowerCase() === b.trim().toLowerCase();

/** Why an added entry of the files looks like a removed one, or undefined when it does not. */
function likeness(state: DesiredState, kind: HeldKind, key: string, removed: HeldEntry): string | undefined {
  switch (kind) {
    case "contacts": {
      const fields = state.contacts[key]!.fields;
      const name = contactDisplayName(fields.contactName);
      if (same(name, removed.label)) return `the same display name "${name}"`;
      const phones = new Set((removed.telephones ?? []).map(digits).filter((phone) => phone !== ""));
      const phone = (fields.telephones ?? []).find((entry) => typeof entry.telephone === "string" && phones.has(digits(entry.telephone)));
      return phone ? `the same telephone ${phone.telephone}` : undefined;
    }
    case "tags":
    case "userTags": {
      const name = state[kind][key]!.contactTagName;
      return same(name, removed.label) ? `the same name "${name}"` : undefined;
    }
    case "customProperties": {
      const { displayName, propertyName } = state.customProperties[key]!;
      if (same(displayName, removed.label)) return `the same displayName "${displayName}"`;
      return same(propertyName, removed.naturalKey) ? `the same propertyName "${propertyName}"` : undefined;
    }
  }
}

const CONSEQUENCE: Record<HeldKind, string> = {
  contacts: "the contact is deleted (to the trash) and a new one created with a new id",
  tags: "the tag is deleted, taken off its contacts, and a new one created",
  userTags: "the tag is deleted, taken off its contacts, and a new one created",
  customProperties: "the property is deleted with its values on every contact, and a new one created",
};

export function lookAlikeWarnings(state: DesiredState, held: HeldEntries): string[] {
  const warnings: string[] = [];
  for (const kind of ["tags", "userTags", "customProperties", "contacts"] as const) {
    const removed = removedKeys(state, held, kind).filter((key) => !held[kind].get(key)!.retainOnDelete);
    if (removed.length === 0) continue;
    for (const [key, entry] of Object.entries(state[kind] as Record<string, EntryOptions>)) {
      if (heldEntryOf(held, kind, key, entry) !== undefined) continue;
      for (const oldKey of removed) {
        const why = likeness(state, kind, key, held[kind].get(oldKey)!);
        if (why === undefined) continue;
        warnings.push(
          `${kind}.${key} has ${why} as ${kind}.${oldKey}, which this edit removes: as written, ${CONSEQUENCE[kind]}. ` +
            `If it is the same object, write previousKeys: [${oldKey}] on ${kind}.${key} to keep it.`,
        );
      }
    }
  }
  return warnings;
}
