/**
 * What the bench's runners share: the stacks of the program (./support/company.ts), one timed pulumi run (with the
 * emulator's request log and the machine's load around it) and the state's size.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { companyFiles } from "./support/company";
import { startEmulatorProcess, type EmulatorProcess } from "./support/emulator";
import { createPulumiWorkspace, type PulumiWorkspace } from "./support/workspace";
import type { Side } from "./stats";

export type { EmulatorProcess, PulumiWorkspace };

export interface Stacks {
  floor: PulumiWorkspace;
  data: PulumiWorkspace;
  ours: PulumiWorkspace;
  /** Ours with `lineworks-contacts:secretFields: [memo, customProperties]` for the whole stack. */
  oursSecret: PulumiWorkspace;
}

/** A fresh stack of the bench's program. */
export function benchWorkspace(stack: string): Promise<PulumiWorkspace> {
  return createPulumiWorkspace({ files: companyFiles(), stack });
}

export async function createStacks(): Promise<Stacks> {
  const created: PulumiWorkspace[] = [];
  try {
    const make = async (stack: string) => {
      const workspace = await benchWorkspace(stack);
      created.push(workspace);
      return workspace;
    };
    const floor = await make("bench-floor");
    const data = await make("bench-data-floor");
    const ours = await make("bench-ours");
    const oursSecret = await make("bench-ours-secret");
    for (const [index, field] of ["memo", "customProperties"].entries()) {
      const set = await oursSecret.run(["config", "set", "--stack", oursSecret.stack, "--path", `lineworks-contacts:secretFields[${index}]`, field]);
      if (set.code !== 0) throw new Error(`pulumi config set secretFields failed: ${set.stderr}`);
    }
    return { floor, data, ours, oursSecret };
  } catch (error) {
    for (const workspace of created) await workspace.dispose();
    throw error;
  }
}

export async function disposeStacks(stacks: Stacks): Promise<void> {
  for (const workspace of [stacks.floor, stacks.data, stacks.ours, stacks.oursSecret]) await workspace.dispose();
}

/**
 * An emulator allowing `requestsPerMinute` per API operation (default: no limit to speak of),
 * and the provider's environment for it, whose client limit is the same.
 */
export async function withEmulator<T>(
  run: (emulator: EmulatorProcess, providerEnv: Record<string, string>) => Promise<T>,
  requestsPerMinute = 1_000_000,
): Promise<T> {
  const emulator = await startEmulatorProcess({ requestsPerMinute });
  try {
    return await run(emulator, await emulator.providerEnv(requestsPerMinute));
  } finally {
    await emulator.stop();
  }
}

export interface Measured {
  seconds: number;
  /** CPU seconds of the run's process tree (./support/workspace.ts), when GNU time is there. */
  cpuSeconds?: number;
  /** What the run's environment set beyond the provider's and the program's (PULUMI_* knobs). */
  knobs?: Record<string, string>;
  apiCalls: number;
  callsByRoute: Record<string, number>;
  status429: number;
  /** The machine's 1-minute load average before and after the run: a noisy run shows here. */
  load: [number, number];
}

/**
 * One pulumi run, timed; a failed run stops the bench (the steps after it would measure a
 * broken state), its output on stderr. API calls are counted from `emulator`'s log (ours only).
 */
export async function timedRun(
  side: Side,
  workspace: PulumiWorkspace,
  args: string[],
  env: Record<string, string>,
  emulator: EmulatorProcess | undefined,
  timeoutMinutes: number,
): Promise<Measured> {
  await emulator?.clearRequests();
  const loadBefore = os.loadavg()[0]!;
  const result = await workspace.run(["--stack", workspace.stack, ...args], { env, timeoutMs: timeoutMinutes * 60_000 });
  const loadAfter = os.loadavg()[0]!;
  if (result.code !== 0) {
    process.stderr.write(`${result.stdout.slice(-4000)}\n${result.stderr.slice(-4000)}\n`);
    throw new Error(`${side}: pulumi ${args.join(" ")} exited ${result.code} after ${(result.durationMs / 1000).toFixed(1)} s`);
  }
  const log = emulator ? await emulator.requests() : [];
  const callsByRoute: Record<string, number> = {};
  for (const entry of log) callsByRoute[entry.route] = (callsByRoute[entry.route] ?? 0) + 1;
  return {
    seconds: result.durationMs / 1000,
    ...(result.cpuSeconds === undefined ? {} : { cpuSeconds: result.cpuSeconds }),
    apiCalls: log.filter((entry) => entry.kind === "api").length,
    callsByRoute,
    status429: log.filter((entry) => entry.status === 429).length,
    load: [round2(loadBefore), round2(loadAfter)],
  };
}

/** Empties a stack, unmeasured: without intermediate checkpoints, which only makes it quicker. */
export async function destroyQuietly(workspace: PulumiWorkspace, env: Record<string, string>, timeoutMinutes: number): Promise<void> {
  const result = await workspace.run(["--stack", workspace.stack, "destroy", "--yes", "--skip-preview"], {
    env: { ...env, PULUMI_SKIP_CHECKPOINTS: "true" },
    timeoutMs: timeoutMinutes * 60_000,
  });
  if (result.code !== 0) throw new Error(`cleanup destroy of ${workspace.stack} exited ${result.code}: ${result.stderr.slice(-2000)}`);
}

/** Bytes of the stack's checkpoint file(s) in the backend, backups (`.bak`, backups/, history/) left out. */
export function checkpointBytes(workspace: PulumiWorkspace): number {
  const stacks = path.join(workspace.backendDir, ".pulumi", "stacks");
  let bytes = 0;
  const walk = (dir: string) => {
    for (const entry of fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }) : []) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (!entry.name.endsWith(".bak")) bytes += fs.statSync(full).size;
    }
  };
  walk(stacks);
  return bytes;
}

/** Mean size of the contact resources (`contact-NNNN`) in `pulumi stack export` (JSON, secrets encrypted). */
export async function stateBytesPerContact(workspace: PulumiWorkspace, env: Record<string, string>): Promise<number> {
  const exported = await workspace.run(["stack", "export", "--stack", workspace.stack], { env });
  if (exported.code !== 0) throw new Error(`pulumi stack export exited ${exported.code}: ${exported.stderr}`);
  const resources = (JSON.parse(exported.stdout).deployment.resources ?? []) as Array<{ urn: string }>;
  const contacts = resources.filter((resource) => /::contact-\d+$/.test(resource.urn));
  const bytes = contacts.reduce((sum, resource) => sum + Buffer.byteLength(JSON.stringify(resource)), 0);
  return contacts.length === 0 ? 0 : Math.round(bytes / contacts.length);
}

/** The program's environment (./support/company.ts): "data" is the real company's shape on no-op resources (the data floor). */
export function companyEnv(kind: "real" | "noop" | "data", contacts: number, tags: number, properties: number, changed = 0): Record<string, string> {
  return {
    COMPANY_KIND: kind,
    COMPANY_CONTACTS: String(contacts),
    COMPANY_TAGS: String(tags),
    COMPANY_PROPERTIES: String(properties),
    COMPANY_CHANGED: String(changed),
  };
}

const round2 = (value: number) => Math.round(value * 100) / 100;
