/**
 * Entries whose natural key or unique name another entry of the stack holds before this run: a
 * name handed from one entry to another in the same edit (tag B renamed away from "Partner" while
 * a new tag takes "Partner"). The preview's check that a planned create's key is free outside the
 * stack (provider/dynamic-provider/preflight.ts) lets these through: up hands the name over. Pure: the
 * stack's entries are read elsewhere (previous-state.ts).
 */
import { userTagNaturalKey, type HeldEntries, type HeldKind } from "../stack/stack-ids";
import { primaryEmail } from "../schema/contact";
import type { DesiredState } from "../loader/model";

/** The names of one desired entry that must be unique: its natural key and, for a property, its displayName. */
function namesOf(state: DesiredState, kind: HeldKind, key: string): Array<string | undefined> {
  switch (kind) {
    case "tags":
      return [state.tags[key]!.contactTagName];
    case "userTags": {
      const entry = state.userTags[key]!;
      return [userTagNaturalKey(entry.userId, entry.contactTagName)];
    }
    case "customProperties":
      return [state.customProperties[key]!.propertyName, state.customProperties[key]!.displayName];
    case "contacts":
      return [primaryEmail(state.contacts[key]!.fields)];
  }
}

/** Per kind, the keys of desired entries that take a name another entry of the stack holds now. */
export function namesHeldByStack(state: DesiredState, previous: HeldEntries | undefined): Record<HeldKind, Set<string>> {
  const result: Record<HeldKind, Set<string>> = { tags: new Set(), userTags: new Set(), customProperties: new Set(), contacts: new Set() };
  if (!previous) return result;
  for (const kind of Object.keys(result) as HeldKind[]) {
    for (const key of Object.keys(state[kind])) {
      const own = new Set([key, ...state[kind][key]!.previousKeys]);
      const names = new Set(namesOf(state, kind, key).filter((name): name is string => typeof name === "string"));
      for (const [heldKey, held] of previous[kind]) {
        if (own.has(heldKey)) continue;
        if ((held.naturalKey !== undefined && names.has(held.naturalKey)) || (held.uniqueName !== undefined && names.has(held.uniqueName))) {
          result[kind].add(key);
          break;
        }
      }
    }
  }
  return result;
}
