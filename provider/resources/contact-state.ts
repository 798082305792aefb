/**
 * What the state keeps of a contact (its outputs): the id, a fingerprint of each field's
 * canonical form (the field values themselves are in the state's inputs already), the
 * photo's path and sha256, and forceDelete (delete sees only the outputs).
 *
 * Bytes matter (a file backend rewrites the whole state after each step): the prints of the
 * plain fields are one string (`fingerprints`), and those of the secret fields one more, in
 * the output named `memo`: that name is a secret output in every version, so the engine keeps
 * it encrypted even when a refresh rewrites a state of an earlier version, and one secret
 * instead of two saves a ciphertext per contact. States of v0.1 held every field value; they
 * are fingerprinted on the fly. (An unreleased shape kept a `fingerprints` object and a print
 * in each of `memo` and `customProperties`; it is read too.)
 */
import type { Contact } from "../client/contact-api";
import { defined } from "./context";
import { printsOf, projectContactFields, type FieldPrints } from "./contact-plan";
import { joinPrints, splitPrints } from "./fingerprint";
import { CONTACT_FIELD_NAMES, type ContactFieldName, type ContactInputs } from "./types";

/** Contact fields that may hold sensitive free text: secret in inputs and outputs. */
export const SECRET_CONTACT_FIELDS = ["memo", "customProperties"] as const satisfies readonly ContactFieldName[];
/** Contact's additionalSecretOutputs: `memo` holds the secret fields' prints; customProperties held one in an earlier shape. */
export const CONTACT_SECRET_OUTPUTS = SECRET_CONTACT_FIELDS;

const isSecret = (field: ContactFieldName) => (SECRET_CONTACT_FIELDS as readonly string[]).includes(field);
const PLAIN_FIELDS = CONTACT_FIELD_NAMES.filter((field) => !isSecret(field));

/** The outputs; the contactId is the resource id (states of v0.1 also kept it here). */
export interface StoredContact {
  contactId?: string;
  /** The prints of the plain fields, in CONTACT_FIELD_NAMES order (see joinPrints). */
  fingerprints?: string;
  /** The prints of memo and customProperties, joined likewise (a secret output); absent when both are empty. */
  memo?: string;
  photo?: string;
  /** sha256 (hex) of the uploaded photo's bytes. */
  photoSha256?: string;
  forceDelete?: boolean;
}

/** A state as the engine hands it back: this shape, or an earlier version's outputs. */
export type ContactStateBag = Omit<StoredContact, ContactFieldName | "fingerprints"> & {
  fingerprints?: string | FieldPrints;
} & Partial<Record<ContactFieldName, unknown>>;

/** The fingerprints recorded in a state of any shape; `undefined` for a field means "unknown, treat as changed". */
export function storedPrints(state: ContactStateBag): FieldPrints {
  const { fingerprints } = state;
  if (fingerprints === undefined) return printsOf(state);
  if (typeof fingerprints !== "string") {
    const prints: FieldPrints = { ...fingerprints };
    for (const field of SECRET_CONTACT_FIELDS) if (typeof state[field] === "string") prints[field] = state[field];
    return prints;
  }
  const secret = typeof state.memo === "string" ? splitPrints(SECRET_CONTACT_FIELDS, state.memo) : {};
  return { ...(splitPrints(PLAIN_FIELDS, fingerprints) ?? unreadable(PLAIN_FIELDS)), ...(secret ?? unreadable(SECRET_CONTACT_FIELDS)) };
}

/** Prints that match no value (not even an empty one): a string written for another field list reads as "all changed". */
function unreadable(fields: readonly ContactFieldName[]): FieldPrints {
  return Object.fromEntries(fields.map((field) => [field, "?"]));
}

/** True for a state written before fingerprints (every field value in the outputs). */
export function isLegacyState(state: ContactStateBag): boolean {
  return state.fingerprints === undefined && CONTACT_FIELD_NAMES.some((field) => state[field] !== undefined);
}

export function storedContact(
  prints: FieldPrints,
  extras: { photo?: string | undefined; photoSha256?: string | undefined; forceDelete?: boolean | undefined },
): StoredContact {
  const secret = SECRET_CONTACT_FIELDS.some((field) => prints[field] !== undefined);
  return defined({
    fingerprints: joinPrints(PLAIN_FIELDS, prints),
    memo: secret ? joinPrints(SECRET_CONTACT_FIELDS, prints) : undefined,
    photo: extras.photo,
    photoSha256: extras.photoSha256,
    forceDelete: extras.forceDelete === true ? true : undefined,
  });
}

/** The state of a live contact, keeping the stored photo facts. */
export function stateOfLive(live: Contact, extras: Pick<StoredContact, "photo" | "photoSha256" | "forceDelete">): StoredContact {
  return storedContact(printsOf(live), extras);
}

/**
 * The inputs a refresh records for a live contact: its field values (in the old state's
 * spelling where it means the same), so that `ignoreChanges` keeps what the app changed.
 */
export function inputsOfLive(live: Contact, state: ContactStateBag): ContactInputs {
  const { __provider: _provider, ...old } = state as ContactStateBag & { __provider?: unknown };
  return defined({
    ...projectContactFields(live, isLegacyState(state) ? old : {}),
    photo: state.photo,
    forceDelete: state.forceDelete,
  }) as ContactInputs;
}
