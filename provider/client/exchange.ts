/**
 * One logical send, the inner layers of the transport chain, in order for every
 * request (API calls, uploads, downloads and token grants alike):
 *   client-side rate limit -> bearer token of the call's scope (only where it may go) ->
 *   a place among the requests in flight (concurrency.ts) -> HTTP ->
 *   wait out 429 -> renew a refused token (at most 3 times a call) -> follow 307/308 on the same origin.
 * A token grant (call.tokenGrant) carries no bearer token: it is how one is obtained.
 * Each of these means the request was not applied, so repeating it is always safe.
 * What remains (5xx, lost answers) is the outer retry layer's job (transport.ts).
 */
import type { Dispatcher } from "undici";
import { bodyOf, describeCall, urlOf, type ApiCall } from "./api-call";
import { RATE_LIMIT_REMAINING_HEADER, RATE_LIMIT_RESET_HEADER } from "./assumptions";
import { rateLimitDelay, type RateLimitWaitPolicy } from "./backoff";
import { apiErrorOf, refusedRedirectError } from "./call-errors";
import { isRejectedToken, NO_HTTP_STATUS } from "./errors";
import { send, type HttpResponse } from "./http";
import type { GateRegistry } from "./concurrency";
import { unlimited, type LimiterRegistry } from "./rate-limiter";
import { mayReceiveToken, redirectDecision } from "./redirects";
import { accessOf, type ScopedTokens } from "./scoped-tokens";
import type { StatsCounter } from "./stats";

export interface ExchangeOptions {
  apiBaseUrl: string;
  /**
   * The token of each call: contact.read for reads, contact for writes (scoped-tokens.ts).
   * Absent for the token endpoint's own transport (token-grant.ts): its calls carry no token.
   */
  tokens?: ScopedTokens;
  dispatcher: Dispatcher;
  limiters: LimiterRegistry;
  /** Which quota the limiters count against (API and identity). */
  limiterScope: string;
  requestsPerMinute: number;
  gates: GateRegistry;
  /** Requests in flight at once per limiterScope, in the whole process (0: no bound). */
  maxConcurrentRequests: number;
  stats: StatsCounter;
  userAgent: string;
  /** Retries after 429 answers. */
  maxRateLimitRetries: number;
  rateLimit: RateLimitWaitPolicy;
  timeoutMs: number;
  log?: (message: string) => void;
}

/**
 * Renewals of a refused token within one call. More than one: a call that waited (429s,
 * a paused limiter) may see its fresh token expire or be revoked too; a bound, because
 * an API that refuses every fresh token points to the credentials.
 */
const MAX_TOKEN_RENEWALS = 3;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class Exchanger {
  private readonly apiOrigin: string;

  constructor(private readonly options: ExchangeOptions) {
    this.apiOrigin = new URL(options.apiBaseUrl).origin;
  }

  async exchange(call: ApiCall): Promise<HttpResponse> {
    const { tokens, limiters, stats } = this.options;
    tokens?.permit(call);
    const access = accessOf(call);
    const operation = describeCall(call);
    const limiter = limiters.get(this.options.limiterScope, operation, this.options.requestsPerMinute);
    const gate = this.options.gates.get(this.options.limiterScope, this.options.maxConcurrentRequests);
    let url = urlOf(call, this.options.apiBaseUrl);
    let hops = 0;
    let rateLimited = 0;
    let renewals = 0;
    for (;;) {
      const grant = await limiter.acquire();
      const bearer = tokens !== undefined && call.tokenGrant === undefined && mayReceiveToken(url, this.apiOrigin);
      const token = bearer ? await tokens.token(access) : undefined;
      let response: HttpResponse;
      try {
        const request = { url, method: call.method, headers: this.headers(call, token), ...bodyOf(call), timeoutMs: this.options.timeoutMs };
        response = await gate.run(() => send(this.options.dispatcher, request));
      } catch (error) {
        stats.recordRequest(operation, NO_HTTP_STATUS);
        throw error;
      }
      stats.recordRequest(operation, response.status);
      const reset = response.headers[RATE_LIMIT_RESET_HEADER];
      // A 429 of either limit, per minute or concurrent access, is waited out the same way: on
      // rateLimit-reset when the answer gives it, else with backoff. The refused attempt gives its
      // place in the client's window back (after the pause is set).
      if (response.status === 429 && rateLimited < this.options.maxRateLimitRetries) {
        const delay = rateLimitDelay(reset, rateLimited, this.options.rateLimit);
        if (reset !== undefined) {
          // The server said when its quota frees up: every call of the operation waits for it.
          limiter.pauseUntil(Date.now() + delay);
        } else {
          // No reset (e.g. too many requests in flight): one place fewer in flight, the operation
          // pauses briefly so waiting calls spread out, and this call backs off further on each repeat.
          gate.congested();
          limiter.pauseUntil(Date.now() + rateLimitDelay(undefined, 0, this.options.rateLimit));
        }
        grant.refund();
        rateLimited++;
        stats.retries++;
        this.options.log?.(`${operation}: 429, waiting ${delay} ms`);
        // Without a client-side limiter (requestsPerMinute 0, the token endpoint) nobody holds the pause: this call waits itself.
        if (reset === undefined || limiter === unlimited) await sleep(delay);
        continue;
      }
      if (response.status !== 429) gate.served();
      if (response.headers[RATE_LIMIT_REMAINING_HEADER] === "0" && reset !== undefined) {
        limiter.pauseUntil(Date.now() + rateLimitDelay(reset, 0, this.options.rateLimit));
      }
      if (
        token !== undefined &&
        tokens?.canRenew === true &&
        renewals < MAX_TOKEN_RENEWALS &&
        isRejectedToken(response.status, apiErrorOf(response).code)
      ) {
        renewals++;
        tokens.invalidate(token);
        stats.retries++;
        stats.tokenRenewals++;
        this.options.log?.(`${operation}: ${response.status}, the token was refused; renewing it`);
        continue;
      }
      const setting = call.tokenGrant === undefined ? "lineworks:apiBaseUrl" : "lineworks:authUrl";
      const redirect = redirectDecision(response.status, response.headers.location, url, hops, call.expect, setting);
      if (redirect.follow === "refuse") throw refusedRedirectError(call, response.status, redirect);
      if (redirect.follow) {
        url = redirect.url;
        hops++;
        stats.redirects++;
        continue;
      }
      return response;
    }
  }

  private headers(call: ApiCall, token: string | undefined): Record<string, string> {
    const headers: Record<string, string> = { accept: "application/json", "user-agent": this.options.userAgent };
    if (token !== undefined) headers.authorization = `Bearer ${token}`;
    if (call.json !== undefined) headers["content-type"] = "application/json";
    if (call.raw !== undefined) headers["content-type"] = call.raw.contentType;
    return headers;
  }
}
