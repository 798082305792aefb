/**
 * A `pulumi up` of 200 resources, photos among them, while the emulator injects 10% 500,
 * 5% 429, 5% 503, 10% 307 redirects, 2% dropped connections (the request applied, the
 * response lost) and latency, and every access token is expired every few seconds
 * (answered 403 {code: UNAUTHORIZED}, the documented default), succeeds in one run,
 * leaves exactly the desired objects (no duplicates, no orphans, each photo uploaded once
 * for its contact) and previews clean.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { expectedSyntheticCompany, liveObjects } from "../../support/emulator-objects";
import { startEmulatorProcess, type EmulatorProcess } from "../../support/emulator-process";
import { expireTokensEvery, faultCounts } from "../../support/fault-run";
import { emulatorStackConfig } from "../../support/provider-config";
import { createPulumiWorkspace, type PulumiWorkspace } from "../../support/pulumi-workspace";
import { syntheticCompanyProgram } from "../../support/synthetic-company";
import { repoRoot } from "../../support/repo-root";

const counts = { tags: 8, properties: 2, contacts: 185 };
const photoContacts = 5;
const shape = {
  COMPANY_TAGS: String(counts.tags),
  COMPANY_PROPERTIES: String(counts.properties),
  COMPANY_CONTACTS: String(counts.contacts),
};
const photoEmail = (i: number) => `photo${i}@company.example`;

/** The synthetic company, plus contacts that each carry their own photo file. */
const program = `${syntheticCompanyProgram}
const photoApi = require("lineworks-contacts-pulumi");
for (let i = 0; i < ${photoContacts}; i++) {
  new photoApi.Contact("photo-contact-" + i, {
    permission: { masterUserId: "admin@example.com", accessibleRange: "ALL" },
    contactName: { lastName: "Photo", firstName: "Contact " + i },
    emails: [{ email: "photo" + i + "@company.example", primary: true }],
    photo: "photos/photo-" + i + ".png",
  });
}
`;

/** Distinct photo files: the example PNG with i + 1 trailing bytes, so each has its own size. */
function writePhotos(dir: string): number[] {
  const png = fs.readFileSync(path.join(repoRoot, "examples", "basic", "photos", "tanaka-taro.png"));
  fs.mkdirSync(path.join(dir, "photos"), { recursive: true });
  return Array.from({ length: photoContacts }, (_, i) => {
    const bytes = Buffer.concat([png, Buffer.alloc(i + 1, i)]);
    fs.writeFileSync(path.join(dir, "photos", `photo-${i}.png`), bytes);
    return bytes.length;
  });
}

let emulator: EmulatorProcess;
let workspace: PulumiWorkspace;
let photoSizes: number[];

beforeAll(async () => {
  emulator = await startEmulatorProcess({ requestsPerMinute: 100_000 });
  workspace = await createPulumiWorkspace({
    program,
    config: await emulatorStackConfig(emulator),
    env: shape,
  });
  photoSizes = writePhotos(workspace.dir);
});

afterAll(async () => {
  await workspace?.dispose();
  await emulator?.stop();
});

it("converges through 5xx, 429, 307, dropped answers and expired tokens, without duplicates or orphans", { timeout: 600_000 }, async () => {
  await emulator.setFaults({
    status500Rate: 0.1,
    status429Rate: 0.05,
    status503Rate: 0.05,
    redirectRate: 0.1,
    dropConnectionRate: 0.02,
    latencyMs: [1, 25],
    seed: 7,
  });
  const expiry = expireTokensEvery(emulator, 2_000);
  const up = await workspace.run(["up", "--yes", "--skip-preview", "--stack", workspace.stack], { timeoutMs: 480_000 });
  const expiries = await expiry.stop();
  expect(up.code, up.stdout.slice(-3000) + up.stderr.slice(-3000)).toBe(0);

  // The faults really happened during the run.
  const log = await emulator.requests();
  const seen = faultCounts(log);
  console.log(`faults.test: up ${up.durationMs} ms, ${expiries} token expiries, ${log.length} requests,`, seen);
  expect(seen.status500).toBeGreaterThan(5);
  expect(seen.status429).toBeGreaterThan(2);
  expect(seen.status503).toBeGreaterThan(2);
  expect(seen.redirects).toBeGreaterThan(5);
  expect(seen.dropped).toBeGreaterThan(0);
  expect(expiries).toBeGreaterThan(1);
  expect(seen.refusedTokens).toBeGreaterThan(0);
  // Each refused token was renewed: a token request follows the last refusal.
  const lastRefusal = Math.max(...log.filter((e) => e.kind === "api" && e.status === 403).map((e) => Date.parse(e.time)));
  expect(log.some((e) => e.kind === "token" && e.status === 200 && Date.parse(e.time) >= lastRefusal)).toBe(true);
  expect(seen.tokenRequests).toBeGreaterThan(1);

  await emulator.setFaults({});
  const expected = expectedSyntheticCompany(counts);
  expected.contactEmails = [...expected.contactEmails, ...Array.from({ length: photoContacts }, (_, i) => photoEmail(i))].sort();
  expect(await liveObjects(emulator)).toEqual(expected);

  // Nothing was created twice and thrown away, and each photo contact has exactly its own photo.
  const domain = (await emulator.state()).domains.find((d: any) => d.domainId === 10000001);
  expect(domain.trashedContacts).toEqual([]);
  const contactIdOf = (email: string) => domain.contacts.find((c: any) => c.emails?.[0]?.email === email)?.contactId;
  const photos = domain.photos.map((p: any) => ({ contactId: p.contactId, size: p.size })).sort((a: any, b: any) => a.size - b.size);
  expect(photos).toEqual(photoSizes.map((size, i) => ({ contactId: contactIdOf(photoEmail(i)), size })));

  const preview = await workspace.run(["preview", "--stack", workspace.stack, "--expect-no-changes"], { timeoutMs: 300_000 });
  expect(preview.code, preview.stdout + preview.stderr).toBe(0);
});
