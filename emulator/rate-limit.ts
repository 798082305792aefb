/**
 * Requests per minute per API operation (method + route pattern) per domain, in
 * fixed 60-second windows that start with the first request of the window.
 */
import { LIMITS } from "./assumptions";

export interface RateLimitVerdict {
  allowed: boolean;
  limit: number;
  used: number;
  remaining: number;
  /** Whole seconds until the window resets. */
  resetSeconds: number;
}

interface Window {
  startedAt: number;
  used: number;
}

export class RateLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(
    readonly requestsPerMinute: number = LIMITS.requestsPerMinuteDefault,
    private readonly now: () => number = Date.now,
    private readonly windowMs: number = LIMITS.rateLimitWindowMs,
  ) {}

  /** Counts one request of `operation` for `domainId` unless the window is full. */
  take(domainId: number, operation: string): RateLimitVerdict {
    const now = this.now();
    const key = `${domainId} ${operation}`;
    let window = this.windows.get(key);
    if (!window || now - window.startedAt >= this.windowMs) {
      window = { startedAt: now, used: 0 };
      this.windows.set(key, window);
    }
    const allowed = window.used < this.requestsPerMinute;
    if (allowed) window.used += 1;
    return {
      allowed,
      limit: this.requestsPerMinute,
      used: window.used,
      remaining: Math.max(0, this.requestsPerMinute - window.used),
      resetSeconds: Math.max(1, Math.ceil((window.startedAt + this.windowMs - now) / 1000)),
    };
  }

  /** Read-only, for the dashboard: the use of every window still open. */
  usage(): Array<{ domainId: number; operation: string; used: number; limit: number; resetSeconds: number }> {
    const now = this.now();
    return [...this.windows]
      .filter(([, window]) => now - window.startedAt < this.windowMs)
      .map(([key, window]) => ({
        domainId: Number(key.slice(0, key.indexOf(" "))),
        operation: key.slice(key.indexOf(" ") + 1),
        used: window.used,
        limit: this.requestsPerMinute,
        resetSeconds: Math.max(1, Math.ceil((window.startedAt + this.windowMs - now) / 1000)),
      }));
  }

  reset(): void {
    this.windows.clear();
  }
}
