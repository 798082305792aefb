/**
 * Entry keys (and previousKeys) name Pulumi resources: one documented pattern, checked by the
 * loader at FILE:LINE:COL and by the component for a state built in code, before anything is
 * registered. 1 to 100 characters, each a letter of any script (with its combining marks), a
 * decimal digit, `-`, `_` or `.`: no empty key, no `:` (so no `::`, the URN separator), no
 * space, no control character.
 */
import type { DesiredState } from "./model";
import type { MergedState } from "./overlay";
import type { ProblemSink } from "./paths";
import { PREVIOUS_KEYS, SECTION_NAMES } from "./format";

export const KEY_MAX_LENGTH = 100;
export const KEY_PATTERN = /^[\p{L}\p{M}\p{Nd}_.-]{1,100}$/u;
/** The rule as the messages and the README state it. */
export const KEY_RULE = `a key is 1 to ${KEY_MAX_LENGTH} characters, each a letter, a digit, "-", "_" or "."`;

export function isValidKey(key: string): boolean {
  return KEY_PATTERN.test(key);
}

/** Why `key` is not a valid key (undefined when it is). */
export function keyProblem(key: string): string | undefined {
  if (isValidKey(key)) return undefined;
  const length = [...key].length;
  if (length === 0) return `the key is empty; ${KEY_RULE}`;
  if (length > KEY_MAX_LENGTH) return `the key has ${length} characters; ${KEY_RULE}`;
  if (key.includes("::")) return `the key contains "::" (the separator of Pulumi's URNs); ${KEY_RULE}`;
  const bad = [...key].find((char) => !/^[\p{L}\p{M}\p{Nd}_.-]$/u.test(char))!;
  return `the key contains ${describeChar(bad)}; ${KEY_RULE}`;
}

function describeChar(char: string): string {
  const code = `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
  if (/^\p{Cc}$/u.test(char)) return `the control character ${code}`;
  if (char === " ") return "a space";
  if (/^\s$/u.test(char)) return `the white space ${code}`;
  if (/^\p{C}$/u.test(char)) return `the invisible character ${code}`;
  return `${JSON.stringify(char)} (${code})`;
}

/** Every entry key of the merged files, at the key's position. */
export function checkEntryKeys(merged: MergedState, sink: ProblemSink): void {
  for (const section of SECTION_NAMES) {
    for (const key of Object.keys(merged.sections[section])) {
      const problem = keyProblem(key);
      if (problem) sink.at([section, key], `invalid key: ${problem}`, { preferKey: true });
    }
  }
}

/**
 * For a state built in code (it skips the loader): every key and previous key that breaks the
 * pattern, as `section["key"]: why`.
 */
export function stateKeyProblems(state: DesiredState): string[] {
  const problems: string[] = [];
  for (const section of SECTION_NAMES) {
    for (const [key, entry] of Object.entries(state[section] ?? {})) {
      const problem = keyProblem(key);
      if (problem) problems.push(`${section}[${JSON.stringify(key)}]: invalid key: ${problem}`);
      const previous: unknown = (entry as { previousKeys?: unknown } | undefined)?.previousKeys ?? [];
      (Array.isArray(previous) ? previous : [previous]).forEach((old, index) => {
        const oldProblem = typeof old === "string" ? keyProblem(old) : "must be a string";
        if (oldProblem) problems.push(`${section}[${JSON.stringify(key)}].${PREVIOUS_KEYS}[${index}]: invalid key ${JSON.stringify(old)}: ${oldProblem}`);
      });
    }
  }
  return problems;
}

/** Throws before anything is registered when a state built in code has a key Pulumi cannot carry. */
export function assertStateKeys(state: DesiredState): DesiredState {
  const problems = stateKeyProblems(state);
  if (problems.length > 0) {
    throw new Error(`LineWorksContacts: ${problems.length} invalid key${problems.length === 1 ? "" : "s"} in the state (keys name Pulumi resources):\n${problems.join("\n")}`);
  }
  return state;
}
