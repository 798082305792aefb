/**
 * The LINE WORKS Contact API client: `createContactApiClient(config)` gives a
 * ContactApi that handles auth, rate limits, retries and pagination.
 */
import type { Dispatcher } from "undici";
import { CONTACT_LISTING_CAP, DEFAULT_SCOPE, MAX_DATE_WINDOW_MS, MEMBER_READ_SCOPE, READ_ONLY_SCOPE } from "./assumptions";
import { tokenSourceFor } from "./auth";
import { DEFAULT_BACKOFF, DEFAULT_MAX_RATE_LIMIT_RETRIES, DEFAULT_MAX_RATE_LIMIT_WAIT_MS, type BackoffPolicy } from "./backoff";
import type { ClientConfig, Scope } from "./config";
import { processGates, type GateRegistry } from "./concurrency";
import { HttpContactApi } from "./contact-api-client";
import { processDispatcher } from "./http";
import { processLimiters, type LimiterRegistry } from "./rate-limiter";
import { ScopedTokens } from "./scoped-tokens";
import { StatsCounter } from "./stats";
import { Transport, USER_AGENT } from "./transport";

export interface ContactApiClientOptions {
  /** Overrides config.requestsPerMinute (client-side limit per API operation; 0 = off). */
  requestsPerMinute?: number;
  /** Overrides config.maxConcurrentRequests (requests in flight at once per API and identity; 0 = off). */
  maxConcurrentRequests?: number;
  /** Timeout of every single request, ms (default 30 s). */
  timeoutMs?: number;
  /** Retries after 5xx / connection failures / ambiguous creates (default 5). */
  maxRetries?: number;
  /** Retries after 429 answers (default 30). */
  maxRateLimitRetries?: number;
  /** Longest wait honoured for one 429, ms (default 65 s). */
  maxRateLimitWaitMs?: number;
  backoff?: Partial<BackoffPolicy>;
  /** Contacts reachable through one filter before a date window is split (default 50,000). */
  contactListingCap?: number;
  /** Longest date window of one contact listing request, ms (default 7 days). */
  maxDateWindowMs?: number;
  /**
   * Pins the scope of every token, as lineworks:scope does (overrides config.scope). Default:
   * contact.read for reads, contact from the first write on.
   */
  scope?: Scope;
  /** Receives one line per retry or wait (already free of secrets). */
  log?: (message: string) => void;
  /** Defaults to one keep-alive pool per process. */
  dispatcher?: Dispatcher;
  /** Defaults to the process-wide limiters (one quota per API, identity and operation). */
  limiters?: LimiterRegistry;
  /** Defaults to the process-wide concurrency gates (one per API and identity). */
  gates?: GateRegistry;
}

/** A ContactApi plus request counters. */
export type ContactApiClient = HttpContactApi;

export function createContactApiClient(config: ClientConfig, options: ContactApiClientOptions = {}): ContactApiClient {
  const dispatcher = options.dispatcher ?? processDispatcher();
  const backoff: BackoffPolicy = { ...DEFAULT_BACKOFF, ...options.backoff };
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxRetries = options.maxRetries ?? 5;
  const maxRateLimitRetries = options.maxRateLimitRetries ?? DEFAULT_MAX_RATE_LIMIT_RETRIES;
  const rateLimit = { ...backoff, maxWaitMs: options.maxRateLimitWaitMs ?? DEFAULT_MAX_RATE_LIMIT_WAIT_MS };
  // The token grants go through the same transport chain, with the same retry and 429 policies.
  const endpoint = { dispatcher, timeoutMs, maxRetries, backoff, maxRateLimitRetries, rateLimit };
  const tokens = new ScopedTokens({
    read: tokenSourceFor(config, { ...endpoint, scope: READ_ONLY_SCOPE }),
    write: tokenSourceFor(config, { ...endpoint, scope: DEFAULT_SCOPE }),
    directory: tokenSourceFor(config, { ...endpoint, scope: MEMBER_READ_SCOPE }),
    pinned: options.scope ?? config.scope,
  });
  const stats = new StatsCounter();
  const transport = new Transport({
    apiBaseUrl: config.apiBaseUrl,
    tokens,
    dispatcher,
    limiters: options.limiters ?? processLimiters,
    limiterScope: `${config.apiBaseUrl}|${config.domainId ?? config.clientId ?? "token"}`,
    requestsPerMinute: options.requestsPerMinute ?? config.requestsPerMinute,
    gates: options.gates ?? processGates,
    maxConcurrentRequests: options.maxConcurrentRequests ?? config.maxConcurrentRequests,
    stats,
    userAgent: USER_AGENT,
    maxRetries,
    maxRateLimitRetries,
    backoff,
    rateLimit,
    timeoutMs,
    ...(options.log !== undefined && { log: options.log }),
  });
  return new HttpContactApi({
    transport,
    stats,
    tokenRequests: () => tokens.tokenRequests(),
    readToken: () => tokens.token("read"),
    domainId: config.domainId,
    listing: {
      cap: options.contactListingCap ?? CONTACT_LISTING_CAP,
      maxWindowMs: options.maxDateWindowMs ?? MAX_DATE_WINDOW_MS,
      now: () => Date.now(),
      onUnsplittable: (start, end) =>
        options.log?.(
          `contacts listing: ${start}..${end} reached the cap and cannot be split further; some contacts may be missing`,
        ),
    },
  });
}

export type * from "./contact-api";
export { HttpContactApi } from "./contact-api-client";
export {
  ClientConfigError,
  ClientSecrets,
  DEFAULT_API_BASE_URL,
  DEFAULT_AUTH_URL,
  DEFAULT_MAX_CONCURRENT_REQUESTS,
  DEFAULT_REQUESTS_PER_MINUTE,
  makeClientConfig,
  resolveClientConfig,
  type ClientConfig,
  type ClientConfigInput,
  type ConfigSource,
  type Scope,
} from "./config";
export { DuplicateNameError, isDuplicateName, LineWorksApiError, NO_HTTP_STATUS } from "./errors";
export type { ClientStats } from "./stats";
export { ReadOnlyScopeError } from "./scoped-tokens";
export { LimiterRegistry, RollingWindowLimiter } from "./rate-limiter";
export { ConcurrencyGate, GateRegistry } from "./concurrency";
