/**
 * Key renames recognised from what the stack held before (issue 19): an entry whose key the
 * stack does not hold, with the same natural key as an object the stack holds under a key that
 * no file has any more, is that object under a new name. It gets the old key as a previous key
 * (a Pulumi alias), so the engine moves the resource instead of creating a second one and then
 * deleting the object both would name. Pure: the stack's entries are read elsewhere.
 */
import { primaryEmail } from "../schema/contact";
import { userTagNaturalKey, type HeldEntries, type HeldKind } from "../stack/stack-ids";
import type { DesiredState, EntryOptions } from "../loader/model";

export interface RecognisedRename {
  kind: HeldKind;
  key: string;
  previousKey: string;
  naturalKey: string;
}

const NATURAL_KEY_NAME: Record<HeldKind, string> = {
  tags: "contactTagName",
  userTags: "userId and contactTagName",
  customProperties: "propertyName",
  contacts: "primary email",
};

function naturalKeys(state: DesiredState, kind: HeldKind): Array<[string, EntryOptions, string | undefined]> {
  const str = (value: unknown) => (typeof value === "string" ? value : undefined);
  switch (kind) {
    case "tags":
      return Object.entries(state.tags).map(([key, entry]) => [key, entry, str(entry.contactTagName)]);
    case "userTags":
      return Object.entries(state.userTags).map(([key, entry]) => [
        key,
        entry,
        str(entry.userId) !== undefined && str(entry.contactTagName) !== undefined ? userTagNaturalKey(entry.userId as string, entry.contactTagName as string) : undefined,
      ]);
    case "customProperties":
      return Object.entries(state.customProperties).map(([key, entry]) => [key, entry, str(entry.propertyName)]);
    case "contacts":
      return Object.entries(state.contacts).map(([key, entry]) => [key, entry, primaryEmail(entry.fields)]);
  }
}

/** The renames to apply; an ambiguous match (two candidates either way) is left alone. */
export function recogniseRenames(state: DesiredState, held: HeldEntries): RecognisedRename[] {
  const renames: RecognisedRename[] = [];
  for (const kind of ["tags", "userTags", "customProperties", "contacts"] as const) {
    const entries = naturalKeys(state, kind);
    const inFiles = new Set(entries.map(([key]) => key));
    const claimed = new Set(entries.flatMap(([, entry]) => entry.previousKeys));
    // Keys the stack holds that no file has and no entry already names as a previous key.
    const orphans = new Map<string, string[]>();
    for (const [key, entry] of held[kind]) {
      if (inFiles.has(key) || claimed.has(key) || entry.naturalKey === undefined) continue;
      orphans.set(entry.naturalKey, [...(orphans.get(entry.naturalKey) ?? []), key]);
    }
    const newcomers = new Map<string, string[]>();
    for (const [key, entry, naturalKey] of entries) {
      if (held[kind].has(key) || naturalKey === undefined || entry.previousKeys.some((previous) => held[kind].has(previous))) continue;
      newcomers.set(naturalKey, [...(newcomers.get(naturalKey) ?? []), key]);
    }
    for (const [naturalKey, keys] of newcomers) {
      const previous = orphans.get(naturalKey);
      if (keys.length !== 1 || previous?.length !== 1) continue;
      renames.push({ kind, key: keys[0]!, previousKey: previous[0]!, naturalKey });
    }
  }
  return renames;
}

/** The state with each recognised rename's previous key added to the entry. */
export function withRenames(state: DesiredState, renames: readonly RecognisedRename[]): DesiredState {
  const next: DesiredState = { tags: { ...state.tags }, userTags: { ...state.userTags }, customProperties: { ...state.customProperties }, contacts: { ...state.contacts } };
  for (const rename of renames) {
    const section = next[rename.kind] as Record<string, EntryOptions>;
    const entry = section[rename.key]!;
    section[rename.key] = { ...entry, previousKeys: [...entry.previousKeys, rename.previousKey] };
  }
  return next;
}

export function describeRename(rename: RecognisedRename): string {
  return (
    `${rename.kind}: key "${rename.key}" holds the same ${NATURAL_KEY_NAME[rename.kind]} as "${rename.previousKey}", ` +
    `which this stack manages and no file has any more: treated as a rename of that key (nothing is created or deleted). ` +
    `Write previousKeys: [${rename.previousKey}] on "${rename.key}" to make it explicit.`
  );
}
