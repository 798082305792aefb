/**
 * "Did you mean …" for unknown fields, entry keys and references: the closest known names by
 * Levenshtein distance (fastest-levenshtein), compared without case.
 */
import { distance } from "fastest-levenshtein";

/** How far a name may be from what was written to be suggested: about one edit in three letters. */
function maxDistance(length: number): number {
  return Math.max(1, Math.round(length / 3));
}

/**
 * A swap of two neighbouring letters ("vpi" for "vip") costs 2 in Levenshtein distance, too
 * much for a short word; the same letters in another order with a distance of 2 is that swap.
 */
function isSwap(a: string, b: string, edits: number): boolean {
  return edits === 2 && a.length === b.length && [...a].sort().join("") === [...b].sort().join("");
}

/** The known names closest to `written` (ties kept, at most three), or none when none is close. */
export function closestNames(written: string, known: Iterable<string>): string[] {
  const target = written.toLowerCase();
  let best = Infinity;
  let names: string[] = [];
  for (const name of new Set(known)) {
    if (name === written) continue;
    const lower = name.toLowerCase();
    const edits = distance(target, lower);
    const close = edits <= maxDistance(Math.max(target.length, 1)) || isSwap(target, lower, edits);
    if (!close || edits >= Math.max(lower.length, 1)) continue;
    if (edits < best) {
      best = edits;
      names = [name];
    } else if (edits === best) {
      names.push(name);
    }
  }
  return names.slice(0, 3);
}

/** `; did you mean "emails"?` (or `"a" or "b"`), or "" when no known name is close. */
export function didYouMean(written: string, known: Iterable<string>): string {
  return didYouMeanText(closestNames(written, known));
}

/** The "did you mean" text for names found by closestNames. */
export function didYouMeanText(names: readonly string[]): string {
  if (names.length === 0) return "";
  return `; did you mean ${names.map((name) => JSON.stringify(name)).join(" or ")}?`;
}

/**
 * Words people write for an enum value the API spells otherwise (`MOBILE` for a cell phone):
 * suggested only where the value they stand for is allowed.
 */
const VALUE_ALIASES: Record<string, string> = {
  MOBILE: "CELLPHONE",
  CELL: "CELLPHONE",
  CELL_PHONE: "CELLPHONE",
  MOBILE_PHONE: "CELLPHONE",
  FAX: "WORK_FAX",
  URL: "LINK",
  TEXT: "STRING",
};

/**
 * `; did you mean "CELLPHONE"?` for a value written where one of `allowed` belongs: the same
 * value in another case (`cellphone`), a common synonym (`MOBILE`), or a close spelling.
 */
export function didYouMeanValue(written: unknown, allowed: readonly unknown[]): string {
  if (typeof written !== "string" || written.trim() === "") return "";
  const names = allowed.filter((value): value is string => typeof value === "string");
  const normalised = written.trim().toUpperCase().replace(/[\s-]+/g, "_");
  const sameWord = names.find((name) => name.toUpperCase() === normalised);
  if (sameWord !== undefined) return didYouMeanText([sameWord]);
  const alias = VALUE_ALIASES[normalised];
  if (alias !== undefined && names.includes(alias)) return didYouMeanText([alias]);
  return didYouMean(written, names);
}
