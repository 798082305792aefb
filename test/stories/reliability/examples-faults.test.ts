/**
 * examples/basic (with its photo) against an emulator that redirects 20% of the calls
 * (307 to the same URL), answers 10% with 503, and expires every access token every
 * 0.7 s (403 UNAUTHORIZED, the documented default) for the whole test: `pulumi up`
 * converges in one run with exactly the declared objects, then preview, refresh and
 * preview again show no changes, and `lineworks-contacts export` reads the whole domain.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startEmulatorProcess, type EmulatorProcess } from "../../support/emulator-process";
import { expireTokensEvery, faultCounts, type TokenExpiryLoop } from "../../support/fault-run";
import { emulatorProviderEnv } from "../../support/provider-config";
import { createPulumiWorkspace, type PulumiWorkspace } from "../../support/pulumi-workspace";
import { repoRoot } from "../../support/repo-root";
import { copyExample, removeDir, runCli } from "../../support/cli-runs";

const PULUMI_TIMEOUT_MS = 240_000;
const DOMAIN_ID = 10000001;

let emulator: EmulatorProcess;
let env: Record<string, string>;
let projectDir: string;
let exportDir: string;
let workspace: PulumiWorkspace;
let expiry: TokenExpiryLoop | undefined;
let outputs: Record<string, Record<string, string>>;

const photo = fs.readFileSync(path.join(repoRoot, "examples", "basic", "photos", "tanaka-taro.png"));
const sorted = (values: Iterable<string>) => [...values].sort();

beforeAll(async () => {
  emulator = await startEmulatorProcess();
  env = await emulatorProviderEnv(emulator);
  projectDir = copyExample("basic");
  exportDir = copyExample("basic");
  workspace = await createPulumiWorkspace({ projectDir, stack: "dev", env });
  await faultsOn();
  expiry = expireTokensEvery(emulator, 700);
});

afterAll(async () => {
  await expiry?.stop();
  await workspace?.dispose();
  removeDir(projectDir);
  removeDir(exportDir);
  await emulator?.stop();
});

/** Seeded, set again before each step: the first draws hold both faults, so even a short step meets each of them. */
const faultsOn = () => emulator.setFaults({ redirectRate: 0.2, status503Rate: 0.1, seed: 12 });

const run = (args: string[]) => workspace.run([...args, "--stack", workspace.stack], { timeoutMs: PULUMI_TIMEOUT_MS });

it("pulumi up converges in one run: each declared object once, the photo uploaded, nothing else", { timeout: 300_000 }, async () => {
  const running = workspace.start(["up", "--yes", "--skip-preview", "--stack", workspace.stack]);
  const timer = setTimeout(running.killGroup, PULUMI_TIMEOUT_MS);
  let exited = false;
  void running.done.then(() => (exited = true));
  // Mid-run for sure (besides the loop): once the first objects exist, before the contacts that use them.
  while (!exited && (await emulator.requests()).filter((e) => e.kind === "api" && e.status < 300).length < 3) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await emulator.expireTokens();
  const up = await running.done;
  clearTimeout(timer);
  expect(up.code, up.stdout.slice(-3000) + up.stderr.slice(-3000)).toBe(0);
  const log = await emulator.requests();
  const seen = faultCounts(log);
  console.log(`examples-faults: up ${up.durationMs} ms, ${log.length} requests,`, seen);
  expect(seen.redirects).toBeGreaterThan(0);
  expect(seen.status503).toBeGreaterThan(0);
  expect(seen.refusedTokens).toBeGreaterThan(0);
  expect(seen.tokenRequests).toBeGreaterThan(1);

  outputs = (await workspace.outputs()) as Record<string, Record<string, string>>;
  expect(Object.keys(outputs.contactIds!)).toHaveLength(10);
  const domain = (await emulator.state()).domains.find((d: any) => d.domainId === DOMAIN_ID);
  // The live objects are exactly those of the stack: no duplicate, no orphan, nothing trashed.
  expect(sorted(domain.contactTags.map((t: any) => t.contactTagId))).toEqual(
    sorted([...Object.values(outputs.tagIds!), ...Object.values(outputs.userTagIds!)]),
  );
  expect(sorted(domain.customProperties.map((p: any) => p.customPropertyId))).toEqual(sorted(Object.values(outputs.customPropertyIds!)));
  expect(sorted(domain.contacts.map((c: any) => c.contactId))).toEqual(sorted(Object.values(outputs.contactIds!)));
  expect(domain.trashedContacts).toEqual([]);
  expect(domain.photos.map((p: any) => ({ contactId: p.contactId, size: p.size }))).toEqual([
    { contactId: outputs.contactIds!["tanaka-taro"], size: photo.length },
  ]);
});

it("then preview, refresh and preview again show no changes, under the same faults", { timeout: 600_000 }, async () => {
  const before = await emulator.state();
  const preview = await run(["preview", "--expect-no-changes"]);
  expect(preview.code, preview.stdout + preview.stderr).toBe(0);

  await faultsOn();
  await emulator.clearRequests();
  const refresh = await run(["refresh", "--yes", "--skip-preview", "--expect-no-changes"]);
  expect(refresh.code, refresh.stdout.slice(-3000) + refresh.stderr.slice(-3000)).toBe(0);
  const log = await emulator.requests();
  const seen = faultCounts(log);
  console.log(`examples-faults: refresh ${refresh.durationMs} ms, ${log.length} requests,`, seen);
  expect(seen.redirects).toBeGreaterThan(0);
  expect(seen.status503).toBeGreaterThan(0);

  const again = await run(["preview", "--expect-no-changes"]);
  expect(again.code, again.stdout + again.stderr).toBe(0);
  expect(await emulator.state()).toEqual(before);
});

it("lineworks-contacts export reads every contact and the photo, and its document validates", { timeout: 300_000 }, async () => {
  for (const file of ["company.yaml", "contacts.yaml", "photos/tanaka-taro.png"]) fs.rmSync(path.join(exportDir, file));
  await faultsOn();
  await emulator.clearRequests();
  const exported = await runCli(["export", "--out", "exported.yaml", "--photos", "photos"], { cwd: exportDir, env });
  expect(exported.code, exported.stderr).toBe(0);
  expect(exported.stderr).toMatch(/read 10 contacts/);
  const log = await emulator.requests();
  const seen = faultCounts(log);
  console.log(`examples-faults: export, ${log.length} requests,`, seen);
  expect(seen.redirects).toBeGreaterThan(0);
  expect(seen.status503).toBeGreaterThan(0);

  // Every contact is there: as an entry, or (the two without an email, which adopt needs) named as left out.
  const document = fs.readFileSync(path.join(exportDir, "exported.yaml"), "utf8");
  const noEmail = ["ito-makoto", "nakamura-aoi"].map((key) => outputs.contactIds![key]!);
  const leftOut = /^# Left out \([^)]*\): (.*)$/m.exec(document)?.[1]?.split(", ");
  expect(sorted(leftOut ?? [])).toEqual(sorted(noEmail));
  for (const id of Object.values(outputs.contactIds!)) expect(document).toContain(id);
  const photos = fs.readdirSync(path.join(exportDir, "photos"));
  expect(photos).toHaveLength(1);
  expect(fs.readFileSync(path.join(exportDir, "photos", photos[0]!))).toEqual(photo);

  const validated = await runCli(["validate", "exported.yaml"], { cwd: exportDir });
  expect(validated.code, validated.stdout + validated.stderr).toBe(0);
  expect(validated.stdout).toMatch(/^valid: exported.yaml \(5 tags, 1 user tag, 2 custom properties, 8 contacts\)/);
});
