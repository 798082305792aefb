/**
 * The stepped rounds of `npm run bench`: every step of a stack's life on the engine floor, the
 * data floor and at once on ours (in the order of `roundSchedule`), round after
 * round, each round against a fresh emulator and from empty stacks.
 */
import {
  companyEnv,
  destroyQuietly,
  stateBytesPerContact,
  timedRun,
  withEmulator,
  type EmulatorProcess,
  type Measured,
  type PulumiWorkspace,
  type Stacks,
} from "./harness";
import type { BenchOptions } from "./options";
import { median, roundSchedule, summarizeStep, STEPS, type Side, type StepName, type StepSummary } from "./stats";

export interface RoundRun extends Measured {
  round: number;
  step: StepName;
  side: Side;
  /** After an `up` from empty: the state's bytes per contact resource. */
  stateBytesPerContact?: number;
}

export interface StepReport extends StepSummary {
  step: StepName;
  /** What the step shows in the table, e.g. "update 100 contacts". */
  label: string;
  resources: number;
  /** ours: median over the rounds. */
  oursApiCalls: number;
  /** Median over the rounds of ours' CPU seconds / the data floor's (the whole process tree; less moved by a busy machine than wall time). */
  dataCpuRatioMedian?: number;
  oursStateBytesPerContact?: number;
  floorStateBytesPerContact?: number;
  dataStateBytesPerContact?: number;
}

interface Action {
  workspace: PulumiWorkspace;
  args: string[];
  env: Record<string, string>;
  resources: number;
  label: string;
  measureState: boolean;
}

const UP = ["up", "--yes", "--skip-preview"];

function action(step: StepName, side: Side, stacks: Stacks, options: BenchOptions, providerEnv: Record<string, string>): Action {
  const { contacts, tags, properties, changed } = options;
  const total = contacts + tags + properties;
  const kind = side === "floor" ? "noop" : side === "data" ? "data" : "real";
  const env = (changedContacts: number) => ({ ...providerEnv, ...companyEnv(kind, contacts, tags, properties, changedContacts) });
  const workspace = stacks[side];
  switch (step) {
    case "up from empty":
      return { workspace, args: UP, env: env(0), resources: total, label: step, measureState: true };
    case "update":
      return { workspace, args: UP, env: env(changed), resources: changed, label: `update ${changed} contacts`, measureState: false };
    case "no-op preview":
      return { workspace, args: ["preview", "--expect-no-changes"], env: env(changed), resources: total, label: step, measureState: false };
    case "refresh":
      return { workspace, args: ["refresh", "--yes", "--skip-preview"], env: env(changed), resources: total, label: step, measureState: false };
    case "destroy":
      return { workspace, args: ["destroy", "--yes", "--skip-preview"], env: env(changed), resources: total, label: step, measureState: false };
    case "up (secretFields)":
      // The floors have no secrets: theirs is the same `up` from empty as the first step's, run again beside this one.
      return {
        workspace: side === "ours" ? stacks.oursSecret : stacks[side],
        args: UP,
        env: env(0),
        resources: total,
        label: "up from empty, secretFields: [memo, customProperties]",
        measureState: true,
      };
  }
}

/** Every run, in order; `measured` is called after each one (the bench saves its results then). */
export async function runRounds(
  stacks: Stacks,
  options: BenchOptions,
  log: (line: string) => void,
  measured: (run: RoundRun) => void = () => {},
): Promise<RoundRun[]> {
  const schedule = roundSchedule(options.rounds);
  const runs: RoundRun[] = [];
  for (let round = 1; round <= options.rounds; round++) {
    await withEmulator(async (emulator: EmulatorProcess, providerEnv) => {
      for (const planned of schedule.filter((run) => run.round === round)) {
        const { workspace, args, env, measureState } = action(planned.step, planned.side, stacks, options, providerEnv);
        const timed = await timedRun(planned.side, workspace, args, env, planned.side === "ours" ? emulator : undefined, options.timeoutMinutes);
        const run: RoundRun = { ...planned, ...timed };
        if (measureState) run.stateBytesPerContact = await stateBytesPerContact(workspace, env);
        runs.push(run);
        measured(run);
        log(`round ${round}/${options.rounds}  ${planned.step.padEnd(18)} ${planned.side.padEnd(5)} ${timed.seconds.toFixed(1)} s  (load ${timed.load.join(" → ")})`);
      }
      // The last step leaves the floors and the secretFields stack up: empty them for the next round.
      const cleanupEnv = (kind: Parameters<typeof companyEnv>[0]) => ({ ...providerEnv, ...companyEnv(kind, options.contacts, options.tags, options.properties) });
      await destroyQuietly(stacks.floor, cleanupEnv("noop"), options.timeoutMinutes);
      await destroyQuietly(stacks.data, cleanupEnv("data"), options.timeoutMinutes);
      await destroyQuietly(stacks.oursSecret, cleanupEnv("real"), options.timeoutMinutes);
    });
  }
  return runs;
}

export function summarizeRounds(runs: readonly RoundRun[], stacks: Stacks, options: BenchOptions): StepReport[] {
  return STEPS.map((step) => {
    const of = (side: Side) => runs.filter((run) => run.step === step && run.side === side).sort((a, b) => a.round - b.round);
    const floor = of("floor");
    const ours = of("ours");
    const bytes = (sideRuns: RoundRun[]) => {
      const values = sideRuns.flatMap((run) => (run.stateBytesPerContact === undefined ? [] : [run.stateBytesPerContact]));
      return values.length === 0 ? undefined : Math.round(median(values));
    };
    const { label, resources } = action(step, "ours", stacks, options, {});
    const report: StepReport = {
      step,
      label,
      resources,
      ...summarizeStep(
        floor.map((run) => run.seconds),
        ours.map((run) => run.seconds),
        of("data").map((run) => run.seconds),
      ),
      oursApiCalls: Math.round(median(ours.map((run) => run.apiCalls))),
    };
    const data = of("data");
    const cpuRatios = ours.flatMap((run, i) => {
      const floorCpu = data[i]?.cpuSeconds;
      return run.cpuSeconds === undefined || !floorCpu ? [] : [run.cpuSeconds / floorCpu];
    });
    if (cpuRatios.length > 0) report.dataCpuRatioMedian = median(cpuRatios);
    const oursBytes = bytes(ours);
    const floorBytes = bytes(floor);
    const dataBytes = bytes(of("data"));
    if (oursBytes !== undefined) report.oursStateBytesPerContact = oursBytes;
    if (floorBytes !== undefined) report.floorStateBytesPerContact = floorBytes;
    if (dataBytes !== undefined) report.dataStateBytesPerContact = dataBytes;
    return report;
  });
}
