/**
 * The pure parts of `npm run bench` (no clock, no process, no file): the order the runs are
 * made in, and what is computed from their times. Unit-tested in test/bench/bench-stats.test.ts.
 */

/**
 * The engine floor (no-op dynamic resources of one short string each), the data floor (no-op
 * dynamic resources that carry exactly our resources' inputs and dependencies, and call no
 * API: what the engine alone costs for a state of this size), or ours against the emulator.
 */
export type Side = "floor" | "data" | "ours";
/** The growth runs compare ours with the engine floor only. */
export type GrowthSide = Exclude<Side, "data">;

/** The steps of one round, in the order they run (each leaves the state the next one needs). */
export const STEPS = ["up from empty", "update", "no-op preview", "refresh", "destroy", "up (secretFields)"] as const;
export type StepName = (typeof STEPS)[number];

export interface ScheduledRun {
  /** 1-based. */
  round: number;
  step: StepName;
  side: Side;
}

/**
 * Every measured run, in order: round after round, and in each round every step on the floor,
 * the data floor and at once on ours, so that each ratio compares runs made seconds apart
 * (floor, data, ours, floor, data, ours, ...). A slow minute of a shared machine then moves one round's ratio, which
 * the median of the rounds leaves out, instead of every ratio.
 */
export function roundSchedule(rounds: number, steps: readonly StepName[] = STEPS): ScheduledRun[] {
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`rounds must be a whole number ≥ 1, got ${rounds}`);
  const runs: ScheduledRun[] = [];
  for (let round = 1; round <= rounds; round++) {
    for (const step of steps) {
      for (const side of ["floor", "data", "ours"] as const) runs.push({ round, step, side });
    }
  }
  return runs;
}

export interface GrowthRun {
  contacts: number;
  checkpoints: boolean;
  side: GrowthSide;
}

/**
 * The growth runs, in order: for each size, with checkpoints then without, floor then ours
 * (the pair that makes one ratio, again seconds apart).
 */
export function growthSchedule(sizes: readonly number[]): GrowthRun[] {
  const runs: GrowthRun[] = [];
  for (const contacts of sizes) {
    for (const checkpoints of [true, false]) {
      for (const side of ["floor", "ours"] as const) runs.push({ contacts, checkpoints, side });
    }
  }
  return runs;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error("median of no values");
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export interface Spread {
  min: number;
  max: number;
}

export function spread(values: readonly number[]): Spread {
  if (values.length === 0) throw new Error("spread of no values");
  return { min: Math.min(...values), max: Math.max(...values) };
}

/** Per round: ours / floor, the two runs of the same round and step. */
export function roundRatios(floorSeconds: readonly number[], oursSeconds: readonly number[]): number[] {
  if (floorSeconds.length !== oursSeconds.length) {
    throw new Error(`a ratio needs as many floor runs as ours (${floorSeconds.length} vs ${oursSeconds.length})`);
  }
  return oursSeconds.map((ours, i) => {
    const floor = floorSeconds[i]!;
    if (!(floor > 0)) throw new Error(`floor time of round ${i + 1} is ${floor}: no ratio`);
    return ours / floor;
  });
}

export interface StepSummary {
  floorMedianSeconds: number;
  oursMedianSeconds: number;
  /** The median of the per-round ratios ours / floor (not the ratio of the medians). */
  ratioMedian: number;
  ratioSpread: Spread;
  ratios: number[];
  /** The same against the data floor, when it ran. */
  dataMedianSeconds?: number;
  dataRatioMedian?: number;
  dataRatioSpread?: Spread;
}

export function summarizeStep(floorSeconds: readonly number[], oursSeconds: readonly number[], dataSeconds: readonly number[] = []): StepSummary {
  const ratios = roundRatios(floorSeconds, oursSeconds);
  const summary: StepSummary = {
    floorMedianSeconds: median(floorSeconds),
    oursMedianSeconds: median(oursSeconds),
    ratioMedian: median(ratios),
    ratioSpread: spread(ratios),
    ratios,
  };
  if (dataSeconds.length === 0) return summary;
  const dataRatios = roundRatios(dataSeconds, oursSeconds);
  return { ...summary, dataMedianSeconds: median(dataSeconds), dataRatioMedian: median(dataRatios), dataRatioSpread: spread(dataRatios) };
}

export interface SizedTime {
  size: number;
  seconds: number;
}

/**
 * The growth exponent k of time ≈ c · size^k: the least-squares slope of log(time) against
 * log(size). 1 is linear, 2 quadratic. Needs at least two distinct sizes.
 */
export function growthExponent(points: readonly SizedTime[]): number {
  for (const point of points) {
    if (!(point.size > 0) || !(point.seconds > 0)) throw new Error(`growth point needs a size and a time > 0: ${JSON.stringify(point)}`);
  }
  const xs = points.map((point) => Math.log(point.size));
  const ys = points.map((point) => Math.log(point.seconds));
  const n = points.length;
  const meanX = xs.reduce((a, b) => a + b, 0) / n;
  const meanY = ys.reduce((a, b) => a + b, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (xs[i]! - meanX) ** 2;
    sxy += (xs[i]! - meanX) * (ys[i]! - meanY);
  }
  if (n < 2 || sxx === 0) throw new Error("a growth exponent needs at least two distinct sizes");
  return sxy / sxx;
}
