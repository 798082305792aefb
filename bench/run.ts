/**
 * `npm run bench`: a synthetic company (default 1,000 contacts, 30 tags, 5 custom properties)
 * applied to the emulator with the real pulumi CLI, step by step, side by side with the same
 * number of no-op dynamic resources (the engine floor), then a run against a rate-limited
 * emulator. Prints a table and writes bench/results/bench-<time>.json.
 *
 * Sizes: BENCH_CONTACTS, BENCH_TAGS, BENCH_PROPERTIES, BENCH_LIMITED_CONTACTS,
 * BENCH_LIMIT_PER_MINUTE.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { startEmulatorProcess, type EmulatorProcess } from "../test/support/emulator-process";
import { emulatorProviderEnv } from "../test/support/provider-config";
import { repoRoot } from "../test/support/pulumi-cli";
import { createPulumiWorkspace, type PulumiResult, type PulumiWorkspace } from "../test/support/pulumi-workspace";
import { syntheticCompanyProgram } from "../test/support/synthetic-company";

const size = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const contacts = size("BENCH_CONTACTS", 1000);
const tags = size("BENCH_TAGS", 30);
const properties = size("BENCH_PROPERTIES", 5);
const changed = Math.round(contacts / 10);
const limitedContacts = size("BENCH_LIMITED_CONTACTS", 90);
const limitPerMinute = size("BENCH_LIMIT_PER_MINUTE", 60);

interface StepResult {
  step: string;
  resources: number;
  wallSeconds: number;
  apiCalls: number;
  callsByRoute: Record<string, number>;
  status429: number;
  floorSeconds?: number;
  ratio?: number;
  /** After `up from empty`: the exported state's bytes per contact resource (JSON, secrets encrypted). */
  stateBytesPerContact?: number;
  exitCode: number;
}

/** Mean size of the contact resources (`contact-NNNN`) in `pulumi stack export`. */
async function stateBytesPerContact(workspace: PulumiWorkspace, env: Record<string, string>): Promise<number> {
  const exported = await workspace.run(["stack", "export", "--stack", workspace.stack], { env });
  const resources = (JSON.parse(exported.stdout).deployment.resources ?? []) as Array<{ urn: string }>;
  const contactsInState = resources.filter((resource) => /::contact-\d+$/.test(resource.urn));
  const bytes = contactsInState.reduce((sum, resource) => sum + Buffer.byteLength(JSON.stringify(resource)), 0);
  return contactsInState.length === 0 ? 0 : Math.round(bytes / contactsInState.length);
}

async function measure(
  step: string,
  resources: number,
  emulator: EmulatorProcess | undefined,
  action: () => Promise<PulumiResult>,
): Promise<StepResult> {
  await emulator?.clearRequests();
  const result = await action();
  if (result.code !== 0) process.stderr.write(`${step} failed:\n${result.stdout.slice(-4000)}\n${result.stderr.slice(-4000)}\n`);
  const log = emulator ? await emulator.requests() : [];
  const callsByRoute: Record<string, number> = {};
  for (const entry of log) callsByRoute[entry.route] = (callsByRoute[entry.route] ?? 0) + 1;
  return {
    step,
    resources,
    wallSeconds: result.durationMs / 1000,
    apiCalls: log.filter((entry) => entry.kind === "api").length,
    callsByRoute,
    status429: log.filter((entry) => entry.status === 429).length,
    exitCode: result.code,
  };
}

interface Side {
  label: string;
  workspace: PulumiWorkspace;
  emulator: EmulatorProcess | undefined;
  env: Record<string, string>;
}

/**
 * The five steps on both stacks, each step on the floor and then at once on the real stack, so
 * that a ratio compares runs made seconds apart (the machine's speed drifts over a bench of ten
 * minutes; measured apart, the same step's floor varied by a quarter).
 */
async function runSteps(floor: Side, real: Side): Promise<{ floorRows: StepResult[]; realRows: StepResult[] }> {
  const total = contacts + tags + properties;
  const steps: Array<{ name: string; resources: number; args: string[]; changed?: number }> = [
    { name: "up from empty", resources: total, args: ["up", "--yes", "--skip-preview"] },
    { name: "no-op preview", resources: total, args: ["preview", "--expect-no-changes"] },
    { name: "refresh", resources: total, args: ["refresh", "--yes", "--skip-preview"] },
    { name: `update ${changed} contacts`, resources: changed, args: ["up", "--yes", "--skip-preview"], changed },
    { name: "destroy", resources: total, args: ["destroy", "--yes", "--skip-preview"], changed },
  ];
  const floorRows: StepResult[] = [];
  const realRows: StepResult[] = [];
  for (const step of steps) {
    for (const [side, rows] of [[floor, floorRows], [real, realRows]] as const) {
      const env = { ...side.env, COMPANY_CHANGED: String(step.changed ?? 0) };
      const row = await measure(`${side.label}: ${step.name}`, step.resources, side.emulator, () =>
        side.workspace.run(["--stack", side.workspace.stack, ...step.args], { env }),
      );
      if (step.name === "up from empty") row.stateBytesPerContact = await stateBytesPerContact(side.workspace, env);
      rows.push(row);
    }
  }
  return { floorRows, realRows };
}

