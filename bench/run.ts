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
 * - a run against a rate-limited emulator (bench/limited.ts);
 * - the DIY backend's knobs on `up` from empty with checkpoints (bench/knobs.ts; `--knobs` alone);
 * - the API-bound point (bench/limited.ts; `--point5000` alone): `up` from empty of 5,000 contacts
 *   without checkpoints against the emulator at the API's documented 240 requests a minute.
 *
 * The headline is ours / data floor (ours / engine floor is information). Prints markdown tables
 * and writes bench/results/bench-<time>.{json,md}; the JSON after every measured run, through a
 * temp file renamed over it, so a killed bench keeps what it measured. `--smoke` checks that it
 * all works in a few minutes; `--help` lists the options (bench/options.ts).
 *
 *   npm run bench                       # 1,000 contacts, 3 rounds, growth, rate-limited run
 *   npm run bench -- --knobs            # the knobs at 1,000 and 2,000 contacts
 *   npm run bench -- --point5000        # the 5,000-contact point (about 22 minutes: API-bound)
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runGrowth, summarizeGrowth, type GrowthPoint, type GrowthReport } from "./growth";
import { createStacks, disposeStacks } from "./harness";
import { runKnobs, type KnobRun } from "./knobs";
import { runLimited, runPoint, type LimitedReport } from "./limited";
import { parseBenchArgs, USAGE, type BenchOptions } from "./options";
import { growthTable, knobsTable, limitedTable, stepsTable } from "./report";
import { repoRoot } from "./support/repo-root";
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
  knobRuns?: KnobRun[];
  point?: LimitedReport;
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
      "The headline is ours/data floor: the data floor is as many no-op resources of our types carrying the same inputs and dependencies as ours and calling no API (the engine's own cost for a state of this size, updating what ours updates). ours/engine floor compares with as many no-op resources of one short string each. Each ratio is the median of the per-round ratios; spread is their min–max. CPU ours/data floor: the same for the CPU seconds of each run's whole process tree (GNU time), which a busy machine moves far less than wall time. State bytes: per contact resource in `pulumi stack export`.\n",
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
  if (results.knobRuns?.length) {
    parts.push(
      "### The DIY backend's knobs: `up` from empty with checkpoints\n",
      "DISABLE_CHECKPOINT_BACKUPS skips only the copy into `.pulumi/backups/` at the end of an update, not the `.bak` written before every checkpoint (Pulumi's pkg/backend/diy/state.go).\n",
      knobsTable(results.knobRuns),
      "",
    );
  }
  if (results.point) {
    parts.push(
      `### ${results.point.contacts} contacts at the API's rate limit, without checkpoints\n`,
      "wall/floor (wall time over the windowed floor: the emulator serves L calls of an operation per 60-second window, so the last of N starts ⌊(N−1)/L⌋ minutes after the first) near 1, and the busiest operation near the limit: the run is API-bound.\n",
      limitedTable(results.point),
      "",
    );
  }
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
      `growth ${options.growth.length === 0 ? "none" : options.growth.join(", ")}; rate-limited ${options.limitedContacts || "none"}; ` +
      `knobs ${options.knobSizes.length === 0 ? "none" : options.knobSizes.join(", ")}; point ${options.pointContacts || "none"}`,
  );

  const outDir = path.join(repoRoot, "bench", "results");
  fs.mkdirSync(outDir, { recursive: true });
  const base = path.join(outDir, `bench-${results.startedAt.replace(/[:.]/g, "-")}`);
  const save = () => writeAtomically(`${base}.json`, `${JSON.stringify(results, null, 2)}\n`);
  save();
  log(`results: ${path.relative(process.cwd(), base)}.json, written after every run`);

  if (options.rounds > 0 || options.growth.length > 0) {
    const stacks = await createStacks();
    try {
      if (options.rounds > 0) {
        log("rounds: each step on the engine floor (no-op dynamic resources), the data floor (no-op resources with our inputs), then at once on ours against the emulator");
        results.runs = [];
        await runRounds(stacks, options, log, (run) => {
          results.runs!.push(run);
          save();
        });
        results.steps = summarizeRounds(results.runs, stacks, options);
        save();
      }
      if (options.growth.length > 0) {
        log("growth: up from empty at each size, floor then ours, with and without checkpoints");
        results.growthRuns = [];
        await runGrowth(stacks, options, log, (point) => {
          results.growthRuns!.push(point);
          save();
        });
        results.growth = summarizeGrowth(results.growthRuns, options.growth);
        save();
      }
    } finally {
      await disposeStacks(stacks);
    }
  }
  if (options.limitedContacts > 0) {
    log(`rate-limited emulator (${options.limitPerMinute} requests a minute per operation)`);
    results.limited = await runLimited(options);
    save();
  }
  if (options.knobSizes.length > 0) {
    log(`DIY backend knobs: up from empty with checkpoints at ${options.knobSizes.join(", ")} contacts`);
    results.knobRuns = [];
    await runKnobs(options, log, (run) => {
      results.knobRuns!.push(run);
      save();
    });
  }
  if (options.pointContacts > 0) {
    log(`API-bound point: up from empty of ${options.pointContacts} contacts without checkpoints at ${options.pointLimitPerMinute} requests a minute per operation`);
    results.point = await runPoint(options);
    save();
  }
  results.machine.loadAtEnd = os.loadavg();
  results.finishedAt = new Date().toISOString();
  save();

  const text = markdown(results);
  process.stdout.write(`\n${text}\n`);
  writeAtomically(`${base}.md`, `${text}\n`);
  process.stdout.write(`results: ${path.relative(process.cwd(), base)}.json (and .md)\n`);
}

/** Written beside, then renamed over: a bench killed mid-write leaves the previous complete file. */
function writeAtomically(file: string, text: string): void {
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, text);
  fs.renameSync(temp, file);
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
