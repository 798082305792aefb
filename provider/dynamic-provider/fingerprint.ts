import { createHash } from "node:crypto";
import { canonicalJson } from "./normalize";

/** Characters of a stored field fingerprint: 48 bits of sha256 (base64url). */
export const PRINT_LENGTH = 8;

/**
 * A short fingerprint of a canonical form: the first `length` base64url characters of its sha256.
 * Enough to tell "changed" from "same": a miss needs two versions of one field of one contact to
 * collide (2^-48 with the stored 8 characters), at a fraction of the bytes of the value itself.
 */
export function fingerprint(canonical: unknown, length = PRINT_LENGTH): string {
  return createHash("sha256").update(canonicalJson(canonical)).digest("base64url").slice(0, length);
}

/**
 * The prints a 0.2 preview state kept as one string: one segment per field of `fields`, joined
 * by "." (an empty segment for an empty field); undefined when the string was written for
 * another list of fields.
 */
export function splitPrints<F extends string>(fields: readonly F[], joined: string): Partial<Record<F, string>> | undefined {
  const segments = joined.split(".");
  if (segments.length !== fields.length) return undefined;
  const prints: Partial<Record<F, string>> = {};
  fields.forEach((field, i) => {
    if (segments[i]) prints[field] = segments[i];
  });
  return prints;
}

/** Two prints of one field agree, whatever their lengths (an earlier shape stored 12 characters). */
export function samePrint(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  const n = Math.min(a.length, b.length);
  return n > 0 && a.slice(0, n) === b.slice(0, n);
}
