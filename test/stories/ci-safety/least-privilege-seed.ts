/** An emulator seed with two domains: one whose app has both scopes, one whose app has only contact.read. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export const FULL_DOMAIN = 10000001;
export const READ_ONLY_DOMAIN = 30000003;

/** Writes the seed to a new temporary folder; returns the file (remove its folder when done). */
export function writeLeastPrivilegeSeed(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lwc-scope-seed-"));
  const file = path.join(dir, "seed.yaml");
  fs.writeFileSync(
    file,
    `domains:
  - domainId: ${FULL_DOMAIN}
    clientId: full-client
    clientSecret: full-secret-${process.pid}
    serviceAccount: full.serviceaccount@example.com
    members: [admin@example.com, sales@example.com]
  - domainId: ${READ_ONLY_DOMAIN}
    clientId: reader-client
    clientSecret: reader-secret-${process.pid}
    serviceAccount: reader.serviceaccount@example.com
    members: [admin@example.com, sales@example.com]
    scopes: [contact.read]
`,
  );
  return file;
}
