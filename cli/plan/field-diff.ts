/**
 * Field-level changes between an object's current values and the desired ones, as short phrases
 * a reviewer reads (`memo changed`, `tags: + partner (取引先), - vip (VIP)`). The Node.js dynamic
 * provider gives the engine no detailed diff, so this compares the step's old and new values
 * itself, in the provider's canonical forms: set-like lists (tags) as sets, defaults and
 * "empty vs absent" are no change. Secret values are never read: `memo changed (secret)`.
 */
import { canonicalJson } from "../../provider/schema/canonical";
import { CONTACT_FIELD_NAMES, type ContactFieldName } from "../../provider/schema/contact";
import { normalizeContactField } from "../../provider/dynamic-provider/normalize";
import type { NameBook, PlanKind } from "./names";
import { clip, containsSecret, containsUnknown, isRecord, plainText, UNKNOWN } from "./values";

type Bag = Record<string, unknown>;

/** Inputs of ours that are no API field: how they change is said elsewhere, or not at all. */
const NOT_FIELDS = new Set(["__provider", "adopt", "photo", "photoSha256", "forceDelete", "secretFields"]);

export interface DiffContext {
  names: NameBook;
  /** Tags this plan creates, as labels: who an unknown tag id can only be. */
  createdTags: string[];
}

const isEmpty = (value: unknown) => value === undefined || value === null || (Array.isArray(value) && value.length === 0) || (isRecord(value) && Object.keys(value).length === 0);

/** How one item of a contact list is recognized (never an id). */
function itemLabel(field: ContactFieldName, item: unknown): string {
  if (!isRecord(item)) return "an item";
  const pick = (...keys: string[]) => keys.map((key) => plainText(item[key])).filter(Boolean).join(" ");
  const byField: Partial<Record<ContactFieldName, string>> = {
    emails: pick("email"),
    telephones: pick("telephone") + (plainText(item.type) ? ` (${item.type})` : ""),
    organizations: pick("name", "department", "title"),
    locations: pick("address", "zipCode") || pick("type"),
    events: pick("type", "date"),
    messengers: pick("type") ? `${pick("type")} ${pick("id")}`.trim() : "",
    websites: pick("url"),
  };
  return clip(byField[field] || "an item");
}

/** `+ a, - b` for two lists compared as multisets of their canonical items; `order changed` when only the order differs. */
function listChange(field: ContactFieldName, before: unknown[], after: unknown[]): string | undefined {
  const key = (item: unknown) => canonicalJson(item);
  const remaining = new Map<string, number>();
  for (const item of before) remaining.set(key(item), (remaining.get(key(item)) ?? 0) + 1);
  const added: unknown[] = [];
  for (const item of after) {
    const count = remaining.get(key(item)) ?? 0;
    if (count > 0) remaining.set(key(item), count - 1);
    else added.push(item);
  }
  const removed = before.filter((item) => {
    const count = remaining.get(key(item)) ?? 0;
    if (count > 0) remaining.set(key(item), count - 1);
    return count > 0;
  });
  const parts = [...added.map((item) => `+ ${itemLabel(field, item)}`), ...removed.map((item) => `- ${itemLabel(field, item)}`)];
  if (parts.length > 0) return `${field}: ${parts.join(", ")}`;
  return canonicalJson(before) === canonicalJson(after) ? undefined : `${field}: order changed`;
}

function tagChange(before: unknown, after: unknown, context: DiffContext): string | undefined {
  if (after === UNKNOWN) return "tags: set once the new tags exist";
  const ids = (value: unknown) => (Array.isArray(value) ? value.filter((id): id is string => typeof id === "string") : []);
  const was = new Set(ids(before));
  const now = ids(after);
  const unknown = now.filter((id) => id === UNKNOWN).length;
  const added = now.filter((id) => id !== UNKNOWN && !was.has(id)).map((id) => `+ ${context.names.tag(id)}`);
  const removed = [...was].filter((id) => !now.includes(id)).map((id) => `- ${context.names.tag(id)}`);
  if (unknown > 0) {
    const created = context.createdTags;
    if (created.length === unknown) added.unshift(...created.map((tag) => `+ ${tag}`));
    else added.unshift(`+ ${unknown === 1 ? "a tag" : `${unknown} tags`} this plan creates${created.length > 0 ? ` (of ${created.join(", ")})` : ""}`);
  }
  const parts = [...added, ...removed];
  return parts.length > 0 ? `tags: ${parts.join(", ")}` : undefined;
}

