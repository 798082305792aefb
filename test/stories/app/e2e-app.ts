/**
 * Set-up shared by the e2e tests of the app's side (test/stories/app/*.e2e.test.ts, test/stories/browser/app-edits.test.ts):
 * the emulator as a process (optionally with a seed), a throw-away Pulumi project that applies one
 * desired-state file with the real `pulumi` CLI, the CLI's audit/export/validate, and the app's edits.
 */
import * as fs from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { runCli, writes } from "../../support/cli-runs";
import { startEmulatorProcess, type EmulatorProcess } from "../../support/emulator-process";
import { emulatorProviderEnv } from "../../support/provider-config";
import { createPulumiWorkspace, type PulumiResult, type PulumiWorkspace } from "../../support/pulumi-workspace";
import { appEdits, type AppEdits } from "./app-edits";

export const PROGRAM = 'module.exports = require("lineworks-contacts-pulumi/provider/desired-state/program").runRootProgram();\n';

/** A seed of one domain (the contract's default credentials shape) with extra settings, e.g. `externalContactCap: 3`. */
export function seedFile(domainId: number, settings: string): string {
  const dir = fs.mkdtempSync(path.join(tmpdir(), "app-seed-"));
  const file = path.join(dir, "seed.yaml");
  fs.writeFileSync(
    file,
    `domains:\n  - { domainId: ${domainId}, clientId: app-${domainId}, clientSecret: s, serviceAccount: sa@x.example, ` +
      `members: [admin@example.com, sales@example.com]${settings ? `, ${settings}` : ""} }\n`,
  );
  return file;
}

export interface AppStack {
  emulator: EmulatorProcess;
  workspace: PulumiWorkspace;
  env: Record<string, string>;
  app: AppEdits;
  domainId: number;
  /** Writes desired.yaml, the stack's one file. */
  write(text: string): void;
  up(args?: string[]): Promise<PulumiResult>;
  /** `lineworks-contacts audit desired.yaml --json` (plus `args`): exit code and parsed report. */
  audit(args?: string[]): Promise<{ code: number; report: any; stderr: string }>;
  cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }>;
  domain(): Promise<any>;
  /** Calls that changed something since the last clear. */
  writes(): Promise<Array<{ method: string; path: string; status: number }>>;
  dispose(): Promise<void>;
}

export async function startAppStack(options: { domainId?: number; seed?: string; requestsPerMinute?: number; ownEmulator?: EmulatorProcess } = {}): Promise<AppStack> {
  const domainId = options.domainId ?? 10000001;
  const emulator =
    options.ownEmulator ??
    (await startEmulatorProcess({
      ...(options.seed !== undefined ? { seedFile: seedFile(domainId, options.seed) } : {}),
      requestsPerMinute: options.requestsPerMinute ?? 100_000,
    }));
  const env = await emulatorProviderEnv(emulator, { domainId });
  const workspace = await createPulumiWorkspace({
    program: PROGRAM,
    env,
    config: { "lineworks-contacts:files": JSON.stringify(["desired.yaml"]) },
  });
  const file = path.join(workspace.dir, "desired.yaml");
  const cli = (args: string[]) => runCli(args, { cwd: workspace.dir, env });
  return {
    emulator,
    workspace,
    env,
    app: appEdits(emulator.url, domainId),
    domainId,
    write: (text) => fs.writeFileSync(file, text),
    up: (args = []) => workspace.up(args),
    async audit(args = []) {
      const result = await cli(["audit", "desired.yaml", "--json", ...args]);
      let report: any;
      try {
        report = JSON.parse(result.stdout);
      } catch {
        report = undefined;
      }
      return { code: result.code, report, stderr: result.stderr };
    },
    cli,
    domain: async () => (await emulator.state()).domains.find((d: any) => d.domainId === domainId),
    writes: async () => writes(await emulator.requests()),
    async dispose() {
      await workspace.dispose();
      if (!options.ownEmulator) await emulator.stop();
    },
  };
}

/** Differences of an audit report in a stable order, for comparison. */
export function sortedDifferences(report: { differences: any[] }): any[] {
  const key = (d: any) => `${d.kind} ${d.status} ${d.key ?? ""} ${d.name}`;
  return [...report.differences].sort((a, b) => key(a).localeCompare(key(b)));
}

