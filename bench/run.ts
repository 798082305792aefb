/**
 * `npm run bench [-- options]`: a synthetic company (default 1,000 contacts, 30 tags, 5 custom
 * properties) applied to the emulator with the real pulumi CLI, beside the same number of no-op
 * dynamic resources (the engine floor) and of no-op resources carrying the same inputs (the
 * data floor: what the engine alone costs for a state this size), in a way a noisy shared
 * machine does not fool:
 *
 * - rounds (bench/rounds.ts): each step (up from empty, update a tenth, no-op preview,
 *   refresh, destroy, and `up` with `lineworks-contacts:secretFields` for the whole stack) on
 *   the floor, the data floor and at once on ours, round after round; per step the median of the
 *   per-round ratios to each floor and their spread (min–max), and the state's bytes per contact;
 * - growth (bench/growth.ts): `up` from empty at several sizes, with and without checkpoints,
 *   and the growth exponent of each series;
 * - a run against a rate-limited emulator (bench/limited.ts).
 *
 * Prints markdown tables and writes bench/results/bench-<time>.{json,md}. `--smoke` checks
 * that it all works in a few minutes; `--help` lists the options (bench/options.ts).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { repoRoot } from "../test/support/pulumi-cli";
import { runGrowth, summarizeGrowth, type GrowthPoint, type GrowthReport } from "./growth";
import { createStacks, disposeStacks } from "./harness";
import { runLimited, type LimitedReport } from "./limited";
import { parseBenchArgs, USAGE, type BenchOptions } from "./options";
import { growthTable, limitedTable, stepsTable } from "./report";
import { runRounds, summarizeRounds, type RoundRun, type StepReport } from "./rounds";

const log = (line: string) => process.stderr.write(`bench: ${line}\n`);

interface BenchResults {
  options: BenchOptions;
  machine: { cpus: number; node: string; loadAtStart: number[]; loadAtEnd?: number[] };
  startedAt: string;
  finishedAt?: string;
  steps?: StepReport[];
  runs?: RoundRun[];
  growth?: GrowthReport;
  growthRuns?: GrowthPoint[];
  limited?: LimitedReport;
}

function markdown(results: BenchResults): string {
  const { options } = results;
  const parts = [
    `## Bench: ${options.contacts} contacts, ${options.tags} tags, ${options.properties} custom properties\n`,
    `${results.machine.cpus} CPUs, Node ${results.machine.node}, load ${results.machine.loadAtStart.map((l) => l.toFixed(2)).join(" ")} at the start` +
      `${results.machine.loadAtEnd ? `, ${results.machine.loadAtEnd.map((l) => l.toFixed(2)).join(" ")} at the end` : ""}.\n`,
  ];
  if (results.steps) {
    parts.push(
      `### Steps: median of ${options.rounds} round${options.rounds === 1 ? "" : "s"}\n`,
      "ours/floor is the median of the per-round ratios; spread is their min–max. The floor is as many no-op dynamic resources of one short string each; the data floor is as many no-op resources carrying the same inputs and dependencies as ours (no API): the engine's own cost for a state of this size. State bytes: per contact resource in `pulumi stack export`.\n",
      stepsTable(results.steps, options.rounds),
      "",
    );
  }
  if (results.growth) {
    parts.push(
      "### Growth: `up` from empty\n",
      "exponent: least-squares slope of log(time) against log(contacts) (1 linear, 2 quadratic).\n",
      growthTable(results.growth),
      "",
    );
  }
  if (results.limited) parts.push("### Rate-limited emulator\n", limitedTable(results.limited), "");
  return parts.join("\n");
}

async function main(): Promise<void> {
  const options = parseBenchArgs(process.argv.slice(2), process.env);
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const results: BenchResults = {
    options,
    machine: { cpus: os.cpus().length, node: process.versions.node, loadAtStart: os.loadavg() },
    startedAt: new Date().toISOString(),
  };
  log(
    `${options.contacts} contacts, ${options.tags} tags, ${options.properties} custom properties; ${options.rounds} round(s); ` +
      `growth ${options.growth.length === 0 ? "none" : options.growth.join(", ")}; rate-limited ${options.limitedContacts || "none"}`,
  );

  const stacks = await createStacks();
  try {
    log("rounds: each step on the engine floor (no-op dynamic resources), the data floor (no-op resources with our inputs), then at once on ours against the emulator");
    results.runs = await runRounds(stacks, options, log);
    results.steps = summarizeRounds(results.runs, stacks, options);
    if (options.growth.length > 0) {
      log("growth: up from empty at each size, floor then ours, with and without checkpoints");
      results.growthRuns = await runGrowth(stacks, options, log);
      results.growth = summarizeGrowth(results.growthRuns, options.growth);
    }
  } finally {
    await disposeStacks(stacks);
  }
  if (options.limitedContacts > 0) {
    log(`rate-limited emulator (${options.limitPerMinute} requests a minute per operation)`);
    results.limited = await runLimited(options);
  }
  results.machine.loadAtEnd = os.loadavg();
  results.finishedAt = new Date().toISOString();

  const text = markdown(results);
  process.stdout.write(`\n${text}\n`);
  const outDir = path.join(repoRoot, "bench", "results");
  fs.mkdirSync(outDir, { recursive: true });
  const base = path.join(outDir, `bench-${results.startedAt.replace(/[:.]/g, "-")}`);
  fs.writeFileSync(`${base}.json`, `${JSON.stringify(results, null, 2)}\n`);
  fs.writeFileSync(`${base}.md`, `${text}\n`);
  process.stdout.write(`results: ${path.relative(process.cwd(), base)}.json (and .md)\n`);
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