function customValuesChange(before: unknown, after: unknown, context: DiffContext): string | undefined {
  const was = isRecord(before) ? before : {};
  const now = isRecord(after) ? after : {};
  const added: string[] = [];
  const removed: string[] = [];
  const changed: string[] = [];
  for (const name of new Set([...Object.keys(was), ...Object.keys(now)])) {
    const label = context.names.property(name);
    if (!(name in was) || isEmpty(was[name])) {
      if (!isEmpty(now[name])) added.push(label);
    } else if (!(name in now) || isEmpty(now[name])) removed.push(label);
    else if (canonicalJson(was[name]) !== canonicalJson(now[name])) changed.push(`${label} changed`);
  }
  // The same entry under a new propertyName (the property is replaced): its value is written again.
  const moved = added.filter((label) => removed.includes(label));
  const parts = [
    ...changed,
    ...moved.map((label) => `${label} written again (new propertyName)`),
    ...added.filter((label) => !moved.includes(label)).map((label) => `+ ${label}`),
    ...removed.filter((label) => !moved.includes(label)).map((label) => `- ${label}`),
  ];
  return parts.length > 0 ? `customProperties: ${parts.join(", ")}` : undefined;
}

/** Sub-fields of an object field (permission, contactName) that differ; names shown, values where they are display text. */
function objectChange(field: string, before: unknown, after: unknown, showValues: boolean): string | undefined {
  const was = isRecord(before) ? before : {};
  const now = isRecord(after) ? after : {};
  const parts: string[] = [];
  for (const name of new Set([...Object.keys(was), ...Object.keys(now)])) {
    if (canonicalJson(was[name] ?? null) === canonicalJson(now[name] ?? null)) continue;
    const from = plainText(was[name]);
    const to = plainText(now[name]);
    parts.push(showValues && from && to ? `${name} ${clip(from, 40)} → ${clip(to, 40)}` : `${name} changed`);
  }
  return parts.length > 0 ? `${field}: ${parts.join(", ")}` : undefined;
}

/** One contact field; undefined when it does not change. Secrets are compared only when readable (never shown). */
function contactFieldChange(field: ContactFieldName, before: unknown, after: unknown, context: DiffContext): string | undefined {
  if (containsSecret(before) || containsSecret(after)) {
    if (isEmpty(before) && isEmpty(after)) return undefined;
    if (isEmpty(before)) return `${field} set (secret)`;
    if (isEmpty(after)) return `${field} removed`;
    return undefined; // both secret: whether they differ is not in the plan (see secretFieldsOf)
  }
  if (field === "contactTagIds") return tagChange(before, after, context);
  if (containsUnknown(after)) return `${field}: known at up`;
  const was = normalizeContactField(field, before);
  const now = normalizeContactField(field, after);
  if (canonicalJson(was ?? null) === canonicalJson(now ?? null)) return undefined;
  if (field === "customProperties") return customValuesChange(was, now, context);
  if (field === "memo") return was === undefined ? "memo set" : now === undefined ? "memo removed" : "memo changed";
  if (field === "permission") return objectChange(field, was, now, false);
  if (field === "contactName") return objectChange(field, was, now, true);
  if (Array.isArray(was ?? []) && Array.isArray(now ?? [])) return listChange(field, (was ?? []) as unknown[], (now ?? []) as unknown[]);
  return `${field} changed`;
}

/** The contact fields secret on both sides (their change cannot be seen in the plan). */
export function secretFieldsOf(before: Bag, after: Bag): string[] {
  return CONTACT_FIELD_NAMES.filter((field) => containsSecret(before[field]) && containsSecret(after[field]));
}

export function contactChanges(before: Bag, after: Bag, context: DiffContext): string[] {
  return CONTACT_FIELD_NAMES.map((field) => contactFieldChange(field, before[field], after[field], context)).filter((c): c is string => c !== undefined);
}

/** A tag's, user tag's or property's changed fields: `contactTagName VIP → VIP customers`. */
export function objectChanges(kind: Exclude<PlanKind, "contact">, before: Bag, after: Bag): string[] {
  const changes: string[] = [];
  for (const field of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (NOT_FIELDS.has(field) || !(field in after)) continue;
    const was = before[field];
    const now = after[field];
    if (canonicalJson(was ?? null) === canonicalJson(now ?? null)) continue;
    if (containsSecret(was) || containsSecret(now)) changes.push(`${field} changed (secret)`);
    else if (field === "userId" && kind === "userTag") changes.push("userId changed");
    else {
      const from = plainText(was) ?? (typeof was === "number" || typeof was === "boolean" ? String(was) : undefined);
      const to = plainText(now) ?? (typeof now === "number" || typeof now === "boolean" ? String(now) : undefined);
      changes.push(from !== undefined && to !== undefined ? `${field} ${clip(from, 40)} → ${clip(to, 40)}` : `${field} changed`);
    }
  }
  return changes;
}
