/**
 * Canonical forms used to compare desired and live values, derived from the object
 * declarations (provider/schema): server defaults, aliases, set-like list order and
 * "empty vs absent" never show up as a change. A canonical form is plain JSON;
 * `undefined` means "empty".
 */
import { canonicalJson, canonicalValue, type Json } from "../schema/canonical";
import { contactFieldFacts } from "../schema/contact";
import type { ContactFieldName } from "../seam/types";

export { canonicalJson } from "../schema/canonical";

export function sameCanonical(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/** The canonical form of one contact field; `undefined` when it is empty. */
export function normalizeContactField(field: ContactFieldName, value: unknown): Json | undefined {
  return canonicalValue(contactFieldFacts[field], value);
}

/** The compact canonical form a state keeps: documented defaults left out. */
export function compactContactField(field: ContactFieldName, value: unknown): Json | undefined {
  return canonicalValue(contactFieldFacts[field], value, { omitDefaults: true });
}

export function sameContactField(field: ContactFieldName, a: unknown, b: unknown): boolean {
  return sameCanonical(normalizeContactField(field, a), normalizeContactField(field, b));
}
