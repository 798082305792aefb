/**
 * Which domain `emulator --configure-stack` serves a stack (CONTRACT §4): never a silent change of
 * the stack's `lineworks:domainId`. A stack without one gets the emulator's default domain (the
 * seed's first). A stack naming a domain of the seed gets that domain. A stack naming another
 * domain gets it added to the emulator at start, with credentials of its own (kept in the
 * `--data` file, so a restart serves the same ones) and the seed's first domain's members plus
 * the stack's vars that are email addresses. A domain id the emulator cannot serve is refused,
 * naming `--force`, which overwrites the stack's domain id with the default domain.
 */
import { randomBytes } from "node:crypto";
import { memberUserIdFor } from "../../emulator/assumptions";
import type { SeedDomain } from "../../emulator/seed";
import type { DomainDefinition, StoreSnapshot } from "../../emulator/store";
import { ConfigureStackError, type StackForEmulator } from "./configure-stack";

/** The label of a domain this command added; such domains are kept across restarts with --data. */
const ADDED_LABEL = /\(added by --configure-stack\)$/;

export interface ServedDomain {
  /** The seed to start the emulator with (the given one, plus the stack's domain where needed). */
  seed: SeedDomain[];
  /** The domain whose endpoints and credentials go into the stack. */
  domainId: number;
  /** What the command did about the domain, for the person reading (never a secret). */
  note: string;
}

function seedOf(definition: DomainDefinition): SeedDomain {
  const { credentials, members, domainId, name } = definition;
  return {
    domainId,
    ...(name ? { name } : {}),
    clientId: credentials.clientId,
    clientSecret: credentials.clientSecret,
    serviceAccount: credentials.serviceAccount,
    privateKeyPem: credentials.privateKeyPem,
    members,
  };
}

/** Domains an earlier `--configure-stack` added, from the data file: served again at every start. */
export function withAddedDomains(seed: SeedDomain[], previous: StoreSnapshot | undefined): SeedDomain[] {
  const added = (previous?.domains ?? [])
    .map((domain) => domain.definition)
    .filter((definition) => ADDED_LABEL.test(definition.name ?? "") && !seed.some((domain) => domain.domainId === definition.domainId));
  return [...seed, ...added.map(seedOf)];
}

function newDomain(domainId: number, target: StackForEmulator, seed: SeedDomain[]): SeedDomain {
  const emails = new Set(seed[0]!.members.map((member) => member.email));
  for (const value of Object.values(target.vars)) if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) emails.add(value);
  return {
    domainId,
    name: `stack ${target.stack} (added by --configure-stack)`,
    clientId: `emulator-client-${domainId}`,
    clientSecret: randomBytes(24).toString("base64url"),
    serviceAccount: `emulator-${domainId}.serviceaccount@example.com`,
    members: [...emails].map((email) => ({ userId: memberUserIdFor(domainId, email), email })),
  };
}

export function serveStackDomain(target: StackForEmulator, seed: SeedDomain[], force: boolean): ServedDomain {
  const fallback = seed[0]!.domainId;
  const named = target.current["lineworks:domainId"]?.trim();
  if (named === undefined) return { seed, domainId: fallback, note: `domain ${fallback}, the emulator's default (the stack named none)` };
  if (force && named !== String(fallback)) {
    return { seed, domainId: fallback, note: `domain ${fallback}, the emulator's default: --force overwrites the stack's lineworks:domainId ${named}` };
  }
  const domainId = /^[1-9]\d{0,15}$/.test(named) ? Number(named) : undefined;
  if (domainId === undefined || !Number.isSafeInteger(domainId)) {
    throw new ConfigureStackError(
      `cannot configure stack ${target.stack} in ${target.dir}: its lineworks:domainId "${named}" is not a domain id the emulator can serve (a positive integer); ` +
        `set one (pulumi config set lineworks:domainId ${fallback} --stack ${target.stack}), or run again with --force to overwrite it with the emulator's default domain ${fallback}`,
    );
  }
  if (seed.some((domain) => domain.domainId === domainId)) return { seed, domainId, note: `domain ${domainId}, the stack's lineworks:domainId` };
  const added = newDomain(domainId, target, seed);
  return {
    seed: [...seed, added],
    domainId,
    note: `domain ${domainId}, the stack's lineworks:domainId, added to this emulator with credentials of its own (members: ${added.members.map((m) => m.email).join(", ")})`,
  };
}
