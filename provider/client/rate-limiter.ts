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

/** One granted request. */
export interface Grant {
  /**
   * The server refused the request with 429 without serving it: it does not count against the
   * window (ASSUMED, as the emulator counts; lineworks-api.md is silent), so a run that meets the
   * concurrent-access limit does not spend its per-minute quota on refused attempts.
   */
  refund(): void;
}

const NOTHING_TO_REFUND: Grant = { refund: () => undefined };

export interface Limiter {
  /** Resolves when the caller may send one request. */
  acquire(): Promise<Grant>;
  /** Holds every request back until `time` (epoch ms), e.g. after the server said the quota is used up. */
  pauseUntil(time: number): void;
}

export const unlimited: Limiter = {
  acquire: () => Promise.resolve(NOTHING_TO_REFUND),
  pauseUntil: () => undefined,
};

export class RollingWindowLimiter implements Limiter {
  /** When granted requests started, oldest first. */
  private readonly starts: number[] = [];
  private readonly waiting: Array<(grant: Grant) => void> = [];
  private pausedUntil = 0;
  private pumping = false;
  /** Ends the pump's current sleep early (a refund made room). */
  private wake: (() => void) | undefined;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly clock: Clock = realClock,
  ) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`);
  }

  acquire(): Promise<Grant> {
    return new Promise((grant) => {
      this.waiting.push(grant);
      void this.pump();
    });
  }

  /** Takes back the start at `time` (a refused request), and lets a waiting request use the room. */
  private refund(time: number): void {
    const index = this.starts.lastIndexOf(time);
    if (index < 0) return;
    this.starts.splice(index, 1);
    this.wake?.();
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
          await new Promise<void>((resolve) => {
            this.wake = resolve;
            void this.clock.sleep(wakeAt - now).then(resolve);
          });
          this.wake = undefined;
          continue;
        }
        this.starts.push(now);
        let refunded = false;
        const grant: Grant = {
          refund: () => {
            if (refunded) return;
            refunded = true;
            this.refund(now);
          },
        };
        (this.waiting.shift() as (grant: Grant) => void)(grant);
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
