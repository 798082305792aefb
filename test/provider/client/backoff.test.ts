import { describe, expect, it } from "vitest";
import { backoffDelay, rateLimitDelay } from "../../../provider/client/backoff";

const policy = { baseMs: 100, capMs: 2000 };

describe("backoffDelay", () => {
  it("grows exponentially between half and all of the step, and stays under the cap", () => {
    for (let attempt = 0; attempt < 10; attempt++) {
      const step = Math.min(2000, 100 * 2 ** attempt);
      expect(backoffDelay(attempt, policy, () => 0)).toBe(step / 2);
      expect(backoffDelay(attempt, policy, () => 0.999999)).toBeLessThanOrEqual(step);
      expect(backoffDelay(attempt, policy, () => 0.999999)).toBeGreaterThan(step * 0.99);
    }
    expect(backoffDelay(30, policy, () => 1)).toBe(2000);
  });

  it("spreads parallel callers (jitter)", () => {
    const delays = new Set(Array.from({ length: 50 }, () => backoffDelay(3, policy)));
    expect(delays.size).toBeGreaterThan(10);
  });
});

describe("rateLimitDelay", () => {
  const waitPolicy = { ...policy, maxWaitMs: 65_000 };

  it("waits the rateLimit-reset seconds plus a small jitter", () => {
    expect(rateLimitDelay("7", 0, waitPolicy, 0, () => 0)).toBe(7000);
    const jittered = rateLimitDelay("7", 0, waitPolicy, 0, () => 0.99);
    expect(jittered).toBeGreaterThan(7000);
    expect(jittered).toBeLessThanOrEqual(8000);
  });

  it("reads a huge reset as an epoch time in seconds", () => {
    const now = 1_700_000_000_000;
    expect(rateLimitDelay(String(now / 1000 + 12), 0, waitPolicy, now, () => 0)).toBe(12_000);
  });

  it("falls back to backoff without a usable header and caps long waits", () => {
    expect(rateLimitDelay(undefined, 2, waitPolicy, 0, () => 0)).toBe(200);
    expect(rateLimitDelay("soon", 0, waitPolicy, 0, () => 0)).toBe(50);
    expect(rateLimitDelay("", 0, waitPolicy, 0, () => 0)).toBe(50);
    expect(rateLimitDelay("600", 0, { ...waitPolicy, maxWaitMs: 1500 }, 0, () => 0)).toBe(1500);
  });
});
