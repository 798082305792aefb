/**
 * The delete guard (CONTRACT §5, `lineworks-contacts:maxDeletes`): emptying a file or a wrong
 * `lineworks-contacts:files` overlay must not delete every contact on merge. From what the
 * stack held before and the files (renames already applied), counts the objects this run would
 * delete: entries the files no longer describe (not retainOnDelete ones; protected ones Pulumi
 * refuses anyway) and replacements that delete the old object. A custom property definition
 * counts once for itself and once per contact of the stack carrying a value for it. Pure: the
 * stack's entries are read elsewhere.
 */
import { replacingInputs, type HeldEntries, type HeldEntry, type HeldKind } from "../stack/stack-ids";
import { SECTION_NAMES } from "../schema/resources";
import type { DesiredState, EntryOptions } from "../loader/model";

export const MAX_DELETES_KEY = "lineworks-contacts:maxDeletes";
export const DEFAULT_MAX_DELETES = 10;
const KINDS: readonly HeldKind[] = SECTION_NAMES;
/** The most entries a refusal lists; the count covers them all. */
const LISTED = 40;

export interface PlannedDelete {
  kind: HeldKind;
  key: string;
  label?: string;
  /** Set for a replacement: the fields whose change replaces the object. */
  replacedBy?: string[];
  /** A custom property: the contacts of the stack whose values for it go with it. */
  values?: string[];
}

export interface DeleteCount {
  /** Objects deleted: entries plus the custom values that go with a property. */
  count: number;
  /** Some contacts keep their custom values as secrets in the state: each was counted, so `count` is an upper bound. */
  atMost: boolean;
  deletes: PlannedDelete[];
  /** Removed entries that are protected: not counted, Pulumi refuses to delete them. */
  protectedEntries: Array<{ kind: HeldKind; key: string; label?: string }>;
}

/** `lineworks-contacts:maxDeletes` as Pulumi passes it (text); throws naming the key when it is not a whole number. */
export function parseMaxDeletes(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === "") return DEFAULT_MAX_DELETES;
  const value = /^\s*\d+\s*$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(value)) {
    throw new Error(
      `${MAX_DELETES_KEY} must be a whole number of objects (0 or more), got ${JSON.stringify(raw)}; ` +
        `e.g. pulumi config set ${MAX_DELETES_KEY} 20 (default ${DEFAULT_MAX_DELETES})`,
    );
  }
  return value;
}

/** The keys of `kind` the stack holds that no entry of the files has, by its key or a previous key. */
export function removedKeys(state: DesiredState, held: HeldEntries, kind: HeldKind): string[] {
  const entries = state[kind] as Record<string, EntryOptions>;
  const kept = new Set([...Object.keys(entries), ...Object.values(entries).flatMap((entry) => entry.previousKeys)]);
  return [...held[kind].keys()].filter((key) => !kept.has(key)).sort();
}

/** The held entry an entry of the files continues: its own key, else the first previous key the stack holds. */
export function heldEntryOf(held: HeldEntries, kind: HeldKind, key: string, entry: EntryOptions): HeldEntry | undefined {
  return held[kind].get(key) ?? entry.previousKeys.map((previous) => held[kind].get(previous)).find((found) => found !== undefined);
}

/** The replacing fields of an entry of the files, as the state records them. */
function desiredReplacing(state: DesiredState, kind: HeldKind, key: string): Record<string, string | boolean> {
  if (kind === "contacts") return {};
  return replacingInputs(kind, state[kind][key] as unknown as Record<string, unknown>) ?? {};
}

function replacedFields(recorded: Record<string, string | boolean> | undefined, desired: Record<string, string | boolean>): string[] {
  if (recorded === undefined) return [];
  return Object.entries(desired).filter(([field, value]) => field in recorded && recorded[field] !== value).map(([field]) => field);
}

