/**
 * Every API call goes through here: client-side rate limiting per API operation,
 * the bearer token (renewed once on a 401), waiting out 429s, retrying idempotent
 * calls on 5xx and connection failures, and never repeating a create blindly: an
 * ambiguous POST failure is followed by a lookup of the object by its natural key.
 */
import type { Dispatcher } from "undici";
import { TRUSTED_TOKEN_HOST_SUFFIXES, RATE_LIMIT_REMAINING_HEADER, RATE_LIMIT_RESET_HEADER } from "./assumptions";
import type { TokenSource } from "./auth";
import { backoffDelay, rateLimitDelay, type BackoffPolicy, type RateLimitWaitPolicy } from "./backoff";
import { hintFor, LineWorksApiError, NO_HTTP_STATUS } from "./errors";
import { parseJson, send, TransportFailure, type HttpResponse } from "./http";
import type { LimiterRegistry } from "./rate-limiter";
import type { StatsCounter } from "./stats";
import { apiErrorBody } from "./wire";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

const IDEMPOTENT_METHODS: ReadonlySet<HttpMethod> = new Set(["GET", "PUT", "PATCH", "DELETE"]);

export interface ApiCall {
  method: HttpMethod;
  /** Path template under the API base URL, e.g. "/contacts/{contactId}": it names the rate-limited operation. */
  template: string;
  params?: Record<string, string>;
  query?: Record<string, string | number | boolean | undefined>;
  json?: unknown;
  raw?: { body: Buffer; contentType: string };
  /** An absolute URL to call instead of the API path (photo upload and download URLs). */
  url?: string;
  /** Statuses that count as success; default any 2xx. */
  expect?: readonly number[];
  /** A POST that creates nothing (asking for an upload URL, uploading bytes): retried like PUT. */
  repeatable?: boolean;
  /** Names the natural key of a create or rename, for 409 messages, e.g. `contact tag name "VIP"`. */
  naturalKey?: string;
}

export interface RetryOptions {
  /** Retries after a 5xx or connection failure (idempotent calls) or an ambiguous create failure. */
  maxRetries: number;
  /** Retries after 429 answers, on top of maxRetries. */
  maxRateLimitRetries: number;
  backoff: BackoffPolicy;
  rateLimit: RateLimitWaitPolicy;
  timeoutMs: number;
}

export interface TransportOptions extends RetryOptions {
  apiBaseUrl: string;
  tokens: TokenSource;
  dispatcher: Dispatcher;
  limiters: LimiterRegistry;
  /** Which quota the limiters count against (API and identity). */
  limiterScope: string;
  requestsPerMinute: number;
  stats: StatsCounter;
  userAgent: string;
  log?: (message: string) => void;
}

/** What a create does when its POST may or may not have been applied. */
export type FindExisting<T> = () => Promise<T | undefined>;

export class Transport {
  private readonly apiOrigin: string;

  constructor(private readonly options: TransportOptions) {
    this.apiOrigin = new URL(options.apiBaseUrl).origin;
  }

  get apiBaseUrl(): string {
    return this.options.apiBaseUrl;
  }

  /** Any call except a create: idempotent methods and repeatable POSTs are retried, other POSTs are not. */
  async call(call: ApiCall): Promise<HttpResponse> {
    const retryable = IDEMPOTENT_METHODS.has(call.method) || call.repeatable === true;
    for (let attempt = 0; ; attempt++) {
      let response: HttpResponse;
      try {
        response = await this.exchange(call);
      } catch (error) {
        if (!(error instanceof TransportFailure)) throw error;
        const failure = error;
        if ((retryable || !failure.ambiguous) && attempt < this.options.maxRetries) {
          await this.retryAfter(attempt, `${describe(call)}: ${failure.reason}`);
          continue;
        }
        throw this.failureError(call, failure, attempt + 1);
      }
      if (this.isSuccess(call, response.status)) return response;
      // Our earlier attempt deleted it and its answer was lost: the delete succeeded.
      if (call.method === "DELETE" && response.status === 404 && attempt > 0) return response;
      if (response.status >= 500 && retryable && attempt < this.options.maxRetries) {
        await this.retryAfter(attempt, `${describe(call)}: ${response.status}`);
        continue;
      }
      throw this.responseError(call, response, attempt + 1);
    }
  }

