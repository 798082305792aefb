/**
 * Pure planning for Contact: which fields changed, which single write (PATCH or
 * PUT) converges them. Fields compare by the fingerprint of their canonical form:
 * current values (old inputs, a live contact, an old state's values) are fingerprinted
 * on the fly; states of a 0.2 preview recorded the prints themselves.
 */
import type { Contact, ContactFields } from "../client/contact-api";
import { PATCH_CAN_CLEAR_FIELDS } from "./assumptions";
import { fingerprint, samePrint } from "./fingerprint";
import { normalizeContactField, sameCanonical } from "./normalize";
import { containsUnknown } from "./pulumi-values";
import { CONTACT_FIELD_NAMES, type ContactFieldName } from "./types";

export { primaryEmail } from "../rules";

type FieldBag = Partial<Record<ContactFieldName, unknown>>;
/** Fingerprint of each non-empty field (an absent field is empty). */
export type FieldPrints = Partial<Record<ContactFieldName, string>>;

export function fieldPrint(field: ContactFieldName, value: unknown): string | undefined {
  const canonical = normalizeContactField(field, value);
  return canonical === undefined ? undefined : fingerprint(canonical);
}

/** The fingerprints of a bag of field values (a live contact, inputs, or an old full state). */
export function printsOf(bag: FieldBag): FieldPrints {
  const prints: FieldPrints = {};
  for (const field of CONTACT_FIELD_NAMES) {
    const print = fieldPrint(field, bag[field]);
    if (print !== undefined) prints[field] = print;
  }
  return prints;
}

/** Fields whose desired value differs from the current fingerprints (unknown desired values count as changed). */
export function changedFieldsFromPrints(current: FieldPrints, desired: FieldBag): ContactFieldName[] {
  return CONTACT_FIELD_NAMES.filter((field) => containsUnknown(desired[field]) || !samePrint(current[field], fieldPrint(field, desired[field])));
}

/** Fields whose desired value differs from the current one (unknown desired values count as changed). */
export function changedContactFields(current: FieldBag, desired: FieldBag): ContactFieldName[] {
  return changedFieldsFromPrints(printsOf(current), desired);
}

/**
 * The API body of the desired contact: its non-empty writable fields, each in canonical form
 * (documented defaults written out, so a write never depends on how the server fills them).
 */
export function contactBody(desired: FieldBag): ContactFields {
  const body: Record<string, unknown> = {};
  for (const field of CONTACT_FIELD_NAMES) {
    const value = normalizeContactField(field, desired[field]);
    if (value !== undefined) body[field] = value;
  }
  return body as ContactFields;
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
  const clears = fields.filter((field) => normalizeContactField(field, desired[field]) === undefined);
  if (clears.length > 0 && !PATCH_CAN_CLEAR_FIELDS) return { method: "PUT", body: contactBody(desired), fields };
  const body: Record<string, unknown> = {};
  for (const field of fields) body[field] = clears.includes(field) ? null : normalizeContactField(field, desired[field]);
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
    const liveValue = live[field];
    if (sameCanonical(normalizeContactField(field, liveValue), normalizeContactField(field, reference[field]))) {
      if (reference[field] !== undefined) out[field] = reference[field];
    } else if (normalizeContactField(field, liveValue) !== undefined) {
      out[field] = liveValue;
    }
  }
  return out;
}
