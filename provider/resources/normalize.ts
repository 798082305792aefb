/**
 * Canonical forms used to compare desired and live values, so that server
 * defaults, aliases, set-like list order and "empty vs absent" never show up as
 * a change. A canonical form is plain JSON; `undefined` means "empty".
 */
import {
  ACCESSIBLE_MEMBERS_ONLY_FOR_MEMBER,
  CUSTOM_TYPE_ONLY_FOR_CUSTOM,
  DEFAULT_CALENDAR_TYPE,
  DEFAULT_IS_CO_EDITING,
  MESSENGER_TYPE_ALIASES,
  UNORDERED_CONTACT_LISTS,
} from "./assumptions";
import type { ContactFieldName } from "./types";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** JSON with object keys sorted, for equality of canonical forms. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

export function sameCanonical(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Picks the named fields, dropping empty strings, null and undefined. */
function pick(source: Record<string, unknown>, fields: readonly string[]): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const field of fields) {
    const value = source[field];
    if (value === undefined || value === null || value === "") continue;
    out[field] = value as Json;
  }
  return out;
}

function orEmpty<T extends object>(value: T): T | undefined {
  return Object.keys(value).length === 0 ? undefined : value;
}

function asSet(items: Json[]): Json[] {
  const byKey = new Map(items.map((item) => [canonicalJson(item), item] as const));
  return [...byKey.keys()].sort().map((key) => byKey.get(key)!);
}

const LIST_ITEM_FIELDS = {
  emails: ["email"],
  telephones: ["type", "customType", "telephone"],
  organizations: ["name", "department", "title"],
  locations: ["type", "customType", "address", "zipCode"],
  events: ["type", "customType", "date", "calendarType"],
  messengers: ["type", "customType", "id"],
  websites: ["url"],
} as const satisfies Partial<Record<ContactFieldName, readonly string[]>>;

type ListFieldName = keyof typeof LIST_ITEM_FIELDS;

function normalizeListItem(list: ListFieldName, item: unknown): Json {
  if (!isRecord(item)) return item as Json;
  const out = pick(item, LIST_ITEM_FIELDS[list]);
  out.primary = item.primary === true;
  if (list === "messengers" && typeof out.type === "string") out.type = MESSENGER_TYPE_ALIASES[out.type] ?? out.type;
  if (list === "events" && out.calendarType === undefined) out.calendarType = DEFAULT_CALENDAR_TYPE;
  if (CUSTOM_TYPE_ONLY_FOR_CUSTOM && "type" in out && out.type !== "CUSTOM") delete out.customType;
  return out;
}

function normalizePermission(value: unknown): Json | undefined {
  if (!isRecord(value)) return value === undefined || value === null ? undefined : (value as Json);
  const out = pick(value, ["accessibleRange", "masterUserId"]);
  out.isCoEditing = typeof value.isCoEditing === "boolean" ? value.isCoEditing : DEFAULT_IS_CO_EDITING;
  const membersMatter = !ACCESSIBLE_MEMBERS_ONLY_FOR_MEMBER || value.accessibleRange === "MEMBER";
  if (membersMatter && Array.isArray(value.accessibleMembers)) {
    const members = value.accessibleMembers.map((m) => (isRecord(m) ? pick(m, ["id", "type"]) : (m as Json)));
    out.accessibleMembers = UNORDERED_CONTACT_LISTS.has("permission.accessibleMembers") ? asSet(members) : members;
  }
  return out;
}

const NAME_PARTS = [
  "lastName",
  "firstName",
  "phoneticLastName",
  "phoneticFirstName",
  "prefix",
  "suffix",
  "middleName",
  "nickName",
] as const;

function normalizeCustomValue(value: unknown): Json | undefined {
  if (value === null || value === undefined) return undefined;
  if (Array.isArray(value)) {
    if (value.length === 0) return undefined;
    return value.map((item) => {
      if (!isRecord(item)) return item as Json;
      return { ...pick(item, ["content", "text", "link"]), represent: item.represent === true };
    });
  }
  if (isRecord(value)) return pick(value, ["content", "text", "link"]);
  return value as Json;
}

function normalizeCustomProperties(value: unknown): Json | undefined {
  if (!isRecord(value)) return value === undefined || value === null ? undefined : (value as Json);
  const out: Record<string, Json> = {};
  for (const [name, v] of Object.entries(value)) {
    const normalized = normalizeCustomValue(v);
    if (normalized !== undefined) out[name] = normalized;
  }
  return orEmpty(out);
}

/** The canonical form of one contact field; `undefined` when it is empty. */
export function normalizeContactField(field: ContactFieldName, value: unknown): Json | undefined {
  switch (field) {
    case "permission":
      return normalizePermission(value);
    case "contactName":
      return isRecord(value) ? orEmpty(pick(value, NAME_PARTS)) : (value as Json | undefined) ?? undefined;
    case "memo":
      return value === "" || value === null || value === undefined ? undefined : (value as Json);
    case "contactTagIds": {
      if (!Array.isArray(value)) return (value as Json | undefined) ?? undefined;
      if (value.length === 0) return undefined;
      return UNORDERED_CONTACT_LISTS.has("contactTagIds") ? asSet(value as Json[]) : (value as Json[]);
    }
    case "customProperties":
      return normalizeCustomProperties(value);
    default: {
      if (!Array.isArray(value)) return (value as Json | undefined) ?? undefined;
      if (value.length === 0) return undefined;
      const items = value.map((item) => normalizeListItem(field, item));
      return UNORDERED_CONTACT_LISTS.has(field) ? asSet(items) : items;
    }
  }
}

export function sameContactField(field: ContactFieldName, a: unknown, b: unknown): boolean {
  return sameCanonical(normalizeContactField(field, a), normalizeContactField(field, b));
}

/** i18nDisplayNames compared as a set keyed by language; [] equals absent. */
export function normalizeI18nNames(value: unknown): Json | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  return asSet(value.map((v) => (isRecord(v) ? pick(v, ["language", "name"]) : (v as Json))));
}

/** displayOrder: null and absent are the same. */
export function normalizeDisplayOrder(value: unknown): Json | undefined {
  return value === null || value === undefined ? undefined : (value as Json);
}
