/**
 * The pure parts of `npm run bench` (bench/stats.ts, bench/options.ts): the order of the runs,
 * the median and spread of the per-round ratios, the growth exponent and the command line.
 * No clock: the times here are numbers made up for the arithmetic.
 */
import { describe, expect, it } from "vitest";
import { parseBenchArgs } from "../../bench/options";
import { growthExponent, growthSchedule, median, roundRatios, roundSchedule, spread, STEPS, summarizeStep } from "../../bench/stats";

describe("round order", () => {
  it("floor, data floor and ours for each step, adjacent, steps in a stack's life order, round after round", () => {
    const schedule = roundSchedule(3);
    const sides = ["floor", "data", "ours"];
    expect(schedule).toHaveLength(3 * STEPS.length * 3);
    expect(schedule.map((run) => run.side)).toEqual(schedule.map((_, i) => sides[i % 3]));
    for (let i = 0; i < schedule.length; i += 3) {
      expect(schedule[i + 1]).toEqual({ ...schedule[i], side: "data" });
      expect(schedule[i + 2]).toEqual({ ...schedule[i], side: "ours" });
    }
    expect(schedule.map((run) => run.round)).toEqual([...Array(3)].flatMap((_, r) => Array(STEPS.length * 3).fill(r + 1)));
    expect(schedule.filter((run) => run.round === 2 && run.side === "ours").map((run) => run.step)).toEqual([...STEPS]);
    expect(STEPS.slice(0, 5)).toEqual(["up from empty", "update", "no-op preview", "refresh", "destroy"]);
  });

  it("one round is one pass; fewer than one round is refused", () => {
    expect(roundSchedule(1).map((run) => `${run.step}/${run.side}`)).toEqual(STEPS.flatMap((step) => [`${step}/floor`, `${step}/data`, `${step}/ours`]));
    expect(() => roundSchedule(0)).toThrow(/rounds/);
    expect(() => roundSchedule(1.5)).toThrow(/rounds/);
  });

  it("growth: per size, checkpoints then none, floor then ours", () => {
    expect(growthSchedule([20, 40]).map((run) => `${run.contacts}/${run.checkpoints ? "ck" : "no"}/${run.side}`)).toEqual([
      "20/ck/floor", "20/ck/ours", "20/no/floor", "20/no/ours",
      "40/ck/floor", "40/ck/ours", "40/no/floor", "40/no/ours",
    ]);
  });
});

describe("median and spread", () => {
  it("median of odd and even counts, whatever the order", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
    expect(() => median([])).toThrow();
  });

  it("spread is min–max", () => {
    expect(spread([1.2, 0.9, 1.5])).toEqual({ min: 0.9, max: 1.5 });
  });

  it("the ratio is taken per round, and the median is of those ratios, not of the times", () => {
    // Round 2 ran in a slow minute: both its runs are slow, so its ratio is still close.
    const floor = [60, 110, 62];
    const ours = [78, 120, 80];
    expect(roundRatios(floor, ours)).toEqual([1.3, 120 / 110, 80 / 62]);
    const summary = summarizeStep(floor, ours);
    expect(summary.ratioMedian).toBeCloseTo(80 / 62, 12);
    expect(summary.ratioSpread).toEqual({ min: 120 / 110, max: 1.3 });
    expect(summary.floorMedianSeconds).toBe(62);
    expect(summary.oursMedianSeconds).toBe(80);
  });

  it("the ratio to the data floor is also taken per round, when the data floor ran", () => {
    const summary = summarizeStep([50, 60, 55], [100, 90, 99], [95, 100, 90]);
    expect(summary.dataMedianSeconds).toBe(95);
    expect(summary.dataRatioMedian).toBeCloseTo(100 / 95, 12);
    expect(summary.dataRatioSpread).toEqual({ min: 0.9, max: 1.1 });
    expect(summary.ratioMedian).toBeCloseTo(99 / 55, 12);
    expect(summarizeStep([1], [2]).dataRatioMedian).toBeUndefined();
  });

  it("refuses unpaired rounds and a zero floor", () => {
    expect(() => roundRatios([1, 2], [1])).toThrow(/as many/);
    expect(() => roundRatios([0], [1])).toThrow(/floor/);
  });
});

