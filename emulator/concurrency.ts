/**
 * The concurrent-access limit (lineworks-api.md "Rate limits have two kinds"): API requests in
 * flight per domain, ASSUMED at most 10 (seed `maxConcurrentRequests`). One more is answered
 * 429 TOO_MANY_REQUESTS at once, before the per-minute window counts it and without rateLimit-*
 * headers (assumptions-app.ts). A request leaves when its response is sent or its connection
 * closes, whichever comes first.
 */
import type { ServerResponse } from "node:http";
import { MAX_CONCURRENT_REQUESTS_DEFAULT } from "./assumptions";
import { ApiError } from "./errors";
import type { Domain } from "./store";

export class InFlightLimiter {
  private readonly inFlight = new Map<number, number>();
  /** The most requests seen in flight at once, per domain (for tests and the dashboard). */
  private readonly peaks = new Map<number, number>();

  /** Counts one request of `domainId` unless `limit` are in flight already; false then. */
  enter(domainId: number, limit: number): boolean {
    const now = this.inFlight.get(domainId) ?? 0;
    if (now >= limit) return false;
    this.inFlight.set(domainId, now + 1);
    this.peaks.set(domainId, Math.max(this.peaks.get(domainId) ?? 0, now + 1));
    return true;
  }

  leave(domainId: number): void {
    const now = this.inFlight.get(domainId) ?? 0;
    if (now <= 1) this.inFlight.delete(domainId);
    else this.inFlight.set(domainId, now - 1);
  }

  usage(): Array<{ domainId: number; inFlight: number; peak: number }> {
    const ids = new Set([...this.inFlight.keys(), ...this.peaks.keys()]);
    return [...ids].map((domainId) => ({ domainId, inFlight: this.inFlight.get(domainId) ?? 0, peak: this.peaks.get(domainId) ?? 0 }));
  }

  /** Forgets the peaks (POST /_emulator/reset); requests in flight stay counted until they end. */
  resetPeaks(): void {
    this.peaks.clear();
  }
}

export function concurrencyLimitOf(domain: Domain): number {
  return domain.definition.maxConcurrentRequests ?? MAX_CONCURRENT_REQUESTS_DEFAULT;
}

/**
 * Admits one API request of `domain`, or returns the 429 to answer. Once admitted, the request
 * is counted until `response` closes (sent, or its connection destroyed).
 */
export function admitRequest(limiter: InFlightLimiter, domain: Domain, response: ServerResponse): ApiError | undefined {
  const limit = concurrencyLimitOf(domain);
  if (!limiter.enter(domain.domainId, limit)) {
    return new ApiError(429, `too many concurrent requests: at most ${limit} in flight for the domain`);
  }
  response.once("close", () => limiter.leave(domain.domainId));
  return undefined;
}
