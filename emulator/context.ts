import type { TokenService } from "./auth";
import type { FaultInjector } from "./faults";
import type { RateLimiter } from "./rate-limit";
import type { RequestLog } from "./request-log";
import type { EmulatorStore } from "./store";

/** Everything the routes share. */
export interface EmulatorContext {
  store: EmulatorStore;
  tokens: TokenService;
  rateLimiter: RateLimiter;
  faults: FaultInjector;
  log: RequestLog;
  /** How many contacts one filter can reach (documented 50,000; lower only in tests). */
  reachableContacts: number;
}
