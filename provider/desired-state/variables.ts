/**
 * `${vars.NAME}` substitution in string values. `$${` stands for a literal `${`.
 * Any other `${...}` is an error, so that a typo such as `${var.owner}` cannot slip through.
 */

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
      problems.push({ index, reference: match, message: `undefined variable ${match}: set it in lineworks-contacts:vars (or --var ${name}=VALUE)` });
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
