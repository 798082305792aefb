/**
 * `${vars.NAME}` substitution in string values. `$${` stands for a literal `${`.
 * Any other `${...}` is an error, so that a typo such as `${var.owner}` cannot slip through.
 */

import type { Position } from "./problems";

const REFERENCE = /\$\$\{|\$\{([^}]*)\}/g;
const VARIABLE = /^vars\.([A-Za-z_][A-Za-z0-9_-]*)$/;

export interface SubstitutionProblem {
  /** Index in the input string of the `${` that caused it. */
  index: number;
  reference: string;
  message: string;
}

export interface SubstitutionResult {
  value: string;
  problems: SubstitutionProblem[];
  /** With `leaveUnset`: the variables that had no value (their references are kept as written). */
  unset: Array<{ index: number; reference: string; name: string }>;
}

export function substituteVariables(
  input: string,
  vars: Readonly<Record<string, string>>,
  options: { leaveUnset?: boolean } = {},
): SubstitutionResult {
  const problems: SubstitutionProblem[] = [];
  const unset: SubstitutionResult["unset"] = [];
  const value = input.replace(REFERENCE, (match: string, inner: string | undefined, index: number) => {
    if (match === "$${") return "${";
    const variable = VARIABLE.exec((inner ?? "").trim());
    if (!variable) {
      problems.push({ index, reference: match, message: `unsupported substitution ${match}: only \${vars.NAME} is supported (write $\${ for a literal \${)` });
      return match;
    }
    const name = variable[1]!;
    if (!Object.prototype.hasOwnProperty.call(vars, name)) {
      if (options.leaveUnset) {
        unset.push({ index, reference: match, name });
        return match;
      }
      problems.push({ index, reference: match, message: `undefined variable ${match}: set it with ${setVarCommand(name)}` });
      return match;
    }
    return vars[name]!;
  });
  return { value, problems, unset };
}

/** Accepts the values of `lineworks-contacts:vars` (a JSON object) as strings. */
export function normalizeVars(raw: unknown): Record<string, string> {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== "object" || Array.isArray(raw)) throw new Error("lineworks-contacts:vars must be a map of NAME to value");
  const vars: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw as Record<string, unknown>)) {
    if (value === null || typeof value === "object") throw new Error(`lineworks-contacts:vars.${name} must be a string, number or boolean`);
    vars[name] = String(value);
  }
  return vars;
}

/** How a stack gives a variable its value (pulumi has no --var: only the lineworks-contacts CLI does). */
export function setVarCommand(name: string, stack?: string): string {
  return `pulumi config set --path 'lineworks-contacts:vars.${name}' VALUE${stack === undefined ? "" : ` --stack ${stack}`}`;
}

/** The variable an "undefined variable ${vars.NAME}" message is about. */
export const undefinedVariableOf = (message: string): string | undefined => /^undefined variable \$\{vars\.([^}]*)\}/.exec(message)?.[1];

/**
 * One item per key, in order: the first item of each key is kept, and the positions of the
 * others are added to its message (` (also at 8:34, contacts.yaml:3:12)`). Items without a key
 * are kept as they are. For a variable used in many places: one message, not one per use.
 */
export function oncePerKey<T extends Position & { message: string }>(items: readonly T[], keyOf: (item: T) => string | undefined): T[] {
  const out: T[] = [];
  const groups = new Map<string, { index: number; more: Position[] }>();
  for (const item of items) {
    const key = keyOf(item);
    const group = key === undefined ? undefined : groups.get(key);
    if (group !== undefined) {
      group.more.push(item);
      continue;
    }
    if (key !== undefined) groups.set(key, { index: out.length, more: [] });
    out.push(item);
  }
  for (const { index, more } of groups.values()) {
    if (more.length === 0) continue;
    const first = out[index]!;
    const where = more.map((p) => (p.file === first.file ? `${p.line}:${p.col}` : `${p.file}:${p.line}:${p.col}`)).join(", ");
    out[index] = { ...first, message: `${first.message} (also at ${where})` };
  }
  return out;
}
