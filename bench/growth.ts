/**
 * The growth run of `npm run bench`: `up` from empty at each size, on the floor and at once on
 * ours, with checkpoints and without (PULUMI_SKIP_CHECKPOINTS=true), each size against a fresh
 * emulator; and the growth exponent of each series (time ≈ c · contacts^k).
 */
import { companyEnv, destroyQuietly, timedRun, withEmulator, type Measured, type Stacks } from "./harness";
import type { BenchOptions } from "./options";
import { growthExponent, growthSchedule, type GrowthSide } from "./stats";

export interface GrowthPoint extends Measured {
  contacts: number;
  checkpoints: boolean;
  side: GrowthSide;
}

export interface GrowthSeries {
  side: GrowthSide;
  checkpoints: boolean;
  /** Seconds by contacts, in the order of the sizes. */
  points: Array<{ contacts: number; seconds: number }>;
  exponent: number;
}

export interface GrowthReport {
  sizes: number[];
  series: GrowthSeries[];
  /** ours / floor at each size, with and without checkpoints. */
  ratios: Array<{ checkpoints: boolean; ratios: number[] }>;
}

export async function runGrowth(
  stacks: Stacks,
  options: BenchOptions,
  log: (line: string) => void,
  measuredPoint: (point: GrowthPoint) => void = () => {},
): Promise<GrowthPoint[]> {
  const points: GrowthPoint[] = [];
  const schedule = growthSchedule(options.growth);
  for (const contacts of options.growth) {
    await withEmulator(async (emulator, providerEnv) => {
      for (const planned of schedule.filter((run) => run.contacts === contacts)) {
        const workspace = planned.side === "floor" ? stacks.floor : stacks.ours;
        const env = {
          ...providerEnv,
          ...companyEnv(planned.side === "floor" ? "noop" : "real", contacts, options.tags, options.properties),
          ...(planned.checkpoints ? {} : { PULUMI_SKIP_CHECKPOINTS: "true" }),
        };
        const measured = await timedRun(
          planned.side,
          workspace,
          ["up", "--yes", "--skip-preview"],
          env,
          planned.side === "ours" ? emulator : undefined,
          options.timeoutMinutes,
        );
        points.push({ ...planned, ...measured });
        measuredPoint(points[points.length - 1]!);
        log(
          `growth ${String(contacts).padStart(5)} contacts, ${planned.checkpoints ? "checkpoints   " : "no checkpoints"} ${planned.side.padEnd(5)} ` +
            `${measured.seconds.toFixed(1)} s  (load ${measured.load.join(" → ")})`,
        );
        await destroyQuietly(workspace, env, options.timeoutMinutes);
      }
    });
  }
  return points;
}

export function summarizeGrowth(points: readonly GrowthPoint[], sizes: readonly number[]): GrowthReport {
  const seconds = (side: GrowthSide, checkpoints: boolean) =>
    sizes.map((contacts) => {
      const point = points.find((p) => p.side === side && p.checkpoints === checkpoints && p.contacts === contacts);
      if (!point) throw new Error(`no growth run for ${side}, ${contacts} contacts, checkpoints ${checkpoints}`);
      return { contacts, seconds: point.seconds };
    });
  const series: GrowthSeries[] = [];
  const ratios: GrowthReport["ratios"] = [];
  for (const checkpoints of [true, false]) {
    const floor = seconds("floor", checkpoints);
    const ours = seconds("ours", checkpoints);
    for (const [side, sidePoints] of [["floor", floor], ["ours", ours]] as const) {
      series.push({ side, checkpoints, points: sidePoints, exponent: growthExponent(sidePoints.map((p) => ({ size: p.contacts, seconds: p.seconds }))) });
    }
    ratios.push({ checkpoints, ratios: ours.map((p, i) => p.seconds / floor[i]!.seconds) });
  }
  return { sizes: [...sizes], series, ratios };
}
