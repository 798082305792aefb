/**
 * What the bench's runners share: the program, the stacks, one timed pulumi run (with the
 * emulator's request log and the machine's load around it) and the state's size.
 */
import * as os from "node:os";
import { startEmulatorProcess, type EmulatorProcess } from "../test/support/emulator-process";
import { emulatorProviderEnv } from "../test/support/provider-config";
import { createPulumiWorkspace, type PulumiWorkspace } from "../test/support/pulumi-workspace";
import { syntheticCompanyProgram } from "../test/support/synthetic-company";
import type { Side } from "./stats";

const LOAD_PROGRAM = `const lw = require("lineworks-contacts-pulumi");`;

/**
 * The synthetic company (test/support/synthetic-company.ts), whose contacts also take the
 * stack's `lineworks-contacts:secretFields`, as the YAML program's do: the synthetic program
 * declares `Contact`s directly, which read no stack config. Without that config it is the
 * synthetic company unchanged. With DATA_FLOOR=true its three classes are no-op dynamic
 * resources that carry the same inputs and dependencies and call no API (the data floor).
 */
export const benchProgram = (() => {
  if (!syntheticCompanyProgram.includes(LOAD_PROGRAM)) throw new Error(`the synthetic company no longer starts with ${LOAD_PROGRAM}`);
  return syntheticCompanyProgram.replace(
    LOAD_PROGRAM,
    `const lw = process.env.DATA_FLOOR === "true" ? (() => {
  const { StubbedDynamicResource, providerStub } = require("lineworks-contacts-pulumi/provider/dynamic-stub");
  const stub = providerStub("n", "NoopResource_");
  class DataNoop extends StubbedDynamicResource {
    constructor(name, args, opts) { super("NoopResource", name, stub, { ...args, value: name }, opts); }
  }
  return { CompanyContactTag: DataNoop, ContactCustomProperty: DataNoop, Contact: DataNoop };
})() : (() => {
  const base = require("lineworks-contacts-pulumi");
  const secretFields = new (require("@pulumi/pulumi").Config)("lineworks-contacts").getObject("secretFields") ?? [];
  if (secretFields.length === 0) return base;
  class Contact extends base.Contact {
    constructor(name, args, opts) { super(name, { ...args, secretFields }, opts); }
  }
  return { ...base, Contact };
})();`,
  );
})();

export interface Stacks {
  floor: PulumiWorkspace;
  data: PulumiWorkspace;
  ours: PulumiWorkspace;
  /** Ours with `lineworks-contacts:secretFields: [memo, customProperties]` for the whole stack. */
  oursSecret: PulumiWorkspace;
}

export async function createStacks(): Promise<Stacks> {
  const created: PulumiWorkspace[] = [];
  try {
    const make = async (stack: string) => {
      const workspace = await createPulumiWorkspace({ program: benchProgram, stack });
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

/** An emulator without its own rate limit, and the provider's environment for it. */
export async function withEmulator<T>(
  run: (emulator: EmulatorProcess, providerEnv: Record<string, string>) => Promise<T>,
  requestsPerMinute = 1_000_000,
): Promise<T> {
  const emulator = await startEmulatorProcess({ requestsPerMinute });
  try {
    return await run(emulator, await emulatorProviderEnv(emulator, { requestsPerMinute }));
  } finally {
    await emulator.stop();
  }
}

export interface Measured {
  seconds: number;
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

/** Mean size of the contact resources (`contact-NNNN`) in `pulumi stack export` (JSON, secrets encrypted). */
export async function stateBytesPerContact(workspace: PulumiWorkspace, env: Record<string, string>): Promise<number> {
  const exported = await workspace.run(["stack", "export", "--stack", workspace.stack], { env });
  if (exported.code !== 0) throw new Error(`pulumi stack export exited ${exported.code}: ${exported.stderr}`);
  const resources = (JSON.parse(exported.stdout).deployment.resources ?? []) as Array<{ urn: string }>;
  const contacts = resources.filter((resource) => /::contact-\d+$/.test(resource.urn));
  const bytes = contacts.reduce((sum, resource) => sum + Buffer.byteLength(JSON.stringify(resource)), 0);
  return contacts.length === 0 ? 0 : Math.round(bytes / contacts.length);
}

/** The program's environment: "data" is the real company's shape on no-op resources (the data floor). */
export function companyEnv(kind: "real" | "noop" | "data", contacts: number, tags: number, properties: number, changed = 0): Record<string, string> {
  return {
    COMPANY_KIND: kind === "noop" ? "noop" : "real",
    DATA_FLOOR: String(kind === "data"),
    COMPANY_CONTACTS: String(contacts),
    COMPANY_TAGS: String(tags),
    COMPANY_PROPERTIES: String(properties),
    COMPANY_CHANGED: String(changed),
  };
}

const round2 = (value: number) => Math.round(value * 100) / 100;
