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
 * Prints of a fixed list of fields as one string: `fields.length` segments joined by "."
 * (not a base64url character), an empty segment for an empty field. Object keys and JSON
 * punctuation would cost more bytes than the prints themselves.
 */
export function joinPrints<F extends string>(fields: readonly F[], prints: Partial<Record<F, string>>): string {
  return fields.map((field) => prints[field] ?? "").join(".");
}

/** The inverse of joinPrints; undefined when the string was written for another list of fields. */
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