  /**
   * A POST that creates an object. After an ambiguous failure (timeout, dropped
   * connection, 5xx) it waits, looks the object up with `findExisting`, and only
   * POSTs again when the object is not there. `accept` turns the success response
   * into the result.
   */
  async create<T>(call: ApiCall, accept: (response: HttpResponse) => T, findExisting: FindExisting<T>): Promise<T> {
    let ambiguous = false;
    for (let attempt = 0; ; attempt++) {
      let failure: string;
      try {
        const response = await this.exchange(call);
        if (this.isSuccess(call, response.status)) return accept(response);
        if (response.status === 409 && ambiguous) {
          // Our own earlier POST probably created it.
          const found = await findExisting();
          if (found !== undefined) return this.recovered(call, found);
        }
        if (response.status < 500) throw this.responseError(call, response, attempt + 1);
        if (attempt >= this.options.maxRetries) throw this.responseError(call, response, attempt + 1);
        failure = String(response.status);
        ambiguous = true;
      } catch (error) {
        if (!(error instanceof TransportFailure)) throw error;
        if (attempt >= this.options.maxRetries) throw this.failureError(call, error, attempt + 1, ambiguous || error.ambiguous);
        failure = error.reason;
        ambiguous ||= error.ambiguous;
      }
      await this.retryAfter(attempt, `${describe(call)}: ${failure}`);
      if (ambiguous) {
        const found = await findExisting();
        if (found !== undefined) return this.recovered(call, found);
      }
    }
  }

  private recovered<T>(call: ApiCall, found: T): T {
    this.options.stats.recoveredCreates++;
    this.options.log?.(`${describe(call)}: the earlier attempt had created the object; using it`);
    return found;
  }

  /**
   * One logical send: waits for the limiter, attaches the token, renews the token
   * once after a 401 and waits out 429s (both mean the request was not applied).
   */
  private async exchange(call: ApiCall): Promise<HttpResponse> {
    const { tokens, limiters, stats } = this.options;
    const operation = `${call.method} ${call.template}`;
    const limiter = limiters.get(this.options.limiterScope, operation, this.options.requestsPerMinute);
    const url = call.url ?? this.apiUrl(call);
    const withToken = this.mayReceiveToken(url);
    let renewedToken = false;
    for (let rateLimited = 0; ; ) {
      await limiter.acquire();
      const token = withToken ? await tokens.token() : undefined;
      let response: HttpResponse;
      try {
        response = await send(this.options.dispatcher, {
          url,
          method: call.method,
          headers: this.headers(call, token),
          ...bodyOf(call),
          timeoutMs: this.options.timeoutMs,
        });
      } catch (error) {
        stats.recordRequest(operation, NO_HTTP_STATUS);
        throw error;
      }
      stats.recordRequest(operation, response.status);
      const reset = response.headers[RATE_LIMIT_RESET_HEADER];
      if (response.status === 429 && rateLimited < this.options.maxRateLimitRetries) {
        const delay = rateLimitDelay(reset, rateLimited, this.options.rateLimit);
        limiter.pauseUntil(Date.now() + delay);
        rateLimited++;
        stats.retries++;
        this.options.log?.(`${describe(call)}: 429, waiting ${delay} ms`);
        continue;
      }
      if (response.headers[RATE_LIMIT_REMAINING_HEADER] === "0" && reset !== undefined) {
        limiter.pauseUntil(Date.now() + rateLimitDelay(reset, 0, this.options.rateLimit));
      }
      if (response.status === 401 && token !== undefined && tokens.canRenew && !renewedToken) {
        renewedToken = true;
        tokens.invalidate(token);
        stats.retries++;
        continue;
      }
      return response;
    }
  }

  private isSuccess(call: ApiCall, status: number): boolean {
    return call.expect ? call.expect.includes(status) : status >= 200 && status < 300;
  }

  private async retryAfter(attempt: number, what: string): Promise<void> {
    const delay = backoffDelay(attempt, this.options.backoff);
    this.options.stats.retries++;
    this.options.log?.(`${what}; retrying in ${delay} ms`);
    await new Promise((resolve) => setTimeout(resolve, delay));
  }

