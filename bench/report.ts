/** The markdown tables of `npm run bench` (pure). */
import type { GrowthReport } from "./growth";
import { KNOBS, type KnobRun } from "./knobs";
import type { LimitedReport } from "./limited";
import type { StepReport } from "./rounds";
import { median } from "./stats";

function table(header: string[], rows: string[][], rightAligned: boolean[]): string {
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => (rightAligned[i] ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join(" | ")} |`;
  const rule = `|${widths.map((w, i) => (rightAligned[i] ? `${"-".repeat(w + 1)}:` : `${"-".repeat(w + 2)}`)).join("|")}|`;
  return [line(header), rule, ...rows.map(line)].join("\n");
}

const s = (seconds: number) => seconds.toFixed(1);
const x = (ratio: number) => ratio.toFixed(2);

const ratioWithSpread = (median: number | undefined, range: { min: number; max: number } | undefined) =>
  median === undefined || range === undefined ? "" : `${x(median)} (${x(range.min)}–${x(range.max)})`;

export function stepsTable(steps: readonly StepReport[], rounds: number): string {
  const header = [
    "step",
    "resources",
    "floor s",
    "data floor s",
    "ours s",
    `**ours/data floor** (spread, ${rounds} round${rounds === 1 ? "" : "s"})`,
    "ours/engine floor (spread)",
    "CPU ours/data floor",
    "API calls",
    "state B/contact: ours (floor, data floor)",
  ];
  const rows = steps.map((step) => [
    step.label,
    String(step.resources),
    s(step.floorMedianSeconds),
    step.dataMedianSeconds === undefined ? "" : s(step.dataMedianSeconds),
    s(step.oursMedianSeconds),
    ratioWithSpread(step.dataRatioMedian, step.dataRatioSpread),
    ratioWithSpread(step.ratioMedian, step.ratioSpread),
    step.dataCpuRatioMedian === undefined ? "" : x(step.dataCpuRatioMedian),
    String(step.oursApiCalls),
    step.oursStateBytesPerContact === undefined
      ? ""
      : `${step.oursStateBytesPerContact} (${step.floorStateBytesPerContact ?? "–"}, ${step.dataStateBytesPerContact ?? "–"})`,
  ]);
  return table(header, rows, [false, true, true, true, true, true, true, true, true, true]);
}

export function growthTable(growth: GrowthReport): string {
  const header = ["up from empty", ...growth.sizes.map((size) => `${size} contacts`), "exponent"];
  const rows: string[][] = [];
  for (const checkpoints of [true, false]) {
    const label = checkpoints ? "checkpoints" : "no checkpoints";
    for (const series of growth.series.filter((one) => one.checkpoints === checkpoints)) {
      rows.push([`${series.side}, ${label}`, ...series.points.map((point) => `${s(point.seconds)} s`), series.exponent.toFixed(2)]);
    }
    const ratios = growth.ratios.find((one) => one.checkpoints === checkpoints)!;
    rows.push([`ours/floor, ${label}`, ...ratios.ratios.map(x), ""]);
  }
  return table(header, rows, [false, ...growth.sizes.map(() => true), true]);
}

export function limitedTable(limited: LimitedReport): string {
  const calls = Object.entries(limited.callsByRoute)
    .sort((a, b) => b[1] - a[1])
    .map(([route, count]) => `${route} ×${count}`)
    .join(", ");
  const what = `${limited.contacts} contacts${limited.tags || limited.properties ? `, ${limited.tags} tags, ${limited.properties} properties` : ""}`;
  return table(
    ["rate-limited up", "checkpoints", "wall s", "floor N/L s", "windowed floor s", "wall/floor", "busiest operation: calls/min reached", "API calls", "token calls", "429s", "calls by endpoint"],
    [
      [
        `${what} at ${limited.limitPerMinute}/min`,
        limited.checkpoints ? "yes" : "no",
        s(limited.seconds),
        s(limited.floorSeconds),
        s(limited.windowFloorSeconds ?? 0),
        x(limited.ratio),
        `${limited.busiestRoute}: ${limited.busiestPerMinute.toFixed(0)}`,
        String(limited.apiCalls),
        String(limited.tokenCalls),
        String(limited.status429),
        calls,
      ],
    ],
    [false, false, true, true, true, true, false, true, true, true, false],
  );
}

/** Per knob: median seconds at each size (spread over the rounds), its ratio to the default, checkpoint bytes. */
export function knobsTable(runs: readonly KnobRun[]): string {
  const sizes = [...new Set(runs.map((run) => run.contacts))];
  const of = (knob: string, contacts: number) => runs.filter((run) => run.knob === knob && run.contacts === contacts);
  const seconds = (knob: string, contacts: number) => {
    const times = of(knob, contacts).map((run) => run.seconds);
    return times.length === 0 ? undefined : median(times);
  };
  const rows = KNOBS.filter((knob) => runs.some((run) => run.knob === knob.name)).map((knob) => [
    knob.name === "default" ? "default" : `PULUMI_DIY_BACKEND_${knob.name}=true`,
    ...sizes.flatMap((contacts) => {
      const mine = seconds(knob.name, contacts);
      const base = seconds("default", contacts);
      const times = of(knob.name, contacts).map((run) => run.seconds);
      const bytes = of(knob.name, contacts).map((run) => run.checkpointBytes);
      return mine === undefined
        ? ["", "", ""]
        : [
            `${s(mine)}${times.length > 1 ? ` (${s(Math.min(...times))}–${s(Math.max(...times))})` : ""}`,
            base === undefined ? "" : x(mine / base),
            String(Math.round(median(bytes))),
          ];
    }),
  ]);
  const header = ["up from empty, checkpoints", ...sizes.flatMap((contacts) => [`${contacts} contacts s`, "/default", "checkpoint B"])];
  return table(header, rows, [false, ...sizes.flatMap(() => [true, true, true])]);
}
