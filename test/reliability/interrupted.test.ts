/**
 * A `pulumi up` killed mid-run (the CLI's process group, as a dying CI runner: its plugins,
 * in groups of their own, must notice and end), then
 * `pulumi cancel` (the lock) + `pulumi refresh --clear-pending-creates` + `pulumi up`: converges with no duplicate tag, property or contact.
 * Creates that were cut off after the API applied them are taken over by natural key
 * (adopt: true), which is the documented recovery.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { expectedSyntheticCompany, liveObjects } from "../support/emulator-objects";
import { startEmulatorProcess, type EmulatorProcess } from "../support/emulator-process";
import { waitForNoProcessesIn } from "../support/processes";
import { emulatorStackConfig } from "../support/provider-config";
import { createPulumiWorkspace, type PulumiWorkspace } from "../support/pulumi-workspace";
import { syntheticCompanyProgram } from "../support/synthetic-company";

const counts = { tags: 10, properties: 3, contacts: 120 };
const env = {
  COMPANY_TAGS: String(counts.tags),
  COMPANY_PROPERTIES: String(counts.properties),
  COMPANY_CONTACTS: String(counts.contacts),
  COMPANY_ADOPT: "true",
};

let emulator: EmulatorProcess;
let workspace: PulumiWorkspace;

beforeAll(async () => {
  emulator = await startEmulatorProcess({ requestsPerMinute: 100_000 });
  workspace = await createPulumiWorkspace({ program: syntheticCompanyProgram, config: await emulatorStackConfig(emulator), env });
});

afterAll(async () => {
  await workspace?.dispose();
  await emulator?.stop();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it("recovers from a run killed mid-way without duplicates", { timeout: 300_000 }, async () => {
  // Slow every call down so that the kill lands while creates are in flight.
  await emulator.setFaults({ latencyMs: [20, 60] });
  const running = workspace.start(["up", "--yes", "--skip-preview", "--stack", workspace.stack]);
  const deadline = Date.now() + 120_000;
  let created = 0;
  while (Date.now() < deadline) {
    created = (await emulator.requests()).filter((entry) => entry.method === "POST" && entry.route === "POST /v1.0/contacts").length;
    if (created >= 30) break;
    await sleep(100);
  }
  running.killGroup();
  const killed = await running.done;
  expect(killed.code).not.toBe(0);
  // The plugins (own process groups) notice that their engine is gone and end too.
  expect(await waitForNoProcessesIn(workspace.dir, 15_000)).toEqual([]);
  expect(created).toBeGreaterThanOrEqual(30);
  const before = await liveObjects(emulator);
  expect(before.contactEmails.length).toBeLessThan(counts.contacts);

  await emulator.setFaults({});
  // The killed run left its lock behind: releasing it is the first recovery step.
  const cancel = await workspace.run(["cancel", "--yes", "--stack", workspace.stack]);
  expect(cancel.code, cancel.stdout + cancel.stderr).toBe(0);
  const refresh = await workspace.refresh(["--clear-pending-creates"]);
  expect(refresh.code, refresh.stdout + refresh.stderr).toBe(0);
  const up = await workspace.up();
  expect(up.code, up.stdout.slice(-3000) + up.stderr.slice(-3000)).toBe(0);

  expect(await liveObjects(emulator)).toEqual(expectedSyntheticCompany(counts));
  const preview = await workspace.preview(["--expect-no-changes"]);
  expect(preview.code, preview.stdout + preview.stderr).toBe(0);
});
