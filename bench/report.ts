/** The markdown tables of `npm run bench` (pure). */
import type { GrowthReport } from "./growth";
import type { LimitedReport } from "./limited";
import type { StepReport } from "./rounds";

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
    `ours/floor (spread, ${rounds} round${rounds === 1 ? "" : "s"})`,
    "ours/data floor (spread)",
    "API calls",
    "state B/contact: ours (floor, data floor)",
  ];
  const rows = steps.map((step) => [
    step.label,
    String(step.resources),
    s(step.floorMedianSeconds),
    step.dataMedianSeconds === undefined ? "" : s(step.dataMedianSeconds),
    s(step.oursMedianSeconds),
    ratioWithSpread(step.ratioMedian, step.ratioSpread),
    ratioWithSpread(step.dataRatioMedian, step.dataRatioSpread),
    String(step.oursApiCalls),
    step.oursStateBytesPerContact === undefined
      ? ""
      : `${step.oursStateBytesPerContact} (${step.floorStateBytesPerContact ?? "–"}, ${step.dataStateBytesPerContact ?? "–"})`,
  ]);
  return table(header, rows, [false, true, true, true, true, true, true, true, true]);
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
  return table(
    ["rate-limited up", "wall s", "floor N/L s", "ratio", "API calls", "429s", "calls by endpoint"],
    [[`${limited.contacts} contacts at ${limited.limitPerMinute}/min`, s(limited.seconds), s(limited.floorSeconds), x(limited.ratio), String(limited.apiCalls), String(limited.status429), calls]],
    [false, true, true, true, true, true, false],
  );
}