  private apiUrl(call: ApiCall): string {
    const path = call.template.replace(/\{(\w+)\}/g, (_, name: string) => {
      const value = call.params?.[name];
      if (value === undefined || value === "") throw new TypeError(`missing path parameter ${name} for ${call.template}`);
      return encodeURIComponent(value);
    });
    return `${this.options.apiBaseUrl}${path}${queryString(call.query)}`;
  }

  /** The token goes to the API's origin and to LINE WORKS hosts only, never to a foreign upload/download URL. */
  private mayReceiveToken(url: string): boolean {
    const target = new URL(url);
    if (target.origin === this.apiOrigin) return true;
    return target.protocol === "https:" && TRUSTED_TOKEN_HOST_SUFFIXES.some((suffix) => target.hostname.endsWith(suffix));
  }

  private headers(call: ApiCall, token: string | undefined): Record<string, string> {
    const headers: Record<string, string> = { accept: "application/json", "user-agent": this.options.userAgent };
    if (token !== undefined) headers.authorization = `Bearer ${token}`;
    if (call.json !== undefined) headers["content-type"] = "application/json";
    if (call.raw !== undefined) headers["content-type"] = call.raw.contentType;
    return headers;
  }

  private responseError(call: ApiCall, response: HttpResponse, attempts: number): LineWorksApiError {
    const parsed = apiErrorBody.safeParse(parseJson(response.body));
    const code = (parsed.success && parsed.data.code) || `HTTP_${response.status}`;
    const description =
      (parsed.success && parsed.data.description) || response.body.toString("utf8").slice(0, 300).trim();
    const hint = hintFor({
      method: call.method,
      status: response.status,
      authMode: this.options.tokens.mode,
      grantedScope: this.options.tokens.grantedScope(),
      naturalKey: call.naturalKey,
    });
    return new LineWorksApiError({
      status: response.status,
      code,
      description,
      method: call.method,
      path: this.displayPath(call),
      attempts,
      ...(hint !== undefined && { hint }),
    });
  }

  private failureError(call: ApiCall, failure: TransportFailure, attempts: number, ambiguous = false): LineWorksApiError {
    const origin = safeOrigin(call.url ?? this.options.apiBaseUrl);
    const what = failure.kind === "timeout" ? `no answer within ${this.options.timeoutMs} ms` : `could not talk to ${origin}`;
    const hint =
      call.method === "POST" && ambiguous && call.repeatable !== true
        ? "The object may or may not have been created; run again (a later run finds it by its natural key) or check the API"
        : failure.kind === "connect"
          ? "Check lineworks:apiBaseUrl and the network"
          : "The LINE WORKS API did not answer; try again later";
    return new LineWorksApiError({
      status: NO_HTTP_STATUS,
      code: failure.kind === "timeout" ? "TIMEOUT" : "CONNECTION_FAILED",
      description: `${what} (${failure.reason})`,
      method: call.method,
      path: this.displayPath(call),
      attempts,
      hint,
    });
  }

  /** The path shown in errors: the API path with its ids, without the query string or an upload URL's secrets. */
  private displayPath(call: ApiCall): string {
    if (call.url !== undefined) return call.template;
    return this.apiUrl({ ...call, query: undefined }).slice(this.options.apiBaseUrl.length);
  }
}

export function isIdempotent(method: HttpMethod): boolean {
  return IDEMPOTENT_METHODS.has(method);
}

/** `?a=1&b=x%2By`: every value percent-encoded (`+` as %2B, spaces as %20), undefined values left out. */
export function queryString(query: ApiCall["query"]): string {
  if (!query) return "";
  const parts: string[] = [];
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    parts.push(`${encodeURIComponent(name)}=${encodeURIComponent(String(value))}`);
  }
  return parts.length > 0 ? `?${parts.join("&")}` : "";
}

function bodyOf(call: ApiCall): { body?: string | Buffer } {
  if (call.raw !== undefined) return { body: call.raw.body };
  if (call.json !== undefined) return { body: JSON.stringify(call.json) };
  return {};
}

function describe(call: ApiCall): string {
  return `${call.method} ${call.template}`;
}

function safeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return "the API";
  }
}
