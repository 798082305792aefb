import type { TokenService } from "./auth";
import type { Backends } from "./backend";
import type { InFlightLimiter } from "./concurrency";
import type { FaultInjector } from "./faults";
import type { RateLimiter } from "./rate-limit";
import type { RequestLog } from "./request-log";
import type { EmulatorStore } from "./store";

/** Everything the routes share. */
export interface EmulatorContext {
  store: EmulatorStore;
  /** The domain backends: rules, cascades and change notification. */
  backends: Backends;
  tokens: TokenService;
  rateLimiter: RateLimiter;
  /** API requests in flight per domain (the concurrent-access limit). */
  inFlight: InFlightLimiter;
  faults: FaultInjector;
  log: RequestLog;
  /** How many contacts one filter can reach (documented 50,000; lower only in tests). */
  reachableContacts: number;
}
