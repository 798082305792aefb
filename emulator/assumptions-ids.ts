/**
 * How the emulator makes identifiers (ASSUMED shapes, from the seed examples).
 * Part of the emulator's one place for assumptions (assumptions.ts re-exports it).
 */
import { createHash, randomUUID } from "node:crypto";

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

/**
 * ASSUMED (docs `user-get`: the userId is "登録時に自動発行されるユニーク ID", example
 * "userf7da-f82c-4284-13e7-030f3b4c756x"): a seeded member without a userId gets one shaped like
 * the example, derived from domain and email (SHA-256), so it is the same on every start, with or
 * without --data.
 */
export function memberUserIdFor(domainId: number, email: string): string {
  const hex = createHash("sha256").update(`${domainId}:${email.toLowerCase()}`).digest("hex");
  return `user${hex.slice(4, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
