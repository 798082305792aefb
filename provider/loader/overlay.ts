/**
 * Combines desired-state files: later files overlay earlier ones by key. A later entry's
 * fields replace the earlier entry's fields (a field set to null removes it); an entry set
 * to null removes the entry. Positions follow every field to the file that set it.
 */
import { isRecord } from "../schema/json";
import { defineField, locate, setLocated, type ChildSpot, type Located } from "./located";
import type { Position, Problem } from "./problems";
import { FORMAT_VERSION, SECTION_NAMES, TOP_LEVEL_KEYS, type SectionName } from "./format";
import type { SourceFile } from "./source";
import { dottedPath } from "./paths";
import { didYouMean } from "../schema/suggest";

export interface MergedState {
  /** Plain values with locations: `{ adopt?, tags: {...}, userTags, customProperties, contacts }`. */
  root: Record<string, unknown>;
  sections: Record<SectionName, Record<string, Record<string, unknown>>>;
  adopt: boolean | undefined;
  /**
   * Sections that some file could not give (a file unreadable or not a map, an unknown top-level
   * key, a section that is not a map): their keys are not all known, so a reference to an
   * unknown key or a duplicate found without them may be only an echo of that first problem.
   */
  unreadable: Record<SectionName, boolean>;
  /** Keys of entries that are not maps (reported): they exist, though their fields are unknown. */
  unreadableKeys: Record<SectionName, Set<string>>;
}

export function mergeSources(sources: SourceFile[], problems: Problem[]): MergedState {
  const sections = Object.fromEntries(SECTION_NAMES.map((name) => [name, {}])) as MergedState["sections"];
  const sectionSpots = Object.fromEntries(SECTION_NAMES.map((name) => [name, new Map<string, ChildSpot>()])) as Record<
    SectionName,
    Map<string, ChildSpot>
  >;
  const rootChildren = new Map<string, ChildSpot>();
  let adopt: boolean | undefined;
  const unreadable = Object.fromEntries(SECTION_NAMES.map((name) => [name, false])) as MergedState["unreadable"];
  const unreadableKeys = Object.fromEntries(SECTION_NAMES.map((name) => [name, new Set<string>()])) as MergedState["unreadableKeys"];
  const allUnreadable = () => SECTION_NAMES.forEach((name) => (unreadable[name] = true));

  for (const source of sources) {
    const root = source.root;
    if (root === undefined) {
      allUnreadable(); // unreadable or a syntax error, already reported
      continue;
    }
    if (root === null) {
      allUnreadable();
      problems.push({ ...source.start, message: `empty file: a desired-state file starts with \`version: ${FORMAT_VERSION}\`` });
      continue;
    }
    const rootLocated = isRecord(root) ? locate(root) : undefined;
    if (!isRecord(root) || !rootLocated) {
      allUnreadable();
      problems.push({ ...source.start, message: "the top level must be a map with `version`, `adopt`, `tags`, `userTags`, `customProperties`, `contacts`" });
      continue;
    }
    const spot = (key: string): ChildSpot => rootLocated.children.get(key)!;

    for (const key of Object.keys(root)) {
      // `x-...` keys are free for the user's own use, e.g. anchors of shared blocks (as in Compose files).
      if (!(TOP_LEVEL_KEYS as readonly string[]).includes(key) && !key.startsWith("x-")) {
        // A misspelt section, or an entry indented too little: what it holds is not read.
        allUnreadable();
        problems.push({
          ...(spot(key).key ?? spot(key).value),
          message: `unknown key ${JSON.stringify(key)} at the top level${didYouMean(key, TOP_LEVEL_KEYS)} (expected one of ${TOP_LEVEL_KEYS.join(", ")}, or x-NAME for your own use)`,
        });
      }
    }
    // `version` may be left out (every section is optional); when given, it must be the one we read.
    if ("version" in root && root.version !== FORMAT_VERSION) {
      problems.push({ ...spot("version").value, message: `unsupported version ${JSON.stringify(root.version)}: this tool reads version ${FORMAT_VERSION}` });
    }
    if ("adopt" in root) {
      if (typeof root.adopt === "boolean") {
        adopt = root.adopt;
        rootChildren.set("adopt", spot("adopt"));
      } else if (root.adopt !== null) {
        problems.push({ ...spot("adopt").value, message: `adopt: expected true or false, got ${describe(root.adopt)}` });
      }
    }

    for (const name of SECTION_NAMES) {
      if (!(name in root) || root[name] === null) continue;
      const section = root[name];
      const located = isRecord(section) ? locate(section) : undefined;
      if (!isRecord(section) || !located) {
        unreadable[name] = true;
        problems.push({ ...spot(name).value, message: `${name}: expected a map of key to entry, got ${describe(section)}` });
        continue;
      }
      rootChildren.set(name, spot(name));
      for (const [key, entry] of Object.entries(section)) {
        const entrySpot = located.children.get(key)!;
        const where = entrySpot.key ?? entrySpot.value;
        const existing = sections[name][key];
        if (entry === null) {
          if (existing) {
            delete sections[name][key];
            sectionSpots[name].delete(key);
          } else if (!unreadable[name]) {
            const known = Object.keys(sections[name]);
            problems.push({ ...where, message: `${dottedPath([name, key])}: null removes an entry, but no earlier file defines ${dottedPath([name, key])}${didYouMean(key, known)}` });
          }
          continue;
        }
        if (!isRecord(entry)) {
          if (!existing) unreadableKeys[name].add(key);
          problems.push({ ...entrySpot.value, message: `${dottedPath([name, key])}: expected a map of fields (or null to remove the entry), got ${describe(entry)}` });
          continue;
        }
        sections[name][key] = existing ? overlayEntry(existing, entry) : entry;
        sectionSpots[name].set(key, entrySpot);
      }
    }
  }

  const first: Position = sources[0]?.start ?? { file: "<none>", line: 1, col: 1 };
  const root: Record<string, unknown> = {};
  if (adopt !== undefined) root.adopt = adopt;
  for (const name of SECTION_NAMES) {
    const section = sections[name];
    setLocated(section, { at: rootChildren.get(name)?.value ?? first, children: sectionSpots[name] });
    root[name] = section;
  }
  setLocated(root, { at: first, children: rootChildren });
  return { root, sections, adopt, unreadable, unreadableKeys };
}

/** A later entry over an earlier one: the later fields win, a null field removes it. */
function overlayEntry(earlier: Record<string, unknown>, later: Record<string, unknown>): Record<string, unknown> {
  const earlierLocated = locate(earlier)!;
  const laterLocated = locate(later)!;
  const merged: Record<string, unknown> = {};
  const children = new Map<string | number, ChildSpot>();
  for (const [field, value] of Object.entries(earlier)) {
    if (field in later) continue;
    defineField(merged, field, value);
    children.set(field, earlierLocated.children.get(field)!);
  }
  for (const [field, value] of Object.entries(later)) {
    if (value === null) continue;
    defineField(merged, field, value);
    children.set(field, laterLocated.children.get(field)!);
  }
  const located: Located = { at: laterLocated.at, children };
  setLocated(merged, located);
  return merged;
}

export function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a map";
  if (typeof value === "string") return `the string ${JSON.stringify(value)}`;
  return `${typeof value === "number" ? "the number" : "the boolean"} ${String(value)}`;
}
