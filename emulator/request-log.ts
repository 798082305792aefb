/** The log of API and token requests served since the last clear (`/_emulator/requests`). */

export interface RequestLogEntry {
  /** "api" for /v1.0 calls, "token" for the token endpoint, "app" for edits made as the app would (routes/app.ts). */
  kind: "api" | "token" | "app";
  method: string;
  path: string;
  query: Record<string, unknown>;
  status: number;
  time: string;
  /** Method and route pattern, e.g. `PATCH /v1.0/contact-tags/:contactTagId`. */
  route: string;
  /** The domain of the caller, when authenticated. */
  domainId?: number;
  /**
   * The scope of the token behind an API call (comma-separated), when authenticated; for a
   * token request, the scope it asked for, or the one granted by a refresh.
   */
  scope?: string;
  /** Set when a fault was injected: "status500" | "status429" | "status503" | "drop" | "redirect". */
  fault?: string;
  /** True when the connection was destroyed after the request was applied. */
  dropped?: boolean;
  /** Milliseconds from the request's arrival (`time`) to its logging, set by add(). */
  latencyMs?: number;
}

/** Oldest entries are discarded beyond this many, so long benchmarks stay bounded. */
const MAX_ENTRIES = 100_000;
/** Trimmed in batches, so adding stays O(1) amortized. */
const TRIM_SLACK = 10_000;

export class RequestLog {
  private entries: RequestLogEntry[] = [];

  add(entry: RequestLogEntry): void {
    entry.latencyMs ??= Math.max(0, Date.now() - Date.parse(entry.time));
    this.entries.push(entry);
    if (this.entries.length > MAX_ENTRIES + TRIM_SLACK) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
  }

  /**
   * API calls; with `includeToken`, also calls to the token endpoint (a separate host in the real
   * service); with `includeApp`, also the edits made as the app would (never API calls).
   */
  list(includeToken = false, includeApp = false): RequestLogEntry[] {
    if (includeToken && includeApp) return this.entries;
    return this.entries.filter((entry) => entry.kind === "api" || (includeToken && entry.kind === "token") || (includeApp && entry.kind === "app"));
  }

  clear(): void {
    this.entries = [];
  }
}