describe("growth exponent", () => {
  it("is the slope of log(time) against log(size)", () => {
    expect(growthExponent([{ size: 500, seconds: 10 }, { size: 1000, seconds: 20 }, { size: 2000, seconds: 40 }])).toBeCloseTo(1, 12);
    expect(growthExponent([{ size: 500, seconds: 10 }, { size: 1000, seconds: 40 }, { size: 2000, seconds: 160 }])).toBeCloseTo(2, 12);
    expect(growthExponent([{ size: 20, seconds: 3 }, { size: 40, seconds: 3 }])).toBeCloseTo(0, 12);
  });

  it("least squares over points that do not lie on one line", () => {
    // log2 sizes 0, 1, 2 with log2 times 0, 1.5, 2: slope = Σ(dx·dy)/Σ(dx²) = (−1·−7/6 + 1·5/6)/2 = 1.
    const points = [1, 2, 4].map((size, i) => ({ size, seconds: 2 ** [0, 1.5, 2][i]! }));
    expect(growthExponent(points)).toBeCloseTo(1, 12);
  });

  it("needs two distinct sizes and positive values", () => {
    expect(() => growthExponent([{ size: 10, seconds: 1 }])).toThrow(/two distinct/);
    expect(() => growthExponent([{ size: 10, seconds: 1 }, { size: 10, seconds: 2 }])).toThrow(/two distinct/);
    expect(() => growthExponent([{ size: 10, seconds: 0 }, { size: 20, seconds: 1 }])).toThrow(/> 0/);
  });
});

describe("command line", () => {
  it("defaults: 1,000 contacts, 3 rounds, growth 500, 1,000, 2,000, update a tenth", () => {
    const options = parseBenchArgs([]);
    expect(options).toMatchObject({ contacts: 1000, rounds: 3, growth: [500, 1000, 2000], changed: 100, tags: 30, properties: 5 });
  });

  it("a smoke run, whose flags can be overridden", () => {
    expect(parseBenchArgs(["--contacts", "50", "--rounds", "1", "--growth", "20,40"])).toMatchObject({ contacts: 50, rounds: 1, growth: [20, 40], changed: 5 });
    expect(parseBenchArgs(["--rounds=2", "--smoke"])).toMatchObject({ contacts: 50, rounds: 2, growth: [20, 40], limitedContacts: 0 });
    expect(parseBenchArgs(["--growth", "none"]).growth).toEqual([]);
  });

  it("the knobs and the 5,000-contact point alone, each one flag", () => {
    expect(parseBenchArgs(["--knobs"])).toMatchObject({ rounds: 0, growth: [], limitedContacts: 0, knobSizes: [1000, 2000], knobRounds: 1, pointContacts: 0 });
    expect(parseBenchArgs(["--knobs", "--knob-sizes=500", "--knob-rounds", "3"])).toMatchObject({ knobSizes: [500], knobRounds: 3 });
    expect(parseBenchArgs(["--point5000"])).toMatchObject({ rounds: 0, growth: [], limitedContacts: 0, knobSizes: [], pointContacts: 5000, pointLimitPerMinute: 240 });
    expect(parseBenchArgs([])).toMatchObject({ knobSizes: [], pointContacts: 0 });
  });

  it("the BENCH_* variables still set the defaults", () => {
    expect(parseBenchArgs([], { BENCH_CONTACTS: "200" })).toMatchObject({ contacts: 200, changed: 20 });
  });

  it("refuses what it cannot run", () => {
    expect(() => parseBenchArgs(["--rounds", "-1"])).toThrow(/--rounds/);
    expect(() => parseBenchArgs(["--growth", "20"])).toThrow(/two distinct/);
    expect(() => parseBenchArgs(["--contacts"])).toThrow(/--contacts/);
    expect(() => parseBenchArgs(["--properties", "6"])).toThrow(/at most 5/);
    expect(() => parseBenchArgs(["--fast"])).toThrow(/unknown argument/);
  });
});
