/** Shared by the test/teams tests: the stack lock as PostgreSQL holds it, and waiting on conditions. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { EmulatorProcess } from "../support/emulator-process";
import type { PostgresServer } from "../support/postgres";

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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until it returns true; throws with `what` after `timeoutMs`. */
export async function waitFor(what: string, probe: () => Promise<boolean>, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(100);
  }
}

/** How many contact creates (POST /contacts) the emulator has answered. */
export async function contactCreates(emulator: EmulatorProcess): Promise<number> {
  return (await emulator.requests()).filter((entry) => entry.route === "POST /v1.0/contacts").length;
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