function formatTable(rows: StepResult[]): string {
  const header = ["step", "resources", "wall s", "API calls", "429s", "floor s", "ratio", "state B/contact", "calls by endpoint"];
  const lines = rows.map((row) => [
    row.step,
    String(row.resources),
    row.wallSeconds.toFixed(1),
    String(row.apiCalls),
    String(row.status429),
    row.floorSeconds === undefined ? "" : row.floorSeconds.toFixed(1),
    row.ratio === undefined ? "" : row.ratio.toFixed(2),
    row.stateBytesPerContact === undefined ? "" : String(row.stateBytesPerContact),
    Object.entries(row.callsByRoute)
      .sort((a, b) => b[1] - a[1])
      .map(([route, count]) => `${route} ×${count}`)
      .join(", ") + (row.exitCode === 0 ? "" : ` [exit ${row.exitCode}]`),
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...lines.map((line) => line[i]!.length)));
  const format = (cells: string[]) => cells.map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]!))).join(" | ");
  return [format(header), widths.map((w) => "-".repeat(w)).join("-|-"), ...lines.map(format)].join("\n");
}

async function main(): Promise<void> {
  const baseEnv = { COMPANY_CONTACTS: String(contacts), COMPANY_TAGS: String(tags), COMPANY_PROPERTIES: String(properties) };
  process.stderr.write(`bench: ${contacts} contacts, ${tags} tags, ${properties} custom properties\n`);

  const emulator = await startEmulatorProcess({ requestsPerMinute: 1_000_000 });
  const rows: StepResult[] = [];
  try {
    const env = { ...baseEnv, ...(await emulatorProviderEnv(emulator, { requestsPerMinute: 1_000_000 })) };
    const real = await createPulumiWorkspace({ program: syntheticCompanyProgram, stack: "bench-real" });
    const floor = await createPulumiWorkspace({ program: syntheticCompanyProgram, stack: "bench-floor" });
    try {
      process.stderr.write("bench: each step on the engine floor (no-op dynamic resources), then on LINE WORKS resources against the emulator\n");
      const { floorRows, realRows } = await runSteps(
        { label: "floor", workspace: floor, emulator: undefined, env: { ...env, COMPANY_KIND: "noop" } },
        { label: "lineworks", workspace: real, emulator, env: { ...env, COMPANY_KIND: "real" } },
      );
      realRows.forEach((row, i) => {
        row.floorSeconds = floorRows[i]!.wallSeconds;
        row.ratio = row.wallSeconds / row.floorSeconds;
      });
      rows.push(...floorRows, ...realRows);

      // The file backend rewrites the whole state after every step, which dominates large runs;
      // the same `up` without intermediate checkpoints shows what is left of the provider's cost.
      const noCheckpoints = { PULUMI_SKIP_CHECKPOINTS: "true" };
      process.stderr.write("bench: up and destroy without intermediate checkpoints\n");
      const upOnce = async (label: string, workspace: PulumiWorkspace, kindEnv: Record<string, string>, logged?: EmulatorProcess) => {
        const run = (args: string[]) => workspace.run(["--stack", workspace.stack, ...args], { env: { ...env, ...kindEnv, ...noCheckpoints } });
        const up = await measure(`${label} (no checkpoints): up from empty`, contacts + tags + properties, logged, () =>
          run(["up", "--yes", "--skip-preview"]),
        );
        await run(["destroy", "--yes", "--skip-preview"]);
        return up;
      };
      const floorUp = await upOnce("floor", floor, { COMPANY_KIND: "noop" });
      const realUp = await upOnce("lineworks", real, { COMPANY_KIND: "real" }, emulator);
      realUp.floorSeconds = floorUp.wallSeconds;
      realUp.ratio = realUp.wallSeconds / floorUp.wallSeconds;
      rows.push(floorUp, realUp);
    } finally {
      await real.dispose();
      await floor.dispose();
    }
  } finally {
    await emulator.stop();
  }

  process.stderr.write(`bench: rate-limited emulator (${limitPerMinute} requests a minute per operation)\n`);
  const limited = await startEmulatorProcess({ requestsPerMinute: limitPerMinute });
  try {
    const env = {
      ...(await emulatorProviderEnv(limited, { requestsPerMinute: limitPerMinute })),
      COMPANY_KIND: "real",
      COMPANY_CONTACTS: String(limitedContacts),
      COMPANY_TAGS: "0",
      COMPANY_PROPERTIES: "0",
    };
    const workspace = await createPulumiWorkspace({ program: syntheticCompanyProgram, stack: "bench-limited" });
    try {
      const row = await measure(`rate-limited: up ${limitedContacts} contacts`, limitedContacts, limited, () =>
        workspace.run(["up", "--yes", "--skip-preview", "--stack", workspace.stack], { env }),
      );
      // The floor N/L: the busiest operation's calls at L a minute.
      const busiest = Math.max(0, ...Object.values(row.callsByRoute));
      row.floorSeconds = (busiest / limitPerMinute) * 60;
      row.ratio = row.wallSeconds / row.floorSeconds;
      rows.push(row);
      await workspace.run(["destroy", "--yes", "--skip-preview", "--stack", workspace.stack], { env });
    } finally {
      await workspace.dispose();
    }
  } finally {
    await limited.stop();
  }

  const table = formatTable(rows);
  process.stdout.write(`\n${table}\n`);
  const outDir = path.join(repoRoot, "bench", "results");
  fs.mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, `bench-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  fs.writeFileSync(file, JSON.stringify({ contacts, tags, properties, changed, limitPerMinute, rows }, null, 2));
  process.stdout.write(`\nresults: ${path.relative(process.cwd(), file)}\n`);
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
