import { describe, expect, it } from "vitest";
import { RollingWindowLimiter, LimiterRegistry, unlimited, type Clock } from "../../../provider/client/rate-limiter";

/** A clock whose sleeps complete when the test advances time. */
class FakeClock implements Clock {
  time = 1_000_000;
  private sleepers: Array<{ until: number; wake: () => void }> = [];
  now(): number {
    return this.time;
  }
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.sleepers.push({ until: this.time + Math.max(0, ms), wake: resolve }));
  }
  /** Moves time forward step by step, waking sleepers in order. */
  async advance(ms: number, step = 10): Promise<void> {
    await flushMicrotasks();
    const end = this.time + ms;
    while (this.time < end) {
      this.time = Math.min(end, this.time + step);
      const due = this.sleepers.filter((sleeper) => sleeper.until <= this.time);
      this.sleepers = this.sleepers.filter((sleeper) => sleeper.until > this.time);
      for (const sleeper of due) sleeper.wake();
      await flushMicrotasks();
    }
  }
}

async function flushMicrotasks(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

describe("RollingWindowLimiter", () => {
  it("lets `limit` requests through at once and holds the next until the window moves", async () => {
    const clock = new FakeClock();
    const limiter = new RollingWindowLimiter(3, 1000, clock);
    const granted: number[] = [];
    for (let i = 0; i < 5; i++) void limiter.acquire().then(() => granted.push(clock.now()));
    await clock.advance(0);
    await Promise.resolve();
    await clock.advance(10);
    expect(granted).toHaveLength(3);
    await clock.advance(900);
    expect(granted).toHaveLength(3);
    await clock.advance(200);
    expect(granted).toHaveLength(5);
    expect(granted[3]! - granted[0]!).toBeGreaterThanOrEqual(1000);
  });

  it("never lets more than `limit` requests start in any window, whatever the arrival pattern", async () => {
    const clock = new FakeClock();
    const limiter = new RollingWindowLimiter(7, 1000, clock);
    const starts: number[] = [];
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let i = 0; i < 60; i++) {
      void limiter.acquire().then(() => starts.push(clock.now()));
      await clock.advance(Math.floor(random() * 80));
    }
    await clock.advance(20_000);
    expect(starts).toHaveLength(60);
    for (const start of starts) {
      const inWindow = starts.filter((other) => other >= start && other < start + 1000).length;
      expect(inWindow).toBeLessThanOrEqual(7);
    }
  });

  it("grants in arrival order", async () => {
    const clock = new FakeClock();
    const limiter = new RollingWindowLimiter(1, 100, clock);
    const order: number[] = [];
    for (let i = 0; i < 4; i++) void limiter.acquire().then(() => order.push(i));
    await clock.advance(1000);
    expect(order).toEqual([0, 1, 2, 3]);
  });

  it("pauseUntil holds requests back, including those already waiting", async () => {
    const clock = new FakeClock();
    const limiter = new RollingWindowLimiter(10, 1000, clock);
    const pausedUntil = clock.now() + 500;
    limiter.pauseUntil(pausedUntil);
    const granted: number[] = [];
    void limiter.acquire().then(() => granted.push(clock.now()));
    await clock.advance(400);
    expect(granted).toEqual([]);
    await clock.advance(200);
    expect(granted).toHaveLength(1);
    expect(granted[0]).toBeGreaterThanOrEqual(pausedUntil);
  });

  it("rejects a limit below 1", () => {
    expect(() => new RollingWindowLimiter(0, 1000)).toThrow(RangeError);
  });
});

describe("LimiterRegistry", () => {
  it("shares one limiter per scope and operation, and none when the limit is 0", () => {
    const registry = new LimiterRegistry(1000);
    const a = registry.get("api|1", "GET /contacts", 240);
    expect(registry.get("api|1", "GET /contacts", 240)).toBe(a);
    expect(registry.get("api|1", "POST /contacts", 240)).not.toBe(a);
    expect(registry.get("api|2", "GET /contacts", 240)).not.toBe(a);
    expect(registry.get("api|1", "GET /contacts", 0)).toBe(unlimited);
  });
});
