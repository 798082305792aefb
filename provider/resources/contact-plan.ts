/**
 * Pure planning for Contact: which fields changed, which single write (PATCH or
 * PUT) converges them, and what the state records.
 */
import type { Contact, ContactFields } from "../client/contact-api";
import { PATCH_CAN_CLEAR_FIELDS } from "./assumptions";
import { normalizeContactField, sameCanonical } from "./normalize";
import { containsUnknown } from "./pulumi-values";
import { CONTACT_FIELD_NAMES, type ContactFieldName } from "./types";

type FieldBag = Partial<Record<ContactFieldName, unknown>>;

/** Fields whose desired value differs from the current one (unknown desired values count as changed). */
export function changedContactFields(current: FieldBag, desired: FieldBag): ContactFieldName[] {
  return CONTACT_FIELD_NAMES.filter((field) => {
    if (containsUnknown(desired[field])) return true;
    return !sameCanonical(normalizeContactField(field, current[field]), normalizeContactField(field, desired[field]));
  });
}

/** The API body of the desired contact: its non-empty writable fields. */
export function contactBody(desired: FieldBag): ContactFields {
  const body: Record<string, unknown> = {};
  for (const field of CONTACT_FIELD_NAMES) {
    if (normalizeContactField(field, desired[field]) !== undefined) body[field] = desired[field];
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
export function planContactWrite(current: FieldBag, desired: FieldBag): ContactWrite {
  const fields = changedContactFields(current, desired);
  if (fields.length === 0) return { method: "none" };
  const clears = fields.filter((field) => normalizeContactField(field, desired[field]) === undefined);
  if (clears.length > 0 && !PATCH_CAN_CLEAR_FIELDS) return { method: "PUT", body: contactBody(desired), fields };
  const body: Record<string, unknown> = {};
  for (const field of fields) body[field] = clears.includes(field) ? null : desired[field];
  return { method: "PATCH", body: body as ContactFields, fields };
}

/**
 * The fields to record in the state for a live contact: where the live value
 * means the same as the reference (desired or previously stored) value, the
 * reference's spelling is kept, so a refresh without drift changes nothing and
 * only real drift shows.
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

/** A contact's natural key: its primary email, else its first email (lower-cased). */
export function primaryEmail(fields: { emails?: ContactFields["emails"] | undefined }): string | undefined {
  const emails = Array.isArray(fields.emails) ? fields.emails : [];
  const email = (emails.find((e) => e?.primary === true) ?? emails[0])?.email;
  return typeof email === "string" && email !== "" ? email.toLowerCase() : undefined;
}
