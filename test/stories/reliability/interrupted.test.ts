/**
 * A `pulumi up` killed mid-run (the CLI's process group, as a dying CI runner: its plugins,
 * in groups of their own, must notice and end), then the README's recovery:
 * `pulumi cancel` (the lock) + `pulumi refresh --clear-pending-creates` + `pulumi up`.
 *
 * The test proves each step of the claim, not only the end state: the kill leaves contacts the
 * API created but the state does not hold (the engine is frozen first, so the creates it had in
 * flight land at the API with no one left to record them), and the recovery `up` adopts those
 * very objects by natural key (adopt: true): the same ids end up in the state, none is created
 * again, and the domain holds each declared object once.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { expectedSyntheticCompany, liveObjects } from "../../support/emulator-objects";
import { startEmulatorProcess, type EmulatorProcess } from "../../support/emulator-process";
import { expectOk } from "../../support/expect-ok";
import { waitForNoProcessesIn } from "../../support/processes";
import { emulatorStackConfig } from "../../support/provider-config";
import { createPulumiWorkspace, type PulumiWorkspace } from "../../support/pulumi-workspace";
import { syntheticCompanyProgram } from "../../support/synthetic-company";
import { waitFor } from "../../support/wait-for";

const counts = { tags: 10, properties: 3, contacts: 120 };
const env = {
  COMPANY_TAGS: String(counts.tags),
  COMPANY_PROPERTIES: String(counts.properties),
  COMPANY_CONTACTS: String(counts.contacts),
  COMPANY_ADOPT: "true",
};
const CREATE_CONTACT = "POST /v1.0/contacts";

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

const createsApplied = async () =>
  (await emulator.requests()).filter((entry) => entry.route === CREATE_CONTACT && entry.status === 201).length;

/** Contact ids the emulator holds, and the contact ids a `pulumi stack export` records. */
async function liveContactIds(): Promise<string[]> {
  const domain = (await emulator.state()).domains.find((d: any) => d.domainId === 10000001);
  return domain.contacts.map((contact: any) => contact.contactId).sort();
}
async function recordedContactIds(): Promise<string[]> {
  const resources: any[] = (await workspace.exportState()).deployment.resources ?? [];
  return resources.filter((r) => r.type.endsWith(":Contact") && r.id).map((r) => r.id as string).sort();
}

it("recovers from a run killed mid-way: the creates it left unrecorded are adopted, none duplicated", { timeout: 400_000 }, async () => {
  // Slow every call down, so that creates are in flight at any moment of the run.
  await emulator.setFaults({ latencyMs: [150, 300] });
  const running = workspace.start(["up", "--yes", "--skip-preview", "--stack", workspace.stack]);
  let ended: string | undefined;
  void running.done.then((result) => (ended = `pulumi up ended (${result.code}) before the kill:\n${result.stdout.slice(-3000)}\n${result.stderr.slice(-3000)}`));
  await waitFor("30 contacts created by the run", async () => {
    if (ended) throw new Error(ended);
    return (await createsApplied()) >= 30;
  }, { timeoutMs: 240_000, intervalMs: 100 });
  // Freeze the engine (the CLI process): from here on it records nothing, while the creates it had sent
  // go on at the API. Wait until at least one of them has landed, then kill the whole run.
  process.kill(running.pid, "SIGSTOP");
  const atFreeze = await createsApplied();
  await waitFor("a create that landed after the engine froze", async () => (await createsApplied()) > atFreeze, { timeoutMs: 60_000 });
  running.killGroup();
  const killed = await running.done;
  expect(killed.code).not.toBe(0);
  // The plugins (own process groups) notice that their engine is gone and end too.
  expect(await waitForNoProcessesIn(workspace.dir, 15_000)).toEqual([]);
  await emulator.setFaults({});

  // The killed run left its lock behind: releasing it is the first recovery step.
  expectOk(await workspace.run(["cancel", "--yes", "--stack", workspace.stack]));
  const live = await liveContactIds();
  const recorded = await recordedContactIds();
  const unrecorded = live.filter((id) => !recorded.includes(id));
  // The kill left what the README's recovery is for: contacts the API created that the state does not hold.
  expect(unrecorded.length).toBeGreaterThanOrEqual(1);
  expect(recorded.every((id) => live.includes(id))).toBe(true);
  expect(live.length).toBeLessThan(counts.contacts);

  expectOk(await workspace.refresh(["--clear-pending-creates"]));
  await emulator.clearRequests();
  expectOk(await workspace.up());
  // Only the contacts that did not exist were created; the unrecorded ones were adopted, by their ids.
  expect(await createsApplied()).toBe(counts.contacts - live.length);
  const final = await recordedContactIds();
  expect(final).toHaveLength(counts.contacts);
  for (const id of unrecorded) expect(final).toContain(id);
  expect(await liveContactIds()).toEqual(final);

  expect(await liveObjects(emulator)).toEqual(expectedSyntheticCompany(counts));
  await emulator.clearRequests();
  expectOk(await workspace.preview(["--expect-no-changes"]));
  expect((await emulator.requests()).filter((entry) => entry.kind === "api")).toEqual([]);
});
