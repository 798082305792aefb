/** Delays between attempts: capped exponential backoff with jitter, and waits after a 429. */

export interface BackoffPolicy {
  /** Delay scale of the first retry. */
  baseMs: number;
  /** No single delay is longer than this. */
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 250, capMs: 10_000 };

/**
 * Delay before retry number `attempt` (0 for the first retry): half of the capped
 * exponential step plus a random part up to the other half ("equal jitter"), so
 * retries never come back immediately and parallel callers spread out.
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const step = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempt));
  return Math.round(step / 2 + random() * (step / 2));
}

/** Retries after 429 answers, per call (token grants included). */
export const DEFAULT_MAX_RATE_LIMIT_RETRIES = 30;
/** Longest wait honoured for one 429 (token grants included): a minute's window plus a margin. */
export const DEFAULT_MAX_RATE_LIMIT_WAIT_MS = 65_000;

export interface RateLimitWaitPolicy extends BackoffPolicy {
  /** Longest wait honoured for one 429 (a larger rateLimit-reset is cut to this). */
  maxWaitMs: number;
}

/**
 * How long to wait after a 429: the server's `rateLimit-reset` seconds plus a
 * small jitter (so that waiting callers do not return all at once), else backoff.
 * A reset larger than 10^9 is read as an epoch time in seconds.
 */
export function rateLimitDelay(
  resetHeader: string | undefined,
  attempt: number,
  policy: RateLimitWaitPolicy,
  now: number = Date.now(),
  random: () => number = Math.random,
): number {
  const reset = resetHeader === undefined ? NaN : Number(resetHeader.trim());
  let delay: number;
  if (Number.isFinite(reset) && reset >= 0 && resetHeader?.trim() !== "") {
    const resetMs = reset > 1e9 ? reset * 1000 - now : reset * 1000;
    const jitter = random() * Math.min(1000, 50 + Math.max(0, resetMs) * 0.1);
    delay = Math.max(0, resetMs) + jitter;
  } else {
    delay = backoffDelay(attempt, policy, random);
  }
  return Math.round(Math.min(policy.maxWaitMs, delay));
}
