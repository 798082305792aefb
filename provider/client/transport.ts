/**
 * Every HTTP call goes through here, the token grant included (token-grant.ts). The outer layer of the transport chain:
 * retrying idempotent calls on 5xx (503 included) and connection failures, and never
 * repeating a create blindly: an ambiguous POST failure is followed by a lookup of
 * the object by its natural key. The inner layers (rate limit, token, 429, token
 * renewal, redirects) are in exchange.ts.
 */
import { describeCall, isRetryable, type ApiCall } from "./api-call";
import { backoffDelay, type BackoffPolicy } from "./backoff";
import { duplicateNameError, failureError, responseError, type ErrorContext } from "./call-errors";
import { GONE_STATUSES } from "./assumptions";
import { mayBeDuplicateName, type LineWorksApiError } from "./errors";
import { Exchanger, type ExchangeOptions } from "./exchange";
import { TransportFailure, type HttpResponse } from "./http";
import { accessOf } from "./scoped-tokens";

export { isIdempotent, queryString, type ApiCall, type HttpMethod } from "./api-call";

export interface RetryOptions {
  /** Retries after a 5xx or connection failure (idempotent calls) or an ambiguous create failure. */
  maxRetries: number;
  backoff: BackoffPolicy;
}

export type TransportOptions = RetryOptions & ExchangeOptions;

/** The user-agent of every request, API calls and token grants alike. */
export const USER_AGENT = "lineworks-contacts-pulumi";

/** What a create does when its POST may or may not have been applied. */
export type FindExisting<T> = () => Promise<T | undefined>;

/** A create keyed by a unique name: how to tell "the name is taken" (400 or 409) from other refusals. */
export interface DuplicateNameCheck {
  /** What the name belongs to, e.g. `contact tag name "VIP"`. */
  naturalKey: string;
  /** The id of the object holding the natural key now, if any. */
  findHolder: () => Promise<string | undefined>;
}

export class Transport {
  private readonly exchanger: Exchanger;

  constructor(private readonly options: TransportOptions) {
    this.exchanger = new Exchanger(options);
  }

  get apiBaseUrl(): string {
    return this.options.apiBaseUrl;
  }

  /** Any call except a create: idempotent methods and repeatable POSTs are retried, other POSTs are not. */
  async call(call: ApiCall): Promise<HttpResponse> {
    const retryable = isRetryable(call);
    for (let attempt = 0; ; attempt++) {
      let response: HttpResponse;
      try {
        response = await this.exchanger.exchange(call);
      } catch (error) {
        if (!(error instanceof TransportFailure)) throw error;
        if ((retryable || !error.ambiguous) && attempt < this.options.maxRetries) {
          await this.retryAfter(attempt, `${describeCall(call)}: ${error.reason}`);
          continue;
        }
        throw failureError(call, error, attempt + 1, this.errorContext(call));
      }
      if (this.isSuccess(call, response.status)) return response;
      // Our earlier attempt deleted it and its answer was lost: the delete succeeded.
      if (call.method === "DELETE" && GONE_STATUSES.includes(response.status) && attempt > 0) return response;
      if (response.status >= 500 && retryable && attempt < this.options.maxRetries) {
        await this.retryAfter(attempt, `${describeCall(call)}: ${response.status}`);
        continue;
      }
      throw responseError(call, response, attempt + 1, this.errorContext(call));
    }
  }

  /**
   * A POST that creates an object. After an ambiguous failure (timeout, dropped
   * connection, 5xx) it waits, looks the object up with `findExisting`, and only
   * POSTs again when the object is not there. With `duplicate`, a 400 or 409 answer
   * is a DuplicateNameError when the name turns out to be taken (a 409 always is).
   */
  async create<T>(
    call: ApiCall,
    accept: (response: HttpResponse) => T,
    findExisting: FindExisting<T>,
    duplicate?: DuplicateNameCheck,
  ): Promise<T> {
    let ambiguous = false;
    for (let attempt = 0; ; attempt++) {
      let failure: string;
      try {
        const response = await this.exchanger.exchange(call);
        if (this.isSuccess(call, response.status)) return accept(response);
        const refusedAsDuplicate = duplicate ? mayBeDuplicateName(response.status) : response.status === 409;
        if (refusedAsDuplicate && ambiguous) {
          // Our own earlier POST probably created it.
          const found = await findExisting();
          if (found !== undefined) return this.recovered(call, found);
        }
        if (refusedAsDuplicate && duplicate) throw await this.duplicateOrPlain(call, response, attempt + 1, duplicate);
        if (response.status < 500 || attempt >= this.options.maxRetries) {
          throw responseError(call, response, attempt + 1, this.errorContext(call));
        }
        failure = String(response.status);
        ambiguous = true;
      } catch (error) {
        if (!(error instanceof TransportFailure)) throw error;
        if (attempt >= this.options.maxRetries) {
          throw failureError(call, error, attempt + 1, this.errorContext(call), ambiguous || error.ambiguous);
        }
        failure = error.reason;
        ambiguous ||= error.ambiguous;
      }
      await this.retryAfter(attempt, `${describeCall(call)}: ${failure}`);
      if (ambiguous) {
        const found = await findExisting();
        if (found !== undefined) return this.recovered(call, found);
      }
    }
  }

  private async duplicateOrPlain(
    call: ApiCall,
    response: HttpResponse,
    attempts: number,
    duplicate: DuplicateNameCheck,
  ): Promise<LineWorksApiError> {
    const holder = await duplicate.findHolder();
    if (holder === undefined && response.status !== 409) return responseError(call, response, attempts, this.errorContext(call));
    return duplicateNameError(call, response, attempts, duplicate.naturalKey, holder);
  }

  private recovered<T>(call: ApiCall, found: T): T {
    this.options.stats.recoveredCreates++;
    this.options.log?.(`${describeCall(call)}: the earlier attempt had created the object; using it`);
    return found;
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

  private errorContext(call: ApiCall): ErrorContext {
    const { tokens } = this.options;
    return {
      // Without a token source the calls are token grants, which only the JWT mode makes.
      authMode: tokens?.mode ?? "jwt",
      grantedScope: tokens?.grantedScope(accessOf(call)),
      timeoutMs: this.options.timeoutMs,
      apiBaseUrl: this.options.apiBaseUrl,
    };
  }
}
