/**
 * Readers of the contact outputs earlier versions wrote (the current shape keeps no field value
 * or print: contact-state.ts). Kept apart from the field pipeline, which compares canonical values:
 * - v0.1: every field value (a full copy of the inputs), read as the prints of those values;
 * - 0.2 previews: `fingerprints`, one print per plain field, and the prints of memo and
 *   customProperties in the secret output `memo` (an unreleased shape kept an object of
 *   prints and a print in each of `memo` and `customProperties`).
 */
import { canonicalValue } from "../schema/canonical";
import { contactFieldFacts, SECRET_CONTACT_FIELD_NAMES } from "../schema/contact";
import type { FieldBag } from "./contact-plan";
import type { ContactStateBag } from "./contact-state";
import { fingerprint, samePrint, splitPrints } from "./fingerprint";
import { containsUnknown } from "./pulumi-values";
import { CONTACT_FIELD_NAMES, type ContactFieldName } from "../seam/types";

/** Fingerprint of each non-empty field (an absent field is empty). */
export type FieldPrints = Partial<Record<ContactFieldName, string>>;

const isSecret = (field: ContactFieldName) => (SECRET_CONTACT_FIELD_NAMES as readonly string[]).includes(field);
const PLAIN_FIELDS = CONTACT_FIELD_NAMES.filter((field) => !isSecret(field));

function fieldPrint(field: ContactFieldName, value: unknown): string | undefined {
  const canonical = canonicalValue(contactFieldFacts[field], value);
  return canonical === undefined ? undefined : fingerprint(canonical);
}

/** The fingerprints of a bag of field values (an old full state). */
export function printsOf(bag: FieldBag): FieldPrints {
  const prints: FieldPrints = {};
  for (const field of CONTACT_FIELD_NAMES) {
    const print = fieldPrint(field, bag[field]);
    if (print !== undefined) prints[field] = print;
  }
  return prints;
}

/** Fields whose desired value differs from the recorded fingerprints (unknown desired values count as changed). */
export function changedFieldsFromPrints(current: FieldPrints, desired: FieldBag): ContactFieldName[] {
  return CONTACT_FIELD_NAMES.filter((field) => containsUnknown(desired[field]) || !samePrint(current[field], fieldPrint(field, desired[field])));
}

/** True for outputs of an earlier version that recorded the fields (values or prints). */
export function recordsFields(state: ContactStateBag): boolean {
  return state.fingerprints !== undefined || CONTACT_FIELD_NAMES.some((field) => state[field] !== undefined);
}

/** The fingerprints recorded by an earlier version; `undefined` for a field means "empty". */
export function storedPrints(state: ContactStateBag): FieldPrints {
  const { fingerprints } = state;
  if (fingerprints === undefined) return printsOf(state);
  if (typeof fingerprints !== "string") {
    const prints: FieldPrints = { ...fingerprints };
    for (const field of SECRET_CONTACT_FIELD_NAMES) if (typeof state[field] === "string") prints[field] = state[field];
    return prints;
  }
  const secret = typeof state.memo === "string" ? splitPrints(SECRET_CONTACT_FIELD_NAMES, state.memo) : {};
  return { ...(splitPrints(PLAIN_FIELDS, fingerprints) ?? unreadable(PLAIN_FIELDS)), ...(secret ?? unreadable(SECRET_CONTACT_FIELD_NAMES)) };
}

/** Prints that match no value (not even an empty one): a string written for another field list reads as "all changed". */
function unreadable(fields: readonly ContactFieldName[]): FieldPrints {
  return Object.fromEntries(fields.map((field) => [field, "?"]));
}
