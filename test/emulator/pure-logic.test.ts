/** Pure logic of the emulator (no HTTP): time format, rate-limit windows, keyset pages, fault draws, request log bound. */
import { describe, expect, it } from "vitest";
import { FaultInjector } from "../../emulator/faults";
import { paginate, queryFingerprint } from "../../emulator/listing";
import { RateLimiter } from "../../emulator/rate-limit";
import { RequestLog } from "../../emulator/request-log";
import { formatApiTime, isCalendarDate, parseApiTime } from "../../emulator/time";

describe("API times (YYYY-MM-DDThh:mm:ssTZD)", () => {
  it("formats in +09:00 and parses back", () => {
    const epoch = Date.UTC(2024, 0, 31, 20, 5, 9);
    expect(formatApiTime(epoch)).toBe("2024-02-01T05:05:09+09:00");
    expect(parseApiTime("2024-02-01T05:05:09+09:00")).toBe(epoch);
    expect(parseApiTime("2024-01-31T20:05:09Z")).toBe(epoch);
    expect(parseApiTime("2024-01-31T15:05:09-05:00")).toBe(epoch);
  });

  it("accepts fractional seconds (the docs' example 2021-06-03T10:00:00.000+09:00) and drops them", () => {
    expect(parseApiTime("2021-06-03T10:00:00.000+09:00")).toBe(Date.UTC(2021, 5, 3, 1, 0, 0));
    expect(parseApiTime("2021-06-03T10:00:00.999+09:00")).toBe(Date.UTC(2021, 5, 3, 1, 0, 0));
    expect(parseApiTime("2021-06-03T10:00:00.+09:00")).toBeUndefined();
  });

  it("rejects malformed or impossible times", () => {
    for (const text of ["2024-02-30T00:00:00+09:00", "2024-01-01T24:00:00Z", "2024-01-01 00:00:00+09:00", "2024-01-01T00:00:00", "2024-01-01T00:00:00 09:00"]) {
      expect(parseApiTime(text), text).toBeUndefined();
    }
  });

  it("checks calendar dates", () => {
    expect(isCalendarDate("2024-02-29")).toBe(true);
    expect(isCalendarDate("2023-02-29")).toBe(false);
    expect(isCalendarDate("2024-13-01")).toBe(false);
  });
});

describe("RateLimiter", () => {
  it("counts per operation and domain in fixed windows", () => {
    let now = 1_000_000;
    const limiter = new RateLimiter(2, () => now);
    expect(limiter.take(1, "GET /a")).toMatchObject({ allowed: true, used: 1, remaining: 1, resetSeconds: 60 });
    expect(limiter.take(1, "GET /a")).toMatchObject({ allowed: true, used: 2, remaining: 0 });
    now += 30_500;
    expect(limiter.take(1, "GET /a")).toMatchObject({ allowed: false, used: 2, remaining: 0, resetSeconds: 30 });
    expect(limiter.take(2, "GET /a").allowed).toBe(true);
    expect(limiter.take(1, "POST /a").allowed).toBe(true);
    now += 29_500;
    expect(limiter.take(1, "GET /a")).toMatchObject({ allowed: true, used: 1 });
  });
});

describe("paginate (keyset cursors)", () => {
  const items = Array.from({ length: 7 }, (_, i) => ({ name: `n${i % 3}`, seq: i }));
  const options = { keyOf: (item: { name: string; seq: number }) => [item.name, item.seq] as [string, number], descending: false, count: 3, fingerprint: queryFingerprint("t", {}) };

  it("walks every item once in key order", () => {
    const seen: number[] = [];
    let cursor: string | undefined;
    do {
      const page = paginate(items, { ...options, cursor });
      seen.push(...page.items.map((item) => item.seq));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([0, 3, 6, 1, 4, 2, 5]);
  });

  it("stays stable when an earlier item is removed between pages", () => {
    const first = paginate(items, { ...options, cursor: undefined });
    const rest = paginate(items.filter((item) => item.seq !== 0), { ...options, cursor: first.nextCursor });
    expect(rest.items.map((item) => item.seq)).toEqual([1, 4, 2]);
  });

  it("stops at the cap", () => {
    const first = paginate(items, { ...options, cursor: undefined, cap: 4 });
    const second = paginate(items, { ...options, cursor: first.nextCursor, cap: 4 });
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeUndefined();
  });
});

describe("FaultInjector", () => {
  it("draws reproducibly with a seed and roughly at the configured rates", () => {
    const draw = () => {
      const faults = new FaultInjector();
      faults.configure({ status500Rate: 0.2, status429Rate: 0.1, dropConnectionRate: 0.1, seed: 7 });
      return Array.from({ length: 2000 }, () => faults.decide().outcome);
    };
    const outcomes = draw();
    expect(draw()).toEqual(outcomes);
    const share = (name: string) => outcomes.filter((outcome) => outcome === name).length / outcomes.length;
    expect(share("status500")).toBeGreaterThan(0.15);
    expect(share("status500")).toBeLessThan(0.25);
    expect(share("status429")).toBeGreaterThan(0.06);
    expect(share("drop")).toBeGreaterThan(0.06);
    expect(share("none")).toBeGreaterThan(0.5);
  });

  it("draws 503s and redirects at their rates; a request that is a redirect's target is never redirected", () => {
    const faults = new FaultInjector();
    faults.configure({ status503Rate: 0.3, redirectRate: 0.3, seed: 11 });
    expect(faults.active).toBe(true);
    const outcomes = Array.from({ length: 2000 }, () => faults.decide().outcome);
    const share = (name: string) => outcomes.filter((outcome) => outcome === name).length / outcomes.length;
    expect(share("status503")).toBeGreaterThan(0.25);
    expect(share("status503")).toBeLessThan(0.35);
    expect(share("redirect")).toBeGreaterThan(0.25);
    expect(share("redirect")).toBeLessThan(0.35);
    faults.configure({ redirectRate: 1 });
    expect(Array.from({ length: 50 }, () => faults.decide(false).outcome)).toEqual(Array(50).fill("none"));
  });

  it("settings: tokenExpiryStatus defaults to 403, duplicateNameStatus to 409; neither makes faults active", () => {
    const faults = new FaultInjector();
    expect([faults.tokenExpiryStatus, faults.duplicateNameStatus]).toEqual([403, 409]);
    faults.configure({ tokenExpiryStatus: 401, duplicateNameStatus: 400 });
    expect([faults.tokenExpiryStatus, faults.duplicateNameStatus, faults.active]).toEqual([401, 400, false]);
  });

  it("is inactive with {} and picks latency within the bounds", () => {
    const faults = new FaultInjector();
    faults.configure({});
    expect(faults.active).toBe(false);
    faults.configure({ latencyMs: [5, 9], seed: 1 });
    const latencies = Array.from({ length: 100 }, () => faults.decide().latencyMs);
    expect(Math.min(...latencies)).toBeGreaterThanOrEqual(5);
    expect(Math.max(...latencies)).toBeLessThanOrEqual(9);
  });
});

describe("RequestLog", () => {
  it("keeps the newest entries within its bound", () => {
    const log = new RequestLog();
    for (let i = 0; i < 115_000; i += 1) log.add({ kind: "api", method: "GET", path: `/${i}`, query: {}, status: 200, time: "", route: "GET /" });
    expect(log.list().length).toBeLessThanOrEqual(110_000);
    expect(log.list().at(-1)!.path).toBe("/114999");
  });
});
