/**
 * What the Pulumi engine hands a dynamic provider: raw property bags in which a
 * value not yet known during preview is a sentinel string, plus the serialized
 * provider under `__provider`.
 */
import type { RuleIssue } from "../rules";

/** The engine's marker for a value that is not known yet (preview). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const PROVIDER_KEY = "__provider";

export function isUnknown(value: unknown): boolean {
  return value === UNKNOWN;
}

/** True when the value is, or contains, a not-yet-known value. */
export function containsUnknown(value: unknown): boolean {
  if (value === UNKNOWN) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (value !== null && typeof value === "object") return Object.values(value).some(containsUnknown);
  return false;
}

/** The property bag without the engine's `__provider` entry. */
export function withoutProviderKey<T extends Record<string, unknown>>(props: T): T {
  const { [PROVIDER_KEY]: _ignored, ...rest } = props;
  return rest as T;
}

/** The value at a path; `UNKNOWN` as soon as the walk meets an unknown value. */
function valueAt(root: unknown, path: readonly (string | number)[]): unknown {
  let current = root;
  for (const key of path) {
    if (current === UNKNOWN) return UNKNOWN;
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

/** Issues about values that are not known yet are left for a later check (when they are). */
export function issuesAboutKnownValues(inputs: unknown, issues: RuleIssue[]): RuleIssue[] {
  return issues.filter((issue) => {
    for (let i = 0; i <= issue.path.length; i++) {
      if (valueAt(inputs, issue.path.slice(0, i)) === UNKNOWN) return false;
    }
    return true;
  });
}

/** `emails[0].email` style names for check failures. */
export function formatPath(path: readonly (string | number)[]): string {
  let text = "";
  for (const key of path) {
    if (typeof key === "number") text += `[${key}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) text += text ? `.${key}` : key;
    else text += `[${JSON.stringify(key)}]`;
  }
  return text;
}

export interface CheckFailure {
  property: string;
  reason: string;
}

export function toCheckFailures(issues: RuleIssue[]): CheckFailure[] {
  return issues.map((issue) => ({ property: formatPath(issue.path), reason: issue.message }));
}
