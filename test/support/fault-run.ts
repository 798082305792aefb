/**
 * Helpers for runs under the emulator's injected faults: expiring every access token
 * repeatedly while a command runs, and counting in the request log what really happened.
 */
import type { EmulatorProcess, EmulatorRequestLogEntry } from "./emulator-process";

export interface TokenExpiryLoop {
  /** Stops the loop; resolves with how many expiries found at least one live token. */
  stop(): Promise<number>;
}

/**
 * Every `intervalMs`, `POST /_emulator/expire-tokens`: each access token issued so far
 * expires at once, so calls in flight get `403 {code: UNAUTHORIZED}` (or 401 with
 * `tokenExpiryStatus`) and the client must renew its token mid-run.
 */
export function expireTokensEvery(emulator: EmulatorProcess, intervalMs: number): TokenExpiryLoop {
  let effective = 0;
  let stopped = false;
  let pending: Promise<void> = Promise.resolve();
  const tick = () => {
    pending = (async () => {
      try {
        const response = await fetch(`${emulator.url}/_emulator/expire-tokens`, { method: "POST" });
        const body = (await response.json()) as { expiredAccessTokens?: number };
        if ((body.expiredAccessTokens ?? 0) > 0) effective++;
      } catch {
        // the emulator is going away; the test's own checks report that
      }
    })();
  };
  const timer = setInterval(() => {
    if (!stopped) tick();
  }, intervalMs);
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await pending;
      return effective;
    },
  };
}

export interface FaultCounts {
  /** 307 answers (injected redirects). */
  redirects: number;
  status503: number;
  status500: number;
  status429: number;
  /** Requests applied whose answer was lost. */
  dropped: number;
  /** 401/403 answers of API calls: in these tests only expired tokens are refused. */
  refusedTokens: number;
  /** Calls to the token endpoint (the first grant and every renewal). */
  tokenRequests: number;
  /** Photo bytes uploaded to the storage URL and accepted. */
  photoUploads: number;
}

export function faultCounts(log: EmulatorRequestLogEntry[]): FaultCounts {
  const api = log.filter((entry) => entry.kind === "api");
  return {
    redirects: api.filter((entry) => entry.status === 307 && entry.fault === "redirect").length,
    status503: api.filter((entry) => entry.status === 503).length,
    status500: api.filter((entry) => entry.status === 500).length,
    status429: api.filter((entry) => entry.status === 429).length,
    dropped: api.filter((entry) => entry.dropped).length,
    refusedTokens: api.filter((entry) => entry.status === 401 || entry.status === 403).length,
    tokenRequests: log.filter((entry) => entry.kind === "token").length,
    photoUploads: api.filter((entry) => entry.route.startsWith("POST /storage/") && entry.status < 300).length,
  };
}
