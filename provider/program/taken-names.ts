/**
 * Names an edit gives to one entry while an entry the same edit removes still holds them (issue
 * 19): "delete the old Partner tag, rename VIP to Partner". The API keeps these names unique and
 * Pulumi deletes removed entries only after every other change, so one `up` cannot do both: the
 * rename would be refused, and every later `up` the same way. Found from what the stack held
 * before, they are refused before anything changes, naming both entries and the way through.
 * Pure: the stack's entries are read elsewhere.
 */
import { userTagNaturalKey, type HeldEntries, type HeldKind } from "../stack/stack-ids";
import type { DesiredState } from "../loader/model";

type NamedKind = Exclude<HeldKind, "contacts">;

const NAME_FIELD: Record<NamedKind, string> = { tags: "contactTagName", userTags: "contactTagName", customProperties: "displayName" };

function uniqueNames(state: DesiredState, kind: NamedKind): Array<[string, string]> {
  switch (kind) {
    case "tags":
      return Object.entries(state.tags).map(([key, entry]) => [key, entry.contactTagName]);
    case "userTags":
      return Object.entries(state.userTags).map(([key, entry]) => [key, userTagNaturalKey(entry.userId, entry.contactTagName)]);
    case "customProperties":
      return Object.entries(state.customProperties).map(([key, entry]) => [key, entry.displayName]);
  }
}

export function takenNameProblems(state: DesiredState, held: HeldEntries): string[] {
  const problems: string[] = [];
  for (const kind of ["tags", "userTags", "customProperties"] as const) {
    const desired = uniqueNames(state, kind).filter(([, name]) => typeof name === "string");
    const inFiles = new Set(desired.map(([key]) => key));
    const movedFrom = new Set(Object.values(state[kind]).flatMap((entry) => entry.previousKeys));
    // Names held by entries this edit removes (not renamed keys: those move with their entry).
    const removed = new Map<string, string>();
    for (const [key, entry] of held[kind]) {
      if (!inFiles.has(key) && !movedFrom.has(key) && entry.uniqueName !== undefined) removed.set(entry.uniqueName, key);
    }
    // Keys the stack does not hold yet: one of them may be a removed entry under a new key.
    const newKeys = desired.map(([key]) => key).filter((key) => !held[kind].has(key) && (state[kind][key]?.previousKeys.length ?? 0) === 0);
    for (const [key, name] of desired) {
      const holder = removed.get(name);
      if (holder === undefined || held[kind].get(key)?.uniqueName === name) continue;
      const shown = kind === "userTags" ? name.slice(name.indexOf("/") + 1) : name;
      const renamed =
        newKeys.length > 0
          ? ` If ${kind}.${holder} was renamed rather than removed (to ${newKeys.map((k) => `${kind}.${k}`).join(" or ")}), ` +
            `write previousKeys: [${holder}] on its new key instead, and one pulumi up does it.`
          : "";
      problems.push(
        `${kind}.${key}: ${NAME_FIELD[kind]} "${shown}" is still held by ${kind}.${holder}, which this edit removes. ` +
          `Pulumi deletes removed entries after every other change, so one pulumi up cannot free the name first. ` +
          `Do it in two steps: remove ${kind}.${holder} and run pulumi up, then give ${kind}.${key} the name and run pulumi up again.${renamed}`,
      );
    }
  }
  return problems;
}
