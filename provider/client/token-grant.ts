/**
 * The token grant (the OAuth token POST) as one more call through the transport chain
 * (transport.ts, exchange.ts): the same retries after a 5xx or a lost answer (a token request
 * is harmless to repeat), the same 429 waits on the same rateLimit-reset header with the same
 * cap and budget, the same redirect policy, the same error mapper (call-errors.ts) and redaction.
 * It differs only where it must: no bearer token (it is how one is obtained), and no client-side
 * limiter or concurrency gate (the token endpoint is another host with its own quota, asked once
 * per credential and scope in a process).
 */
import type { Dispatcher } from "undici";
import type { ApiCall, TokenGrantCall } from "./api-call";
import {
  DEFAULT_MAX_RATE_LIMIT_RETRIES,
  DEFAULT_MAX_RATE_LIMIT_WAIT_MS,
  type BackoffPolicy,
  type RateLimitWaitPolicy,
} from "./backoff";
import { tokenResponseError } from "./call-errors";
import { processGates } from "./concurrency";
import { parseJson } from "./http";
import { processLimiters } from "./rate-limiter";
import { processRedactor } from "./redact";
import { StatsCounter } from "./stats";
import { Transport, USER_AGENT } from "./transport";
import { tokenResponse } from "./wire";

export interface TokenEndpointOptions {
  dispatcher: Dispatcher;
  timeoutMs: number;
  /** Retries after a 5xx or a connection failure. */
  maxRetries: number;
  backoff: BackoffPolicy;
  /** Retries after 429 answers (default DEFAULT_MAX_RATE_LIMIT_RETRIES, as for API calls). */
  maxRateLimitRetries?: number;
  /** Waits after a 429 (default: backoff, at most DEFAULT_MAX_RATE_LIMIT_WAIT_MS, as for API calls). */
  rateLimit?: RateLimitWaitPolicy;
  scope?: string;
  now?: () => number;
}

export interface GrantedToken {
  accessToken: string;
  refreshToken: string | undefined;
  scope: string | undefined;
  /** Seconds, when the answer said. */
  expiresIn: number | undefined;
}

const FORM_CONTENT_TYPE = "application/x-www-form-urlencoded";

/** The token endpoint of one credential: sends grants through its own transport and counts them. */
export class TokenEndpoint {
  private readonly stats = new StatsCounter();
  private readonly transport: Transport;
  /** Where errors say the call went: the endpoint's origin and path, never a query string. */
  private readonly template: string;

  constructor(
    private readonly authUrl: string,
    options: TokenEndpointOptions,
  ) {
    this.template = safePath(authUrl);
    this.transport = new Transport({
      apiBaseUrl: authUrl,
      dispatcher: options.dispatcher,
      limiters: processLimiters,
      limiterScope: authUrl,
      requestsPerMinute: 0,
      gates: processGates,
      maxConcurrentRequests: 0,
      stats: this.stats,
      userAgent: USER_AGENT,
      maxRetries: options.maxRetries,
      backoff: options.backoff,
      maxRateLimitRetries: options.maxRateLimitRetries ?? DEFAULT_MAX_RATE_LIMIT_RETRIES,
      rateLimit: options.rateLimit ?? { ...options.backoff, maxWaitMs: DEFAULT_MAX_RATE_LIMIT_WAIT_MS },
      timeoutMs: options.timeoutMs,
    });
  }

  /** POSTs the grant's form; the token's values are registered as secrets before anything else sees them. */
  async grant(form: Record<string, string>, grant: TokenGrantCall): Promise<GrantedToken> {
    const call: ApiCall = {
      method: "POST",
      template: this.template,
      url: this.authUrl,
      raw: { body: Buffer.from(new URLSearchParams(form).toString()), contentType: FORM_CONTENT_TYPE },
      repeatable: true,
      tokenGrant: grant,
    };
    const response = await this.transport.call(call);
    const parsed = tokenResponse.safeParse(parseJson(response.body));
    if (!parsed.success) throw tokenResponseError(call, response);
    const token = parsed.data;
    processRedactor.addSecret(token.access_token);
    processRedactor.addSecret(token.refresh_token);
    return { accessToken: token.access_token, refreshToken: token.refresh_token, scope: token.scope, expiresIn: token.expires_in };
  }

  /** Requests sent to the token endpoint (every attempt counts). */
  requests(): number {
    return this.stats.snapshot(0).requests;
  }
}

function safePath(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return "(token endpoint)";
  }
}
