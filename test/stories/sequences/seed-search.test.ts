/**
 * Finds seeds for the fixed list of edit-sequences.e2e.test.ts from dry runs of the generator
 * (coverage.ts): per shape the seeds that cover it cleanly with the fewest ups, then a cover of
 * every shape found. Skipped unless LWC_SEQ_SEARCH is set:
 *   LWC_SEQ_SEARCH=1 LWC_SEQ_SEARCH_FROM=0 LWC_SEQ_SEARCH_COUNT=300000 LWC_SEQ_MAX_COMMANDS=10 \
 *     npx vitest run test/stories/sequences/seed-search.test.ts
 * (about 300,000 seeds a minute; no emulator, no pulumi).
 */
import { describe, it } from "vitest";
import { cleanShapes, dryRun } from "./coverage";

describe.skipIf(!process.env.LWC_SEQ_SEARCH)("seed search (dry runs of the generator)", () => {
  it("prints seeds per shape, cheapest first", { timeout: 3_600_000 }, () => {
    const from = Number(process.env.LWC_SEQ_SEARCH_FROM ?? 0);
    const count = Number(process.env.LWC_SEQ_SEARCH_COUNT ?? 10_000);
    const maxCommands = Number(process.env.LWC_SEQ_MAX_COMMANDS ?? 10);
    const best = new Map<string, Array<{ seed: number; ups: number; shapes: string[]; kinds: string[] }>>();
    for (let seed = from; seed < from + count; seed++) {
      const kinds = dryRun(seed, maxCommands);
      const shapes = [...cleanShapes(kinds)];
      // An up each, and one more for each edit that may fail its up (the fix, then a second up).
      const ups = kinds.filter((kind) => /^(Up|final up|Remove protected|Rename (none|adopt)|Add take back$)/.test(kind)).length + 1;
      for (const shape of shapes) best.set(shape, [...(best.get(shape) ?? []), { seed, ups, shapes, kinds }].sort((a, b) => b.shapes.length / b.ups - a.shapes.length / a.ups || a.ups - b.ups).slice(0, 60));
    }
    const line = (s: { seed: number; ups: number; shapes: string[]; kinds: string[] }) => `  seed ${s.seed} (${s.ups} ups): ${s.shapes.join("; ")}\n    ${s.kinds.join(", ")}`;
    for (const [shape, seeds] of [...best].sort(([a], [b]) => a.localeCompare(b))) console.log(`${shape}:\n${seeds.slice(0, 3).map(line).join("\n")}`);
    // A cover: the seed with the most shapes not yet covered per up, until every shape found is.
    const candidates = [...new Set([...best.values()].flat())];
    const missing = new Set(best.keys());
    const cover: string[] = [];
    while (missing.size > 0) {
      const gain = (s: (typeof candidates)[number]) => s.shapes.filter((shape) => missing.has(shape)).length / s.ups;
      const next = candidates.reduce((a, b) => (gain(b) > gain(a) ? b : a));
      next.shapes.forEach((shape) => missing.delete(shape));
      cover.push(line(next));
    }
    console.log(`cover:\n${cover.join("\n")}`);
  });
});
