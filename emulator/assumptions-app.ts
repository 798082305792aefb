/**
 * What the sources say, or leave open, about the app's side of the domain
 * (lineworks-api.md "Outside the API"): the admin console, the trash, the per-company cap
 * on external contacts and the concurrent-request limit. Part of the emulator's one place
 * for assumptions (assumptions.ts re-exports it). Each entry cites its line.
 */
import { randomBytes } from "node:crypto";

/**
 * documented: "up to 500 on the Free plan, up to 100,000 on Lite / Standard / Standard Plus";
 * "contacts in the trash count" ("In Use" = Contacts + Trash). Seed `plan` picks one,
 * seed `externalContactCap` overrides it.
 */
export const EXTERNAL_CONTACT_CAP_BY_PLAN = { free: 500, lite: 100_000, standard: 100_000, standardPlus: 100_000 } as const;
export type Plan = keyof typeof EXTERNAL_CONTACT_CAP_BY_PLAN;
/** The plan of a domain whose seed names none: a paid plan (the issue: "default the paid plans' 100,000"). */
export const DEFAULT_PLAN: Plan = "standard";
/** lineworks-api.md "Over the cap: ASSUMED 403 LIMIT_EXCEEDED". */
export const CONTACT_CAP_STATUS = 403;
export const CONTACT_CAP_CODE = "LIMIT_EXCEEDED";
/** ASSUMED: trashed contacts count and restoring one does not change "In Use", so a restore is never refused. */
export const RESTORE_CHECKS_CAP = false;

/** lineworks-api.md "ASSUMED: at most 10 requests in flight per domain"; over it, 429 (documented). */
export const MAX_CONCURRENT_REQUESTS_DEFAULT = 10;
/**
 * ASSUMED: a request refused for concurrency is not counted in the per-minute window (it is refused
 * before it), and its 429 carries no rateLimit-* headers (the minute's quota is not what it exceeded),
 * so a client backs off instead of waiting for the minute to reset.
 */
export const CONCURRENCY_429_COUNTS_PER_MINUTE = false;

/**
 * documented (help page "field management"): `propertyName` is optional in the console and "a
 * random value is generated when left empty". Its form is ASSUMED: a letter then 15 lowercase
 * letters and digits, so it satisfies `[A-Za-z_][A-Za-z0-9_]*`.
 */
export function randomPropertyName(): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  const bytes = randomBytes(16);
  let name = alphabet[bytes[0]! % 26]!;
  for (let i = 1; i < 16; i++) name += alphabet[bytes[i]! % alphabet.length]!;
  return name;
}

/**
 * ASSUMED: a field made in the console goes to the end of the list (displayOrder one past the
 * highest), and a drag renumbers every field 1..n in the new order.
 */
export const CONSOLE_FIELD_GOES_LAST = true;

/**
 * documented: "Turning user tags off deletes every user tag". ASSUMED: while they are off, creating
 * a user tag through the API is 403 FORBIDDEN (as tag calls are when tags are turned off), and the
 * listings simply hold no user tags.
 */
export const USER_TAGS_OFF_STATUS = 403;

/**
 * lineworks-api.md: "the Japanese notes ... write `messenger[].protocol.type`; ... ASSUMED a typo".
 * Seed `messengerSpelling: protocol` answers in that spelling: a list `messenger` whose items carry
 * `protocol: {type, customType}` instead of `type` and `customType` (the shape is ASSUMED).
 */
export const MESSENGER_SPELLINGS = ["messengers", "protocol"] as const;
export type MessengerSpelling = (typeof MESSENGER_SPELLINGS)[number];
