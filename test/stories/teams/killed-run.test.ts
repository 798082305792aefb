/**
 * A `pulumi up` on a PostgreSQL state backend killed with SIGKILL mid-run (the CLI's process
 * group, as a cancelled CI job's runner would), then the recovery the README documents:
 * `pulumi cancel` (the dead run's lock is still in the database and refuses the next run),
 * `pulumi refresh --clear-pending-creates`, `pulumi up`. It converges: each object once,
 * and every contact that existed before the recovery is kept (taken over, not recreated). The
 * run is stopped at a known point (SIGSTOP of its process group once the emulator has answered
 * STOP_AT creates; the provider finishes the at most PARALLEL creates it was handed), then killed:
 * the counts that follow are exact, not a race with a fast machine.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { expectedSyntheticCompany, liveObjects } from "../../support/emulator-objects";
import { startEmulatorProcess, type EmulatorProcess } from "../../support/emulator-process";
import { startPostgres, type PostgresServer } from "../../support/postgres";
import { emulatorStackConfig } from "../../support/provider-config";
import { createPulumiWorkspace, type PulumiWorkspace } from "../../support/pulumi-workspace";
import { syntheticCompanyProgram } from "../../support/synthetic-company";
import { CONTACT_TYPE, killUpMidway, lockKeys, PARALLEL, stateSummary, STOP_AT } from "./support";

const counts = { tags: 4, properties: 2, contacts: 40 };
const env = {
  COMPANY_TAGS: String(counts.tags),
  COMPANY_PROPERTIES: String(counts.properties),
  COMPANY_CONTACTS: String(counts.contacts),
  COMPANY_ADOPT: "true",
};

let postgres: PostgresServer;
let emulator: EmulatorProcess;
let workspace: PulumiWorkspace;

/** contactId → primary email of every live contact of the default domain. */
async function liveContactIds(): Promise<Map<string, string>> {
  const state = await emulator.state();
  const domain = state.domains.find((d: any) => d.domainId === 10000001);
  return new Map(domain.contacts.map((contact: any) => [contact.contactId, contact.emails?.[0]?.email ?? ""]));
}

beforeAll(async () => {
  [postgres, emulator] = await Promise.all([startPostgres(), startEmulatorProcess({ requestsPerMinute: 100_000 })]);
  workspace = await createPulumiWorkspace({
    program: syntheticCompanyProgram,
    // The password from PGPASSWORD, not in the URL (what the README recommends for CI logs).
    backendUrl: postgres.urlWithoutPassword,
    config: await emulatorStackConfig(emulator),
    env: { ...env, ...postgres.passwordEnv },
  });
});

afterAll(async () => {
  await workspace?.dispose();
  await emulator?.stop();
  await postgres?.stop();
});


it("recovers from a run killed mid-way with the documented steps: no duplicate, nothing lost", { timeout: 240_000 }, async () => {
  const { settled, pid } = await killUpMidway(workspace, emulator);

  const before = await liveContactIds();
  expect(before.size).toBe(settled);
  expect(before.size).toBeGreaterThanOrEqual(STOP_AT);
  expect(before.size).toBeLessThan(counts.contacts);

  // The dead run's lock stayed in the database: the next run is refused and names it.
  expect(await lockKeys(postgres)).toHaveLength(1);
  const refused = await workspace.up();
  expect(refused.code).not.toBe(0);
  expect(refused.stdout + refused.stderr).toMatch(/the stack is currently locked by 1 lock\(s\)/);
  expect(refused.stdout + refused.stderr).toContain(`(pid ${pid})`);

  // The README's recovery.
  const cancel = await workspace.run(["cancel", "--yes", "--stack", workspace.stack]);
  expect(cancel.code, cancel.stdout + cancel.stderr).toBe(0);
  expect(await lockKeys(postgres)).toEqual([]);
  // What the stopped engine recorded: each contact it saw created, and a pending create for each
  // create it had handed out but not recorded (at most PARALLEL): every live contact is one or the other.
  const recorded = stateSummary(await workspace.exportState(), CONTACT_TYPE);
  expect(recorded.ids.filter((id) => !before.has(id))).toEqual([]);
  const unrecorded = before.size - recorded.ids.length;
  expect(unrecorded).toBeGreaterThanOrEqual(0);
  expect(recorded.pending.length).toBeGreaterThanOrEqual(unrecorded);
  expect(recorded.pending.length).toBeLessThanOrEqual(PARALLEL);
  const refresh = await workspace.refresh(["--clear-pending-creates"]);
  expect(refresh.code, refresh.stdout + refresh.stderr).toBe(0);
  const up = await workspace.up();
  expect(up.code, up.stdout.slice(-3000) + up.stderr.slice(-3000)).toBe(0);

  // Each object once, all of them.
  expect(await liveObjects(emulator)).toEqual(expectedSyntheticCompany(counts));
  // Nothing lost: every contact made before the recovery is still there, and it is the one the stack holds.
  const after = await liveContactIds();
  for (const [contactId, email] of before) expect(after.get(contactId), `${contactId} (${email})`).toBe(email);
  const state = stateSummary(await workspace.exportState(), CONTACT_TYPE);
  expect(state.ids).toEqual([...after.keys()].sort());
  expect(state.pending).toEqual([]);
  expect(await lockKeys(postgres)).toEqual([]);

  const preview = await workspace.preview(["--expect-no-changes"]);
  expect(preview.code, preview.stdout + preview.stderr).toBe(0);
});
