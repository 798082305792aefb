/**
 * Pure planning for Contact: which fields changed, which single write (PATCH or PUT) converges
 * them. Fields compare as canonical values (provider/schema/derive.ts), each side made canonical
 * once; the prints earlier versions kept in the state are read in contact-old-state.ts.
 */
import type { Contact, ContactFields } from "../client/contact-api";
import { canonicalValue, type Json } from "../schema/canonical";
import { contactFieldFacts } from "../schema/contact";
import { differingFields, sameValue } from "../schema/derive";
import { PATCH_CAN_CLEAR_FIELDS } from "./assumptions";
import { containsUnknown } from "./pulumi-values";
import { CONTACT_FIELD_NAMES, type ContactFieldName } from "../seam/types";

export { primaryEmail } from "../schema/contact";

export type FieldBag = Partial<Record<ContactFieldName, unknown>>;
/** Each non-empty field's canonical value (documented defaults written out). */
export type CanonicalFields = Partial<Record<ContactFieldName, Json>>;

/** The canonical value of each field of a bag (a live contact, inputs, an old full state), once. */
export function canonicalFields(bag: FieldBag): CanonicalFields {
  const out: CanonicalFields = {};
  for (const field of CONTACT_FIELD_NAMES) {
    const value = canonicalValue(contactFieldFacts[field], bag[field]);
    if (value !== undefined) out[field] = value;
  }
  return out;
}

/** Fields whose desired value differs from the current one, compared as canonical values (unknown desired values count as changed). */
export function changedContactFields(current: FieldBag, desired: FieldBag): ContactFieldName[] {
  return differingFields(contactFieldFacts, current, desired, containsUnknown) as ContactFieldName[];
}

/**
 * The API body of the desired contact: its non-empty writable fields, each in canonical form
 * (documented defaults written out, so a write never depends on how the server fills them).
 */
export function contactBody(desired: FieldBag): ContactFields {
  return canonicalFields(desired) as ContactFields;
}

export type ContactWrite =
  | { method: "none" }
  | { method: "PATCH"; body: ContactFields; fields: ContactFieldName[] }
  | { method: "PUT"; body: ContactFields; fields: ContactFieldName[] };

/**
 * One write: PATCH with only the changed fields, or PUT with the whole desired
 * contact when a change empties a field (which PATCH cannot express; see
 * PATCH_CAN_CLEAR_FIELDS).
 */
export function planWrite(fields: ContactFieldName[], desired: FieldBag): ContactWrite {
  if (fields.length === 0) return { method: "none" };
  const canonical = canonicalFields(desired);
  const clears = fields.filter((field) => canonical[field] === undefined);
  if (clears.length > 0 && !PATCH_CAN_CLEAR_FIELDS) return { method: "PUT", body: canonical as ContactFields, fields };
  const body: Record<string, unknown> = {};
  for (const field of fields) body[field] = canonical[field] ?? null;
  return { method: "PATCH", body: body as ContactFields, fields };
}

/** The one write from current field values (e.g. a live contact being adopted) to desired. */
export function planContactWrite(current: FieldBag, desired: FieldBag): ContactWrite {
  return planWrite(changedContactFields(current, desired), desired);
}

/**
 * Field values for a live contact: where the live value means the same as the reference
 * (desired or previously stored) value, the reference's spelling is kept, so only real
 * drift shows.
 */
export function projectContactFields(live: Contact, reference: FieldBag): FieldBag {
  const out: FieldBag = {};
  for (const field of CONTACT_FIELD_NAMES) {
    const fact = contactFieldFacts[field];
    if (sameValue(fact, live[field], reference[field])) {
      if (reference[field] !== undefined) out[field] = reference[field];
    } else if (canonicalValue(fact, live[field]) !== undefined) {
      out[field] = live[field];
    }
  }
  return out;
}
