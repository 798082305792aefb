/**
 * Projection of a live object onto its declaration (for `export`): keeps the writable
 * declared fields, drops read-only and local ones, null and empty values, and names every
 * field the declaration does not model (the real API may return more) so the caller can say
 * what was left out.
 */
import type { Fact, ObjectFact } from "./facts";
import { isRecord } from "./json";


function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0);
}

function projectValue(fact: Fact, value: unknown, where: string, dropped: string[]): unknown {
  if (fact.kind === "object" && isRecord(value)) return projectObject(fact, value, where, dropped);
  if (fact.kind === "list" && Array.isArray(value)) {
    return value.map((item, index) => projectValue(fact.item, item, `${where.slice(0, -1)}[${index}].`, dropped));
  }
  if (fact.kind === "enum" && typeof value === "string") return fact.aliases?.[value] ?? value;
  return value;
}

function projectObject(fact: ObjectFact, value: Record<string, unknown>, where: string, dropped: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, fieldValue] of Object.entries(value)) {
    if (isEmpty(fieldValue)) continue;
    const field = fact.fields[name];
    if (field === undefined) {
      dropped.push(`${where}${name}`);
      continue;
    }
    if (field.readOnly || field.local) continue;
    out[name] = projectValue(field, fieldValue, `${where}${name}.`, dropped);
  }
  return out;
}

/** The writable declared fields of `value`; `dropped` receives the paths of fields not modelled. */
export function projectOnto(fact: ObjectFact, value: Record<string, unknown>, dropped: string[]): Record<string, unknown> {
  return projectObject(fact, value, "", dropped);
}
