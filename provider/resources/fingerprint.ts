import { createHash } from "node:crypto";
import { canonicalJson } from "./normalize";

/**
 * A short fingerprint of a canonical form: 72 bits of sha256 in 12 base64url characters.
 * Enough to tell "changed" from "same" (a miss needs a collision between two versions of one
 * field), at a fraction of the bytes of the value itself.
 */
export function fingerprint(canonical: unknown): string {
  return createHash("sha256").update(canonicalJson(canonical)).digest("base64url").slice(0, 12);
}
