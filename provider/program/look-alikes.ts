/**
 * An edit that removes one entry and adds another that looks like the same object: a contact
 * whose key and primary email changed together (same display name or same telephone), a tag or
 * property with the same name under a new key. Rename recognition cannot pair them (their
 * natural keys differ), so as written the old object is deleted (a contact goes to the trash)
 * and a new one created with a new id. The preview says so and names `previousKeys`. Pure: the
 * stack's entries are read elsewhere.
 */
import { contactDisplayName, type HeldEntries, type HeldEntry, type HeldKind } from "../stack/stack-ids";
import { heldEntryOf, removedKeys } from "./delete-guard";
import type { DesiredState, EntryOptions } from "../loader/model";

const digits = (phone: string): string => phone.replace(/\D/g, "");
const folded = (name: string | undefined): string | undefined => (name === undefined || name.trim() === "" ? undefined : name.trim().toLowerCase());

/** The contacts that carry a tag, as one value: their keys, sorted (undefined when none does). */
const carriersValue = (keys: string[]): string | undefined => (keys.length === 0 ? undefined : [...keys].sort().join(","));

/** The contacts of the stack that carried the tag with this id. */
function heldCarriers(held: HeldEntries, tagId: string): string | undefined {
  return carriersValue([...held.contacts].filter(([, contact]) => contact.tagIds?.includes(tagId)).map(([key]) => key));
}

/**
 * What makes two entries of a kind look alike: per feature, its value. A contact: display name,
 * each telephone; a tag: its name, and the contacts that carry it (a tag renamed and re-keyed in
 * one edit keeps its contacts).
 */
function features(kind: HeldKind, entry: HeldEntry, held: HeldEntries): Array<[string, string | undefined]> {
  if (kind === "contacts") return [["name", folded(entry.label)], ...(entry.telephones ?? []).map((phone): [string, string] => ["phone", digits(phone)])];
  if (kind === "customProperties") return [["name", folded(entry.label)], ["propertyName", folded(entry.naturalKey)]];
  return [["name", folded(entry.label)], ["carriers", heldCarriers(held, entry.id)]];
}

/** The same features of an entry of the files, each with the words that name it in a warning. */
function desiredFeatures(state: DesiredState, kind: HeldKind, key: string): Array<[string, string | undefined, string]> {
  switch (kind) {
    case "contacts": {
      const { contactName, telephones = [] } = state.contacts[key]!.fields;
      const name = contactDisplayName(contactName);
      return [
        ["name", folded(name), `the same display name "${name}"`],
        ...telephones.map((entry): [string, string, string] => ["phone", digits(String(entry.telephone)), `the same telephone ${entry.telephone}`]),
      ];
    }
    case "tags":
    case "userTags": {
      const name = state[kind][key]!.contactTagName;
      const carriers = carriersValue(Object.entries(state.contacts).filter(([, contact]) => contact.tags.includes(key)).map(([contactKey]) => contactKey));
      return [
        ["name", folded(name), `the same name "${name}"`],
        ["carriers", carriers, `the same contacts (${carriers?.split(",").join(", ")})`],
      ];
    }
    case "customProperties": {
      const { displayName, propertyName } = state.customProperties[key]!;
      return [
        ["name", folded(displayName), `the same displayName "${displayName}"`],
        ["propertyName", folded(propertyName), `the same propertyName "${propertyName}"`],
      ];
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
    // The removed entries by feature, so a large edit is not compared pair by pair.
    const removed = new Map<string, string[]>();
    for (const key of removedKeys(state, held, kind)) {
      const entry = held[kind].get(key)!;
      if (entry.retainOnDelete) continue;
      for (const [feature, value] of features(kind, entry, held)) {
        if (value !== undefined && value !== "") removed.set(`${feature}:${value}`, [...(removed.get(`${feature}:${value}`) ?? []), key]);
      }
    }
    if (removed.size === 0) continue;
    for (const [key, entry] of Object.entries(state[kind] as Record<string, EntryOptions>)) {
      if (heldEntryOf(held, kind, key, entry) !== undefined) continue;
      const warned = new Set<string>();
      for (const [feature, value, why] of desiredFeatures(state, kind, key)) {
        for (const oldKey of value === undefined || value === "" ? [] : removed.get(`${feature}:${value}`) ?? []) {
          if (warned.has(oldKey)) continue;
          warned.add(oldKey);
          warnings.push(
            `${kind}.${key} has ${why} as ${kind}.${oldKey}, which this edit removes: as written, ${CONSEQUENCE[kind]}. ` +
              `If it is the same object, write previousKeys: [${oldKey}] on ${kind}.${key} to keep it.`,
          );
        }
      }
    }
  }
  return warnings;
}