export function countDeletes(state: DesiredState, held: HeldEntries): DeleteCount {
  const deletes: PlannedDelete[] = [];
  const protectedEntries: DeleteCount["protectedEntries"] = [];
  const label = (entry: HeldEntry) => (entry.label !== undefined ? { label: entry.label } : {});
  for (const kind of KINDS) {
    for (const key of removedKeys(state, held, kind)) {
      const entry = held[kind].get(key)!;
      if (entry.retainOnDelete) continue;
      if (entry.protect) protectedEntries.push({ kind, key, ...label(entry) });
      else deletes.push({ kind, key, ...label(entry) });
    }
    for (const [key, entry] of Object.entries(state[kind] as Record<string, EntryOptions>)) {
      const before = heldEntryOf(held, kind, key, entry);
      if (before === undefined || before.retainOnDelete || entry.retainOnDelete) continue;
      const fields = replacedFields(before.replacing, desiredReplacing(state, kind, key));
      if (fields.length === 0) continue;
      if (before.protect) protectedEntries.push({ kind, key, ...label(before) });
      else deletes.push({ kind, key, ...label(before), replacedBy: fields });
    }
  }
  // The values a property takes with it: on contacts of the stack that are not deleted themselves.
  const deletedContacts = new Set(deletes.filter((item) => item.kind === "contacts").map((item) => item.key));
  let atMost = false;
  for (const item of deletes) {
    if (item.kind !== "customProperties") continue;
    const propertyName = held.customProperties.get(item.key)?.naturalKey ?? heldPropertyName(state, held, item.key);
    item.values = [];
    for (const [contactKey, contact] of held.contacts) {
      if (deletedContacts.has(contactKey) || contact.propertyNames === undefined) continue;
      const secret = contact.propertyNames === "secret";
      // Secret values (or a property whose name the state keeps secret) cannot be matched: counted, and said.
      const carries = secret || (propertyName === undefined ? contact.propertyNames.length > 0 : contact.propertyNames.includes(propertyName));
      if (!carries) continue;
      item.values.push(contactKey);
      if (secret || propertyName === undefined) atMost = true;
    }
  }
  for (const item of deletes) item.values?.sort();
  const count = deletes.reduce((sum, item) => sum + 1 + (item.values?.length ?? 0), 0);
  return { count, atMost, deletes, protectedEntries };
}

/** A replaced property under a renamed key: the propertyName the stack recorded under its previous key. */
function heldPropertyName(state: DesiredState, held: HeldEntries, key: string): string | undefined {
  const entry = state.customProperties[key];
  return entry ? heldEntryOf(held, "customProperties", key, entry)?.naturalKey : undefined;
}

export const describeEntry = (item: { kind: HeldKind; key: string; label?: string }): string =>
  `${item.kind}.${item.key}${item.label !== undefined ? ` (${item.label})` : ""}`;

function describeDelete(item: PlannedDelete): string {
  const what = describeEntry(item) + (item.replacedBy ? `: replaced, as its ${item.replacedBy.join(", ")} changes` : "");
  if (!item.values || item.values.length === 0) return what;
  const shown = item.values.slice(0, 5).join(", ") + (item.values.length > 5 ? `, and ${item.values.length - 5} more` : "");
  return `${what}, with its values on ${item.values.length} contact${item.values.length === 1 ? "" : "s"} (${shown})`;
}

/** Pulumi refuses to delete a protected resource; said in the entry's own words. */
export function describeProtected(item: { kind: HeldKind; key: string; label?: string }): string {
  return (
    `${describeEntry(item)} is protected, so Pulumi will refuse to delete it and the run will fail: ` +
    `to delete it, first set protect: false on the entry (keeping it in the files) and run pulumi up, then remove it`
  );
}

/** The refusal when the count is over the limit, else undefined. */
export function deleteGuardRefusal(counted: DeleteCount, maxDeletes: number, stackFile: string): string | undefined {
  if (counted.count <= maxDeletes) return undefined;
  const listed = counted.deletes.slice(0, LISTED).map((item) => `  ${describeDelete(item)}`);
  if (counted.deletes.length > LISTED) listed.push(`  and ${counted.deletes.length - LISTED} more entries`);
  const secretNote = counted.atMost ? " (at most: contacts whose custom values are secret in the state are each counted)" : "";
  return [
    `This run would delete ${counted.atMost ? "at most " : ""}${counted.count} object${counted.count === 1 ? "" : "s"}${secretNote}, more than ${MAX_DELETES_KEY} allows (${maxDeletes}); nothing was changed:`,
    ...listed,
    ...counted.protectedEntries.map((item) => `  not counted: ${describeProtected(item)}`),
    `If these deletes are intended, raise the limit in the same pull request, where a reviewer sees it: ` +
      `pulumi config set ${MAX_DELETES_KEY} ${counted.count} (it is written to ${stackFile}); otherwise put the entries back in the files.`,
  ].join("\n");
}
