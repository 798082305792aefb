/**
 * What the state keeps of a contact (its outputs): the id, a fingerprint of each field's
 * canonical form (the field values themselves are in the state's inputs already), the
 * photo's path and sha256, and forceDelete (delete sees only the outputs). The
 * fingerprints of the secret fields sit in the outputs named `memo` and `customProperties`:
 * those names are secret outputs in every version, so the engine keeps them encrypted even
 * when a refresh rewrites a state of an earlier version. States written before this shape
 * held every field value; they are fingerprinted on the fly.
 */
import type { Contact } from "../client/contact-api";
import { defined } from "./context";
import { printsOf, projectContactFields, type FieldPrints } from "./contact-plan";
import { CONTACT_FIELD_NAMES, type ContactFieldName, type ContactInputs } from "./types";

/** Contact fields that may hold sensitive free text: secret in inputs and outputs. */
export const SECRET_CONTACT_FIELDS = ["memo", "customProperties"] as const satisfies readonly ContactFieldName[];
/** The outputs holding their fingerprints: Contact's additionalSecretOutputs. */
export const CONTACT_SECRET_OUTPUTS = SECRET_CONTACT_FIELDS;

export interface StoredContact {
  contactId: string;
  /** Fingerprint of each non-empty field but the secret ones. */
  fingerprints?: FieldPrints;
  /** Fingerprint of the memo (a secret output). */
  memo?: string;
  /** Fingerprint of the custom values (a secret output). */
  customProperties?: string;
  photo?: string;
  /** sha256 (hex) of the uploaded photo's bytes. */
  photoSha256?: string;
  forceDelete?: boolean;
}

/** A state as the engine hands it back: this shape, or an earlier version's full outputs. */
export type ContactStateBag = Omit<StoredContact, ContactFieldName> & Partial<Record<ContactFieldName, unknown>>;

const isSecret = (field: ContactFieldName) => (SECRET_CONTACT_FIELDS as readonly string[]).includes(field);

/** The current fingerprints recorded in a state of either shape. */
export function storedPrints(state: ContactStateBag): FieldPrints {
  if (state.fingerprints === undefined) return printsOf(state);
  const prints: FieldPrints = { ...state.fingerprints };
  for (const field of SECRET_CONTACT_FIELDS) if (typeof state[field] === "string") prints[field] = state[field];
  return prints;
}

/** True for a state written before fingerprints (every field value in the outputs). */
export function isLegacyState(state: ContactStateBag): boolean {
  return state.fingerprints === undefined && CONTACT_FIELD_NAMES.some((field) => state[field] !== undefined);
}

export function storedContact(
  contactId: string,
  prints: FieldPrints,
  extras: { photo?: string | undefined; photoSha256?: string | undefined; forceDelete?: boolean | undefined },
): StoredContact {
  const plain: FieldPrints = {};
  for (const [field, print] of Object.entries(prints) as [ContactFieldName, string][]) if (!isSecret(field)) plain[field] = print;
  return defined({
    contactId,
    fingerprints: plain,
    memo: prints.memo,
    customProperties: prints.customProperties,
    photo: extras.photo,
    photoSha256: extras.photoSha256,
    forceDelete: extras.forceDelete === true ? true : undefined,
  });
}

/** The state of a live contact, keeping the stored photo facts. */
export function stateOfLive(live: Contact, extras: Pick<StoredContact, "photo" | "photoSha256" | "forceDelete">): StoredContact {
  return storedContact(live.contactId, printsOf(live), extras);
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
