/**
 * A throw-away project of the root program (index.js = runRootProgram) under test/.tmp, with its
 * desired-state files, and an emulator seed of two domains: what the tenant and precedence e2e
 * tests share.
 */
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot } from "./pulumi-cli";

export const DEV_DOMAIN = 10000001;
export const PROD_DOMAIN = 20000002;

/** A tag and a contact whose owner is a member of the two-domain seed's dev domain. */
export const DEV_COMPANY = `version: 1
tags:
  vip: { contactTagName: VIP }
contacts:
  kato-yoko:
    permission: { masterUserId: admin@dev.example.com, accessibleRange: ALL }
    contactName: { lastName: 加藤, firstName: 陽子 }
    emails: [{ email: yoko.kato@acme.example, primary: true }]
    tags: [vip]
`;

/** Writes the project (Pulumi.yaml, index.js, the files) into a new folder and returns it. */
export function writeRootProject(name: string, files: Record<string, string>): string {
  const dir = path.join(repoRoot, "test", ".tmp", `${name}-${randomBytes(4).toString("hex")}`);
  fs.mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, file), text);
  fs.writeFileSync(path.join(dir, "index.js"), 'module.exports = require("lineworks-contacts-pulumi/provider/desired-state/program").runRootProgram();\n');
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), `name: ${name}\nruntime:\n  name: nodejs\n  options:\n    typescript: false\nmain: index.js\n`);
  return dir;
}

/** A seed file of two domains (dev and prod, one member each); remove the returned folder afterwards. */
export function writeTwoDomainSeed(): { dir: string; file: string } {
  const dir = fs.mkdtempSync(path.join(repoRoot, "test", ".tmp", "seed-"));
  const file = path.join(dir, "seed.yaml");
  fs.writeFileSync(
    file,
    `domains:
  - { domainId: ${DEV_DOMAIN}, name: dev, clientId: dev-client, clientSecret: dev-secret, serviceAccount: dev.sa@example.com, members: [admin@dev.example.com] }
  - { domainId: ${PROD_DOMAIN}, name: prod, clientId: prod-client, clientSecret: prod-secret, serviceAccount: prod.sa@example.com, members: [admin@prod.example.com] }
`,
  );
  return { dir, file };
}

/** The environment with every LINEWORKS_* provider variable emptied: the stack's config alone counts. */
export function blankCredentials(env: Record<string, string | undefined> = process.env): Record<string, string> {
  return Object.fromEntries(Object.keys(env).filter((name) => name.startsWith("LINEWORKS_") && !name.startsWith("LINEWORKS_PULUMI")).map((name) => [name, ""]));
}
