/**
 * How the emulator makes identifiers (ASSUMED shapes, from the seed examples).
 * Part of the emulator's one place for assumptions (assumptions.ts re-exports it).
 */
import { randomUUID } from "node:crypto";

// ---------------------------------------------------------------------------
// Identifiers and times
// ---------------------------------------------------------------------------

/** ASSUMED (seed 000 example "81c6c568-e090-4d9e-549f-049dea60cbc7"): contactId is a UUID. */
export function newContactId(): string {
  return randomUUID();
}

/** ASSUMED (seed 000 example "ctag2a81-94b6-4642-6903-03aa7977da91"): a UUID whose first 4 characters are "ctag". */
export function newContactTagId(): string {
  return `ctag${randomUUID().slice(4)}`;
}

/** ASSUMED (no source): customPropertyId is a UUID. */
export function newCustomPropertyId(): string {
  return randomUUID();
}

/** ASSUMED (no source; seed 000 example "userf7da-..."): seeded members without a userId get a UUID starting with "user". */
export function newMemberUserId(): string {
  return `user${randomUUID().slice(4)}`;
}
