/**
 * A `pulumi up` of 200 resources while the emulator injects 10% 5xx, 5% 429, 2% dropped
 * connections (the request applied, the response lost) and latency succeeds in one run,
 * leaves exactly the desired objects (no duplicates, no orphans) and previews clean.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { expectedSyntheticCompany, liveObjects } from "../support/emulator-objects";
import { startEmulatorProcess, type EmulatorProcess } from "../support/emulator-process";
import { emulatorStackConfig } from "../support/provider-config";
import { createPulumiWorkspace, type PulumiWorkspace } from "../support/pulumi-workspace";
import { syntheticCompanyProgram } from "../support/synthetic-company";

const counts = { tags: 8, properties: 2, contacts: 190 };
const shape = {
  COMPANY_TAGS: String(counts.tags),
  COMPANY_PROPERTIES: String(counts.properties),
  COMPANY_CONTACTS: String(counts.contacts),
};

let emulator: EmulatorProcess;
let workspace: PulumiWorkspace;

beforeAll(async () => {
  emulator = await startEmulatorProcess({ requestsPerMinute: 100_000 });
  workspace = await createPulumiWorkspace({
    program: syntheticCompanyProgram,
    config: await emulatorStackConfig(emulator),
    env: shape,
  });
});

afterAll(async () => {
  await workspace?.dispose();
  await emulator?.stop();
});

it("converges through injected faults without duplicates or orphans", { timeout: 300_000 }, async () => {
  await emulator.setFaults({ status500Rate: 0.1, status429Rate: 0.05, dropConnectionRate: 0.02, latencyMs: [1, 25], seed: 7 });
  const up = await workspace.up();
  expect(up.code, up.stdout.slice(-3000) + up.stderr.slice(-3000)).toBe(0);

  const log = await emulator.requests();
  // The faults really happened during the run.
  expect(log.filter((entry) => entry.status >= 500).length).toBeGreaterThan(5);
  expect(log.filter((entry) => entry.status === 429).length).toBeGreaterThan(2);
  expect(log.filter((entry) => entry.dropped).length).toBeGreaterThan(0);

  await emulator.setFaults({});
  expect(await liveObjects(emulator)).toEqual(expectedSyntheticCompany(counts));

  const preview = await workspace.preview(["--expect-no-changes"]);
  expect(preview.code, preview.stdout + preview.stderr).toBe(0);
});
