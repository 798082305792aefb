/**
 * Domains, members and credentials the emulator serves: the default seed of the
 * contract, or a `--seed FILE` YAML:
 *
 * ```yaml
 * domains:                      # the first domain is the default one
 *   - domainId: 10000001
 *     name: dev                 # optional label
 *     clientId: dev-client
 *     clientSecret: dev-secret
 *     serviceAccount: dev.serviceaccount@example.com
 *     privateKey: |             # optional PEM (PKCS#8 or PKCS#1); generated when absent
 *       <the PEM text, header and footer lines included>
 *     members:                  # emails, or {email, userId?, externalKey?, userName?}; a member
 *       - admin@example.com     # without userId gets a stable one (assumptions-ids.ts memberUserIdFor)
 *       - { email: sales@example.com, userId: user0001-0000-0000-0000-000000000001 }
 *       - { email: ito@example.com, externalKey: EMP-042, userName: { lastName: 伊藤, firstName: 花子 } }
 *     refreshTokenRotation: true  # optional, default true: the app's "Refresh Token Rotation".
 *                                 # true: a refresh returns a new refresh token and the old one
 *                                 # stops working; false: the same refresh token is returned
 *     tagsEnabled: true           # optional, default true; false: contact tags are turned off
 *                                 # for the domain and every tag call is 403 FORBIDDEN
 *     scopes: [contact.read]      # optional, default every grantable scope the plan offers (contact,
 *                                 # contact.read, user, user.read, and directory, directory.read but on
 *                                 # the Free plan): the OAuth scopes the app was given; asking for
 *                                 # another is 400 invalid_scope (assumptions-directory.ts)
 *     plan: free                  # optional, default standard (free, lite, standard, standardPlus):
 *                                 # the cap on external contacts, trash included (Free 500, else 100,000)
 *     externalContactCap: 20      # optional: that cap set directly (a create over it: 403 LIMIT_EXCEEDED)
 *     maxConcurrentRequests: 4    # optional, default 10 (ASSUMED): API requests in flight per domain;
 *                                 # one more is answered 429 TOO_MANY_REQUESTS
 *     messengerSpelling: protocol # optional, default messengers: answer `messenger[].protocol.type`
 *                                 # (the spelling of the docs' Japanese notes) instead of `messengers[].type`
 * ```
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync } from "node:crypto";
import { readFileSync } from "node:fs";
import { isMap, isSeq, LineCounter, parseDocument } from "yaml";
import { z } from "zod";
import {
  EXTERNAL_CONTACT_CAP_BY_PLAN,
  GRANTABLE_SCOPES,
  memberUserIdFor,
  MESSENGER_SPELLINGS,
  SCOPES_NOT_ON_FREE_PLAN,
  type MessengerSpelling,
  type Plan,
} from "./assumptions";
import type { DomainDefinition, Member } from "./store";

export interface SeedDomain {
  domainId: number;
  name?: string;
  clientId: string;
  clientSecret: string;
  serviceAccount: string;
  privateKeyPem?: string;
  members: Member[];
  refreshTokenRotation?: boolean;
  tagsEnabled?: boolean;
  scopes?: string[];
  plan?: Plan;
  externalContactCap?: number;
  maxConcurrentRequests?: number;
  messengerSpelling?: MessengerSpelling;
}

/** The seed settings of the app's side (copied as they are from seed to definition). */
const APP_SETTINGS = ["plan", "externalContactCap", "maxConcurrentRequests", "messengerSpelling"] as const;

function appSettingsOf(domain: Partial<Record<(typeof APP_SETTINGS)[number], unknown>>): Partial<SeedDomain> {
  return Object.fromEntries(APP_SETTINGS.filter((name) => domain[name] !== undefined).map((name) => [name, domain[name]]));
}

export const DEFAULT_SEED: SeedDomain[] = [
  {
    domainId: 10000001,
    clientId: "emulator-client",
    clientSecret: "emulator-secret",
    serviceAccount: "emulator.serviceaccount@example.com",
    members: ["admin@example.com", "sales@example.com", "support@example.com"].map((email) => ({
      userId: memberUserIdFor(10000001, email),
      email,
    })),
  },
];

