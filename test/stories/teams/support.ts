/** Shared by the test/stories/teams tests: the stack lock as PostgreSQL holds it, and waiting on conditions. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { expect } from "vitest";
import type { EmulatorProcess } from "../../support/emulator-process";
import { waitForNoProcessesIn } from "../../support/processes";
import type { PulumiResult, PulumiWorkspace } from "../../support/pulumi-workspace";
import { waitFor } from "../../support/wait-for";
import type { PostgresServer } from "../../support/postgres";

/** The DIY backend's default table (`?table=` in the URL changes it). */
export const STATE_TABLE = "pulumi_state";

/**
 * Keys of the lock objects the DIY backend keeps, e.g.
 * `pulumi/.pulumi/locks/organization/PROJECT/STACK/<uuid>.json` (the URL's path, here the
 * database name, prefixes every key).
 */
export async function lockKeys(postgres: PostgresServer): Promise<string[]> {
  const rows = await postgres.query<{ key: string }>(`SELECT key FROM ${STATE_TABLE} WHERE key LIKE '%.pulumi/locks/%' ORDER BY key`);
  return rows.map((row) => row.key);
}

/** Every key in the backend's table. */
export async function backendKeys(postgres: PostgresServer): Promise<string[]> {
  const rows = await postgres.query<{ key: string }>(`SELECT key FROM ${STATE_TABLE} ORDER BY key`);
  return rows.map((row) => row.key);
}

/** How the tests wait for a count of creates (support/wait-for): the engine is stopped within 100 ms of it, a bound on overshoot; a slow run may take two minutes to get there. */
export const POLL = { timeoutMs: 120_000, intervalMs: 100 };

/** How many contact creates (POST /contacts) the emulator has answered. */
export async function contactCreates(emulator: EmulatorProcess): Promise<number> {
  // Answered with 2xx: a POST the emulator refused (429 over its concurrency limit) and the client retried is one contact.
  return (await emulator.requests()).filter((entry) => entry.route === "POST /v1.0/contacts" && entry.status < 300).length;
}

/** Another machine's Pulumi home (no login, no local cache): what a teammate or another CI runner has. */
export function otherPulumiHome(): { env: Record<string, string>; dispose(): void } {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "lwc-teammate-home-"));
  return { env: { PULUMI_HOME: home }, dispose: () => fs.rmSync(home, { recursive: true, force: true }) };
}

/** Resources of one type in a `pulumi stack export` deployment, and its pending operations. */
export function stateSummary(state: any, type: string): { ids: string[]; pending: unknown[] } {
  const resources: Array<{ type: string; id?: string }> = state.deployment?.resources ?? [];
  return {
    ids: resources.filter((resource) => resource.type === type).map((resource) => resource.id ?? "").sort(),
    pending: state.deployment?.pending_operations ?? [],
  };
}

export const CONTACT_TYPE = "pulumi-nodejs:dynamic/lineworks:Contact";

/** Creates the engine may have handed the provider at once (`pulumi up --parallel`). */
export const PARALLEL = 4;
/** The known point: the engine is stopped once the emulator has answered this many contact creates. */
export const STOP_AT = 15;

/**
 * A run killed at a known point, without races: `up` (no preview, --parallel PARALLEL) with every
 * call slowed down; once the emulator has answered STOP_AT contact creates, SIGSTOP of the CLI's
 * process group (the engine hands out no more steps and records nothing more); the provider, its
 * own group, finishes the at most PARALLEL creates it was handed (3 s without a new one); then
 * SIGKILL, and no process of the project is left. Returns the creates answered at the stop and after,
 * and the killed CLI's pid (the lock it left names it).
 */
export async function killUpMidway(workspace: PulumiWorkspace, emulator: EmulatorProcess): Promise<{ atStop: number; settled: number; pid: number }> {
  await emulator.setFaults({ latencyMs: [20, 60] });
  const running = workspace.start(["up", "--yes", "--skip-preview", "--parallel", String(PARALLEL), "--stack", workspace.stack]);
  let ended: PulumiResult | undefined;
  void running.done.then((result) => (ended = result));
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-running.pid, signal);
    } catch {
      // already gone
    }
  };
  await waitFor(
    "the up to create contacts",
    async () => {
      if (ended) throw new Error(`the up ended before the stop:\n${ended.stdout}\n${ended.stderr}`);
      return (await contactCreates(emulator)) >= STOP_AT;
    },
    POLL,
  );
  signalGroup("SIGSTOP");
  const atStop = await contactCreates(emulator);
  let settled = atStop;
  for (let quiet = 0; quiet < 30; ) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const now = await contactCreates(emulator);
    quiet = now === settled ? quiet + 1 : 0;
    settled = now;
  }
  expect(ended, "the stopped engine ended nothing").toBeUndefined();
  expect(settled - atStop).toBeLessThanOrEqual(PARALLEL);
  running.killGroup();
  signalGroup("SIGCONT");
  expect((await running.done).code).not.toBe(0);
  expect(await waitForNoProcessesIn(workspace.dir, 15_000)).toEqual([]);
  // Nothing after the kill: the emulator holds exactly the creates up to the stop and those in flight.
  expect(await contactCreates(emulator)).toBe(settled);
  await emulator.setFaults({});
  return { atStop, settled, pid: running.pid };
}
