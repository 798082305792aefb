/**
 * A client-side limiter per API operation: at most `limit` requests start in any
 * rolling window of `windowMs`. Unlike a token bucket with a burst, a rolling
 * window never lets more than `limit` requests through in any minute, which is
 * what a server counting per minute checks, so a parallel run is shaped instead
 * of answered with 429s. Requests are granted in arrival order.
 */

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};

export interface Limiter {
  /** Resolves when the caller may send one request. */
  acquire(): Promise<void>;
  /** Holds every request back until `time` (epoch ms), e.g. after the server said the quota is used up. */
  pauseUntil(time: number): void;
}

export const unlimited: Limiter = {
  acquire: () => Promise.resolve(),
  pauseUntil: () => undefined,
};

export class RollingWindowLimiter implements Limiter {
  /** When granted requests started, oldest first. */
  private readonly starts: number[] = [];
  private readonly waiting: Array<() => void> = [];
  private pausedUntil = 0;
  private pumping = false;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly clock: Clock = realClock,
  ) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`);
  }

  acquire(): Promise<void> {
    return new Promise((grant) => {
      this.waiting.push(grant);
      void this.pump();
    });
  }

  pauseUntil(time: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, time);
  }

  /** Requests granted in the window ending now (for tests and stats). */
  inWindow(): number {
    this.prune(this.clock.now());
    return this.starts.length;
  }

  /** One loop at a time grants waiting requests in order, each only when the window has room at that moment. */
  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.waiting.length > 0) {
        const now = this.clock.now();
        this.prune(now);
        let wakeAt = this.pausedUntil;
        if (this.starts.length >= this.limit) {
          wakeAt = Math.max(wakeAt, (this.starts[this.starts.length - this.limit] as number) + this.windowMs);
        }
        if (wakeAt > now) {
          await this.clock.sleep(wakeAt - now);
          continue;
        }
        this.starts.push(now);
        (this.waiting.shift() as () => void)();
      }
    } finally {
      this.pumping = false;
    }
  }

  private prune(now: number): void {
    let drop = 0;
    while (drop < this.starts.length && (this.starts[drop] as number) <= now - this.windowMs) drop++;
    if (drop > 0) this.starts.splice(0, drop);
  }
}

/**
 * Limiters shared by every client in the process, keyed by API, identity and
 * operation: a Pulumi run creates many clients but hits one quota.
 */
export class LimiterRegistry {
  private readonly limiters = new Map<string, Limiter>();

  constructor(
    private readonly windowMs: number,
    private readonly clock: Clock = realClock,
  ) {}

  get(scope: string, operation: string, requestsPerMinute: number): Limiter {
    if (requestsPerMinute <= 0) return unlimited;
    const key = `${scope}\u0000${operation}\u0000${requestsPerMinute}`;
    let limiter = this.limiters.get(key);
    if (limiter === undefined) {
      limiter = new RollingWindowLimiter(requestsPerMinute, this.windowMs, this.clock);
      this.limiters.set(key, limiter);
    }
    return limiter;
  }
}

/** One minute plus a margin for latency differences between our send time and the server's arrival time. */
export const RATE_WINDOW_MS = 61_000;

export const processLimiters = new LimiterRegistry(RATE_WINDOW_MS);
