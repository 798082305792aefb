/** Counters of what a client sent, for benchmarks and tests. */

export interface ClientStats {
  /** HTTP requests sent to the API (every attempt counts). */
  requests: number;
  /** Requests per API operation, e.g. "GET /contacts/{contactId}". */
  byOperation: Record<string, number>;
  /** Responses per HTTP status ("0" for no response). */
  byStatus: Record<string, number>;
  /** Attempts repeated after a 5xx, a 429, a 401 or a connection failure. */
  retries: number;
  /** 429 answers received. */
  rateLimited: number;
  /** Creates whose POST failed ambiguously and whose object was then found by its natural key. */
  recoveredCreates: number;
  /** Tokens renewed because the API refused one (401, or 403 UNAUTHORIZED). */
  tokenRenewals: number;
  /** 307/308 redirects followed. */
  redirects: number;
  /** Requests to the token endpoint for this client's credential (process-wide, shared by clients). */
  tokenRequests: number;
}

export class StatsCounter {
  private requests = 0;
  private readonly byOperation = new Map<string, number>();
  private readonly byStatus = new Map<string, number>();
  retries = 0;
  rateLimited = 0;
  recoveredCreates = 0;
  tokenRenewals = 0;
  redirects = 0;

  recordRequest(operation: string, status: number): void {
    this.requests++;
    this.byOperation.set(operation, (this.byOperation.get(operation) ?? 0) + 1);
    this.byStatus.set(String(status), (this.byStatus.get(String(status)) ?? 0) + 1);
    if (status === 429) this.rateLimited++;
  }

  snapshot(tokenRequests: number): ClientStats {
    return {
      requests: this.requests,
      byOperation: Object.fromEntries(this.byOperation),
      byStatus: Object.fromEntries(this.byStatus),
      retries: this.retries,
      rateLimited: this.rateLimited,
      recoveredCreates: this.recoveredCreates,
      tokenRenewals: this.tokenRenewals,
      redirects: this.redirects,
      tokenRequests,
    };
  }
}
