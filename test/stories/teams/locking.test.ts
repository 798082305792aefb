/**
 * Two `pulumi up` at once on one stack whose state is in PostgreSQL (Pulumi's DIY backend,
 * `postgres://`): the second, from another machine's Pulumi home, is refused by the stack
 * lock the first holds in the database, and the emulator ends with each object once.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { expectedSyntheticCompany, liveObjects } from "../../support/emulator-objects";
import { startEmulatorProcess, type EmulatorProcess } from "../../support/emulator-process";
import { startPostgres, type PostgresServer } from "../../support/postgres";
import { emulatorStackConfig } from "../../support/provider-config";
import { createPulumiWorkspace, type PulumiResult, type PulumiWorkspace } from "../../support/pulumi-workspace";
import { syntheticCompanyProgram } from "../../support/synthetic-company";
import { CONTACT_TYPE, backendKeys, contactCreates, lockKeys, otherPulumiHome, stateSummary, POLL } from "./support";
import { waitFor } from "../../support/wait-for";

const counts = { tags: 4, properties: 2, contacts: 30 };
const env = {
  COMPANY_TAGS: String(counts.tags),
  COMPANY_PROPERTIES: String(counts.properties),
  COMPANY_CONTACTS: String(counts.contacts),
};

let postgres: PostgresServer;
let emulator: EmulatorProcess;
let workspace: PulumiWorkspace;

beforeAll(async () => {
  [postgres, emulator] = await Promise.all([startPostgres(), startEmulatorProcess({ requestsPerMinute: 100_000 })]);
  workspace = await createPulumiWorkspace({
    program: syntheticCompanyProgram,
    backendUrl: postgres.url,
    config: await emulatorStackConfig(emulator),
    env,
  });
});

afterAll(async () => {
  await workspace?.dispose();
  await emulator?.stop();
  await postgres?.stop();
});

it("a second pulumi up on the same stack is refused by the lock while the first runs; nothing is duplicated", { timeout: 240_000 }, async () => {
  // The stack lives in the database, not in a local folder.
  expect((await backendKeys(postgres)).some((key) => key.endsWith(`/${workspace.stack}.json`))).toBe(true);
  expect(workspace.backendText()).toBe("");
  expect(await lockKeys(postgres)).toEqual([]);

  const first = workspace.start(["up", "--yes", "--skip-preview", "--stack", workspace.stack]);
  let firstEnded: PulumiResult | undefined;
  void first.done.then((result) => (firstEnded = result));
  const signalFirst = (signal: NodeJS.Signals) => {
    try {
      process.kill(-first.pid, signal);
    } catch {
      // already gone
    }
  };
  const teammate = otherPulumiHome();
  try {
    await waitFor("the first up to create contacts", async () => {
      if (firstEnded) throw new Error(`the first up ended early:\n${firstEnded.stdout}\n${firstEnded.stderr}`);
      return (await contactCreates(emulator)) >= 5;
    }, POLL);
    // Hold the first run mid-update (its CLI's process group stopped, as a slow run would be)
    // so that the overlap does not depend on how fast this machine is.
    signalFirst("SIGSTOP");
    expect(await lockKeys(postgres)).toHaveLength(1);

    // From this checkout (same Pulumi home) and from another machine's (a teammate, another CI runner).
    const refusals = await Promise.all(
      [{}, teammate.env].map((runEnv) => workspace.run(["up", "--yes", "--skip-preview", "--stack", workspace.stack], { env: runEnv })),
    );
    for (const refused of refusals) {
      const output = refused.stdout + refused.stderr;
      expect(refused.code, output).not.toBe(0);
      expect(output).toMatch(/the stack is currently locked by 1 lock\(s\)/);
      expect(output).toMatch(/pulumi cancel/);
      // The error names the lock by its URL, the credentials masked, and the run that holds it.
      expect(output).not.toContain(postgres.password);
      expect(output).toContain(`postgres://****:****@127.0.0.1:${postgres.port}/${postgres.database}/.pulumi/locks/`);
      expect(output).toContain(`(pid ${first.pid})`);
    }
    expect(firstEnded).toBeUndefined();
    expect(await lockKeys(postgres)).toHaveLength(1);

    signalFirst("SIGCONT");
    const done = await first.done;
    expect(done.code, done.stdout.slice(-3000) + done.stderr.slice(-3000)).toBe(0);
  } finally {
    signalFirst("SIGCONT");
    if (!firstEnded) first.killGroup();
    teammate.dispose();
  }

  expect(await lockKeys(postgres)).toEqual([]);
  expect(await liveObjects(emulator)).toEqual(expectedSyntheticCompany(counts));
  const state = stateSummary(await workspace.exportState(), CONTACT_TYPE);
  expect(state.ids).toHaveLength(counts.contacts);
  expect(new Set(state.ids).size).toBe(counts.contacts);
  expect(state.pending).toEqual([]);
  const preview = await workspace.preview(["--expect-no-changes"]);
  expect(preview.code, preview.stdout + preview.stderr).toBe(0);
});
