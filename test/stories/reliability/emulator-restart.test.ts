/**
 * The emulator restarted with --data in the middle of a stack's life (between two updates,
 * on a new port): nothing is lost, the stack refreshes and previews clean, and the next
 * update applies on top of the restored objects.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { expectedSyntheticCompany, liveObjects } from "../../support/emulator-objects";
import { startEmulatorProcess, type EmulatorProcess } from "../../support/emulator-process";
import { emulatorStackConfig } from "../../support/provider-config";
import { createPulumiWorkspace, type PulumiWorkspace } from "../../support/pulumi-workspace";
import { syntheticCompanyProgram } from "../../support/synthetic-company";

const first = { tags: 4, properties: 2, contacts: 20 };
const second = { tags: 5, properties: 2, contacts: 30 };
const shape = (counts: typeof first) => ({
  COMPANY_TAGS: String(counts.tags),
  COMPANY_PROPERTIES: String(counts.properties),
  COMPANY_CONTACTS: String(counts.contacts),
});

let dataDir: string;
let emulator: EmulatorProcess;
let workspace: PulumiWorkspace;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lwc-restart-"));
  emulator = await startEmulatorProcess({ dataFile: path.join(dataDir, "emulator.json") });
  workspace = await createPulumiWorkspace({ program: syntheticCompanyProgram, config: await emulatorStackConfig(emulator) });
});

afterAll(async () => {
  await workspace?.dispose();
  await emulator?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function pointStackAt(target: EmulatorProcess): Promise<void> {
  for (const [key, value] of Object.entries(await emulatorStackConfig(target))) await workspace.setConfig(key, value);
}

it("loses nothing across a restart with --data", { timeout: 300_000 }, async () => {
  const up = await workspace.run(["up", "--yes", "--skip-preview", "--stack", workspace.stack], { env: shape(first) });
  expect(up.code, up.stdout + up.stderr).toBe(0);
  const before = await liveObjects(emulator);
  expect(before).toEqual(expectedSyntheticCompany(first));

  expect(await emulator.stop()).toBe(0);
  emulator = await startEmulatorProcess({ dataFile: path.join(dataDir, "emulator.json") });
  expect(await liveObjects(emulator)).toEqual(before);
  await pointStackAt(emulator);

  // --run-program: without it, refresh reads through the provider config saved in the state
  // (the old port), not the stack's current config.
  const refresh = await workspace.run(["refresh", "--run-program", "--yes", "--skip-preview", "--expect-no-changes", "--stack", workspace.stack], {
    env: shape(first),
  });
  expect(refresh.code, refresh.stdout + refresh.stderr).toBe(0);
  const preview = await workspace.run(["preview", "--expect-no-changes", "--stack", workspace.stack], { env: shape(first) });
  expect(preview.code, preview.stdout + preview.stderr).toBe(0);

  const grow = await workspace.run(["up", "--yes", "--skip-preview", "--stack", workspace.stack], { env: shape(second) });
  expect(grow.code, grow.stdout + grow.stderr).toBe(0);
  expect(await liveObjects(emulator)).toEqual(expectedSyntheticCompany(second));
});
