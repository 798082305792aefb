/**
 * What the state keeps of a contact.
 *
 * Inputs: the compact canonical form of the desired contact (check() writes it: set-like lists
 * sorted, aliases resolved, documented defaults and empty fields left out). A refresh writes the
 * canonical form of the live contact, so "no drift" means "the same inputs" to the engine, and
 * an unchanged contact costs no state rewrite.
 *
 * Outputs: only what delete and the photo need (the photo's path and sha256, forceDelete);
 * the id is the contactId. Bytes matter: a file backend rewrites the whole state after each
 * step. Earlier versions kept more in the outputs: contact-old-state.ts reads those shapes.
 */
import type { Contact } from "../client/contact-api";
import { defined } from "./context";
import type { FieldPrints } from "./contact-old-state";
import { compactContactField } from "./normalize";
import { CONTACT_FIELD_NAMES, type ContactFieldName, type ContactInputs } from "../seam/types";
import { SECRET_CONTACT_FIELD_NAMES } from "../schema/contact";

/** Declared `secret` (provider/schema/contact.ts): secret in the state's inputs where the user asks (secretFields). */
const isSecret = (field: ContactFieldName) => (SECRET_CONTACT_FIELD_NAMES as readonly string[]).includes(field);

/** The outputs; the contactId is the resource id. */
export interface StoredContact {
  photo?: string;
  /** sha256 (hex) of the uploaded photo's bytes. */
  photoSha256?: string;
  forceDelete?: boolean;
}

/** Outputs as the engine hands them back: this shape, or an earlier version's. */
export type ContactStateBag = StoredContact & {
  contactId?: string;
  fingerprints?: string | FieldPrints;
} & Partial<Record<ContactFieldName, unknown>>;

export function storedContact(extras: StoredContact): StoredContact {
  return defined({
    photo: extras.photo,
    photoSha256: extras.photoSha256,
    forceDelete: extras.forceDelete === true ? true : undefined,
  });
}

/** The inputs without the nulls that stand for an empty secret field (the rules take absent, not null). */
export function withoutEmptySecrets(inputs: ContactInputs): ContactInputs {
  const out: Record<string, unknown> = { ...inputs };
  for (const field of SECRET_CONTACT_FIELD_NAMES) if (out[field] === null) delete out[field];
  return out as ContactInputs;
}

/**
 * The inputs the state keeps: each field's compact canonical form (empty ones left out), the photo and
 * forceDelete. `adopt` only matters when the contact is created: it is kept for a create and
 * dropped once the contact exists (`existing`), so that neither toggling it nor a refresh,
 * which cannot see it, shows as a change.
 */
export function canonicalContactInputs(inputs: ContactInputs, existing: boolean): ContactInputs {
  const canonical: Record<string, unknown> = {};
  for (const field of CONTACT_FIELD_NAMES) {
    const value = compactContactField(field, inputs[field]);
    // The secret fields keep their name even when empty (null): see inputsOfLive.
    if (value !== undefined) canonical[field] = value;
    else if (isSecret(field)) canonical[field] = null;
  }
  return defined({
    ...canonical,
    photo: inputs.photo,
    forceDelete: inputs.forceDelete === false ? undefined : inputs.forceDelete, // true, or not known yet
    adopt: existing || inputs.adopt === false ? undefined : inputs.adopt,
  }) as ContactInputs;
}

/**
 * The inputs a refresh records for a live contact: its canonical form and the stored photo
 * facts. memo and the custom values stay secret: the engine marks a value the provider returns
 * secret when the old inputs held it secret under the same name, and the program registers both
 * as secrets even when empty (null), so a memo added in the app is encrypted too. (Pulumi's Node
 * dynamic-provider host gives read() no old inputs, and a value wrapped in the secret signature
 * by read() reached the next check() as an object in `up --refresh`.)
 */
export function inputsOfLive(live: Contact, state: StoredContact): ContactInputs {
  return canonicalContactInputs({ ...(live as ContactInputs), photo: state.photo, forceDelete: state.forceDelete }, true);
}
