import type { z } from "zod";
import { didYouMeanValue } from "../schema/suggest";

/** One broken rule: `path` is the input field path, e.g. `["emails", 0, "email"]`. */
export interface RuleIssue {
  path: (string | number)[];
  message: string;
}

function describeAllowed(values: readonly unknown[]): string {
  return values.map((v) => JSON.stringify(v)).join(", ");
}

function received(input: unknown): string {
  if (input === null) return "null";
  if (Array.isArray(input)) return "a list";
  return typeof input === "object" ? "an object" : typeof input;
}

const typeNames: Record<string, string> = {
  string: "a string",
  number: "a number",
  int: "an integer",
  boolean: "true or false",
  array: "a list",
  object: "an object",
  record: "an object",
};

/** Turns zod's issues into short messages that name what is wrong, one per field. */
export function fromZodIssues(issues: readonly z.core.$ZodIssue[], prefix: (string | number)[] = []): RuleIssue[] {
  const out: RuleIssue[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path.map((p) => (typeof p === "symbol" ? String(p) : p))];
    out.push(...describe(issue, path));
  }
  return out;
}

function describe(issue: z.core.$ZodIssue, path: (string | number)[]): RuleIssue[] {
  switch (issue.code) {
    case "unrecognized_keys":
      return issue.keys.map((key) => ({ path: [...path, key], message: `unknown field "${key}"` }));
    case "invalid_type": {
      if (issue.input === undefined) return [{ path, message: "is required" }];
      const expected = typeNames[issue.expected] ?? issue.expected;
      return [{ path, message: `must be ${expected}, not ${received(issue.input)}` }];
    }
    case "invalid_value":
      return [{ path, message: `must be one of ${describeAllowed(issue.values)}${didYouMeanValue(issue.input, issue.values)}` }];
    case "too_big": {
      const max = Number(issue.maximum);
      if (issue.origin === "string") return [{ path, message: `must be at most ${max} characters` }];
      if (issue.origin === "array") return [{ path, message: `must have at most ${max} items` }];
      return [{ path, message: `must be at most ${max}` }];
    }
    case "too_small": {
      const min = Number(issue.minimum);
      if (issue.origin === "string") {
        return [{ path, message: min === 1 ? "must not be empty" : `must be at least ${min} characters` }];
      }
      if (issue.origin === "array") return [{ path, message: `must have at least ${min} item${min === 1 ? "" : "s"}` }];
      return [{ path, message: `must be at least ${min}` }];
    }
    default:
      return [{ path, message: issue.message }];
  }
}
