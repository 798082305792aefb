/**
 * Canonical forms generated from the declarations, so that server defaults, aliases,
 * set-like list order, fields that do not matter (customType unless CUSTOM) and "empty vs
 * absent" never show up as a change. A canonical form is plain JSON; `undefined` means
 * "empty". Only writable declared fields count: read-only, local and unknown fields never
 * cause a diff.
 */
import type { Fact, ObjectFact } from "./facts";
import { isRecord } from "./json";
import { CUSTOM_VALUE_FIELD_NAMES, customValueFieldFact } from "./custom-property";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * `omitDefaults`: leave out values equal to their documented default instead of writing the
 * default in (the compact form a state keeps; both forms of one value compare equal once
 * canonicalized again without the option).
 */
export interface CanonicalOptions {
  omitDefaults?: boolean;
}

/** JSON with object keys sorted, for equality of canonical forms. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (isRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) if (value[key] !== undefined) out[key] = sortKeys(value[key]);
    return out;
  }
  return value;
}


function asSet(items: Json[]): Json[] {
  const byKey = new Map(items.map((item) => [canonicalJson(item), item] as const));
  return [...byKey.keys()].sort().map((key) => byKey.get(key)!);
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0);
}

function canonicalObject(fact: ObjectFact, value: Record<string, unknown>, options: CanonicalOptions): Json | undefined {
  const out: Record<string, Json> = {};
  for (const [name, field] of Object.entries(fact.fields)) {
    if (field.readOnly || field.local) continue;
    const when = field.relevantWhen;
    if (when?.enabled && value[when.field] !== when.equals) continue;
    const canonical = canonicalValue(field, value[name], options);
    if (canonical !== undefined) out[name] = canonical;
  }
  return Object.keys(out).length === 0 ? undefined : out;
}

/** The canonical form of a value declared by `fact`; `undefined` when it is empty. */
export function canonicalValue(fact: Fact, value: unknown, options: CanonicalOptions = {}): Json | undefined {
  const withDefault = (fact.kind === "boolean" || fact.kind === "enum") && fact.default !== undefined;
  if (isEmpty(value)) return withDefault && !options.omitDefaults ? (fact.default as Json) : undefined;
  switch (fact.kind) {
    case "enum": {
      const canonical = typeof value === "string" ? (fact.aliases?.[value] ?? value) : (value as Json);
      return options.omitDefaults && withDefault && canonical === fact.default ? undefined : canonical;
    }
    case "boolean":
      return options.omitDefaults && withDefault && value === fact.default ? undefined : (value as Json);
    case "list": {
      if (!Array.isArray(value)) return value as Json;
      const items = value.map((item) => canonicalValue(fact.item, item, options) ?? null);
      return fact.set ? asSet(items) : items;
    }
    case "object":
      return isRecord(value) ? canonicalObject(fact, value, options) : (value as Json);
    case "customValues":
      return isRecord(value) ? canonicalCustomValues(value) : (value as Json);
    default:
      return value as Json;
  }
}

/** A custom value's fields (provider/schema/custom-property.ts): those without a default, then the flags with one. */
const VALUE_FIELDS = CUSTOM_VALUE_FIELD_NAMES.filter((name) => defaultOf(name) === undefined);
const VALUE_FLAGS = CUSTOM_VALUE_FIELD_NAMES.filter((name) => defaultOf(name) !== undefined);
function defaultOf(name: string): Json | undefined {
  const fact = customValueFieldFact(name);
  return fact?.kind === "boolean" && fact.default !== undefined ? fact.default : undefined;
}

/** A custom value: its non-empty fields; a list item's flags (represent) with their default written out. */
function canonicalCustomValue(value: unknown): Json | undefined {
  if (isEmpty(value)) return undefined;
  const pick = (item: Record<string, unknown>): Record<string, Json> => {
    const out: Record<string, Json> = {};
    for (const field of VALUE_FIELDS) if (!isEmpty(item[field])) out[field] = item[field] as Json;
    return out;
  };
  const flags = (item: Record<string, unknown>): Record<string, Json> =>
    Object.fromEntries(VALUE_FLAGS.map((field) => [field, typeof item[field] === "boolean" ? (item[field] as boolean) : defaultOf(field)!]));
  if (Array.isArray(value)) return value.map((item) => (isRecord(item) ? { ...pick(item), ...flags(item) } : (item as Json)));
  return isRecord(value) ? pick(value) : (value as Json);
}

function canonicalCustomValues(value: Record<string, unknown>): Json | undefined {
  const out: Record<string, Json> = {};
  for (const [name, v] of Object.entries(value)) {
    const canonical = canonicalCustomValue(v);
    if (canonical !== undefined) out[name] = canonical;
  }
  return Object.keys(out).length === 0 ? undefined : out;
}