const memberSchema = z.union([
  z.string().min(3).regex(/@/, "a member is an email"),
  z.strictObject({
    email: z.string().min(3).regex(/@/, "must be an email"),
    userId: z.string().min(1).optional(),
    // docs `user-get-profile`: userExternalKey, at most 100 characters, none of % \ # / ?
    externalKey: z.string().min(1).max(100).regex(/^[^%\\#/?]+$/, "an external key has none of % \\ # / ?").optional(),
    userName: z.strictObject({ lastName: z.string().min(1), firstName: z.string().optional() }).optional(),
  }),
]);

const seedSchema = z.strictObject({
  domains: z
    .array(
      z.strictObject({
        domainId: z.number().int().positive(),
        name: z.string().min(1).optional(),
        clientId: z.string().min(1),
        clientSecret: z.string().min(1),
        serviceAccount: z.string().min(1),
        privateKey: z.string().min(1).optional(),
        members: z.array(memberSchema).default([]),
        refreshTokenRotation: z.boolean().optional(),
        tagsEnabled: z.boolean().optional(),
        scopes: z.array(z.enum(GRANTABLE_SCOPES)).min(1).optional(),
        plan: z.enum(Object.keys(EXTERNAL_CONTACT_CAP_BY_PLAN) as [Plan, ...Plan[]]).optional(),
        externalContactCap: z.number().int().min(0).optional(),
        maxConcurrentRequests: z.number().int().min(1).optional(),
        messengerSpelling: z.enum(MESSENGER_SPELLINGS).optional(),
      }),
    )
    .min(1),
});

/** Reads and validates a seed YAML file; errors name the file, line and column. */
export function loadSeedFile(file: string): SeedDomain[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new Error(`cannot read seed file ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  if (doc.errors.length > 0) {
    const first = doc.errors[0]!;
    const pos = first.linePos?.[0];
    throw new Error(`${file}:${pos?.line ?? 1}:${pos?.col ?? 1}: ${first.message.split("\n")[0]}`);
  }
  const parsed = seedSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const node = nodeAt(doc.contents, issue.path as Array<string | number>);
    const pos = node?.range ? lineCounter.linePos(node.range[0]) : { line: 1, col: 1 };
    const where = issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
    throw new Error(`${file}:${pos.line}:${pos.col}: ${where}${issue.message}`);
  }
  const seen = new Set<number>();
  return parsed.data.domains.map((domain) => {
    if (seen.has(domain.domainId)) throw new Error(`${file}: domain ${domain.domainId} is defined twice`);
    seen.add(domain.domainId);
    const members = domain.members.map((entry): Member => {
      const { email, userId, ...rest } = typeof entry === "string" ? { email: entry } : entry;
      return { userId: userId ?? memberUserIdFor(domain.domainId, email), email, ...rest };
    });
    const offPlan = domain.plan === "free" ? domain.scopes?.filter((scope) => (SCOPES_NOT_ON_FREE_PLAN as readonly string[]).includes(scope)) : [];
    if (offPlan?.length) throw new Error(`${file}: domain ${domain.domainId}: the Free plan has no scope ${offPlan.join(", ")}`);
    return {
      domainId: domain.domainId,
      ...(domain.name ? { name: domain.name } : {}),
      clientId: domain.clientId,
      clientSecret: domain.clientSecret,
      serviceAccount: domain.serviceAccount,
      ...(domain.privateKey ? { privateKeyPem: domain.privateKey } : {}),
      members,
      ...(domain.refreshTokenRotation === undefined ? {} : { refreshTokenRotation: domain.refreshTokenRotation }),
      ...(domain.tagsEnabled === undefined ? {} : { tagsEnabled: domain.tagsEnabled }),
      ...(domain.scopes === undefined ? {} : { scopes: [...new Set(domain.scopes)] }),
      ...appSettingsOf(domain),
    };
  });
}

/** The YAML node at a path, for error positions (the deepest node that exists). */
function nodeAt(root: unknown, path: Array<string | number>): { range?: [number, number, number] | null } | undefined {
  let node: unknown = root;
  let found: unknown = root;
  for (const key of path) {
    if (isMap(node)) node = node.items.find((pair) => (pair.key as { value?: unknown } | null)?.value === key)?.value;
    else if (isSeq(node)) node = typeof key === "number" ? node.items[key] : undefined;
    else node = undefined;
    if (!node) break;
    found = node;
  }
  const withRange = found as { range?: [number, number, number] | null } | undefined;
  return withRange?.range ? withRange : undefined;
}

/**
 * Turns seed domains into full definitions: a missing private key comes from the
 * previous run (the --data file, same domainId and clientId) or is generated.
 */
export function materializeDomains(seed: SeedDomain[], previous: DomainDefinition[] = []): DomainDefinition[] {
  return seed.map((domain) => {
    const earlier = previous.find(
      (definition) => definition.domainId === domain.domainId && definition.credentials.clientId === domain.clientId,
    );
    const privateKeyPem = domain.privateKeyPem ?? earlier?.credentials.privateKeyPem ?? generatePrivateKeyPem();
    let publicKeyPem: string;
    try {
      publicKeyPem = createPublicKey(createPrivateKey(privateKeyPem)).export({ type: "spki", format: "pem" }).toString();
    } catch {
      throw new Error(`domain ${domain.domainId}: privateKey is not a valid PEM private key`);
    }
    return {
      domainId: domain.domainId,
      ...(domain.name ? { name: domain.name } : {}),
      credentials: {
        clientId: domain.clientId,
        clientSecret: domain.clientSecret,
        serviceAccount: domain.serviceAccount,
        privateKeyPem,
        publicKeyPem,
      },
      members: domain.members,
      ...(domain.refreshTokenRotation === undefined ? {} : { refreshTokenRotation: domain.refreshTokenRotation }),
      ...(domain.tagsEnabled === undefined ? {} : { tagsEnabled: domain.tagsEnabled }),
      ...(domain.scopes === undefined ? {} : { scopes: domain.scopes }),
      ...appSettingsOf(domain),
    };
  });
}

function generatePrivateKeyPem(): string {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return privateKey.export({ type: "pkcs8", format: "pem" }).toString();
}
