/**
 * The tolerant reader of API responses, generated from the declarations (lineworks-api.md
 * "Tolerant reading"): only key fields are required; `null` reads as absent; fields we do
 * not model are kept (open objects) so a read-modify-write does not lose them; enum values
 * we do not know are kept as they are; aliases read as their canonical value (TWITTER → X);
 * a value of another type than declared reads as absent (diff then shows it, nothing fails).
 */
import { z } from "zod";
import type { Fact, ObjectFact, ResponseValue } from "./facts";
import { isRecord } from "./json";

export interface ReadProblem {
  path: (string | number)[];
  message: string;
}

function hasKind(fact: Fact, value: unknown): boolean {
  switch (fact.kind) {
    case "string":
    case "enum":
      return typeof value === "string";
    case "boolean":
      return typeof value === "boolean";
    case "integer":
      return typeof value === "number" || (typeof value === "string" && /^-?\d+$/.test(value));
    case "list":
      return Array.isArray(value);
    case "object":
    case "customValues":
      return isRecord(value);
  }
}

function describeKind(fact: Fact): string {
  if (fact.kind === "list") return "a list";
  if (fact.kind === "object" || fact.kind === "customValues") return "an object";
  return fact.kind === "enum" ? "a string" : `a ${fact.kind}`;
}

function readValue(fact: Fact, value: unknown, path: (string | number)[], problems: ReadProblem[]): unknown {
  switch (fact.kind) {
    case "enum":
      return typeof value === "string" ? (fact.aliases?.[value] ?? value) : value;
    case "integer":
      return typeof value === "string" && /^-?\d+$/.test(value) ? Number(value) : value;
    case "list":
      return Array.isArray(value)
        ? value.filter((item) => hasKind(fact.item, item)).map((item, i) => readValue(fact.item, item, [...path, i], problems))
        : value;
    case "object":
      return readObject(fact, value, path, problems);
    case "customValues":
      return isRecord(value) ? Object.fromEntries(Object.entries(value).map(([name, v]) => [name, readCustomValue(v)])) : value;
    default:
      return value;
  }
}

/** A custom value's items keep every field but the null ones (their shape depends on the property). */
function readCustomValue(value: unknown): unknown {
  const withoutNulls = (item: unknown) => (isRecord(item) ? Object.fromEntries(Object.entries(item).filter(([, v]) => v !== null)) : item);
  return Array.isArray(value) ? value.map(withoutNulls) : withoutNulls(value);
}


function readObject(fact: ObjectFact, value: unknown, path: (string | number)[], problems: ReadProblem[]): unknown {
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(fact.fields)) {
    const raw = value[name];
    if (raw === null || raw === undefined || !hasKind(field, raw)) {
      if (field.key || field.needed) problems.push({ path: [...path, name], message: raw === null || raw === undefined ? "is missing" : `must be ${describeKind(field)}` });
      continue;
    }
    if (field.key && (typeof raw !== "string" || raw === "")) {
      problems.push({ path: [...path, name], message: "must be a non-empty string" });
      continue;
    }
    out[name] = readValue(field, raw, [...path, name], problems);
  }
  if (fact.open) for (const [name, raw] of Object.entries(value)) if (!(name in fact.fields) && raw !== undefined) out[name] = raw;
  return out;
}

/** Reads a response object; the problems name what the caller cannot do without. */
export function readResponse<F extends ObjectFact>(fact: F, value: unknown): { value: ResponseValue<F>; problems: ReadProblem[] } {
  const problems: ReadProblem[] = [];
  if (!isRecord(value)) return { value: {} as ResponseValue<F>, problems: [{ path: [], message: "must be an object" }] };
  // The reader is generated from the same declaration as ResponseValue<F>: the one place that says so.
  return { value: readObject(fact, value, [], problems) as ResponseValue<F>, problems };
}

/** A zod schema that reads with the declaration (for the client's parseBody). */
export function responseSchema<F extends ObjectFact>(fact: F): z.ZodType<ResponseValue<F>> {
  return z.unknown().transform((input, ctx) => {
    const { value, problems } = readResponse(fact, input);
    for (const problem of problems) ctx.addIssue({ code: "custom", path: problem.path, message: problem.message });
    return value;
  });
}
