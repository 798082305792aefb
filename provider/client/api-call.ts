/** One API call as the client describes it, and how it becomes a URL. */

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface ApiCall {
  method: HttpMethod;
  /** Path template under the API base URL, e.g. "/contacts/{contactId}": it names the rate-limited operation. */
  template: string;
  params?: Record<string, string>;
  query?: Record<string, string | number | boolean | undefined>;
  json?: unknown;
  raw?: { body: Buffer; contentType: string };
  /** An absolute URL to call instead of the API path (photo upload and download URLs the API handed out). */
  url?: string;
  /** Statuses that count as success; default any 2xx. */
  expect?: readonly number[];
  /** A POST that creates nothing (asking for an upload URL, uploading bytes): retried like PUT. */
  repeatable?: boolean;
  /** Names the natural key of a create or rename, for 409 messages, e.g. `contact tag name "VIP"`. */
  naturalKey?: string;
  /** A Directory API read (a member): sent with the member-read token, not a contact one. */
  directory?: boolean;
  /**
   * A POST to the OAuth token endpoint (`url`, a form in `raw`), made by token-grant.ts: sent without
   * a bearer token, its error body read as `{error, error_description}`. Which grant and scope, for hints.
   */
  tokenGrant?: TokenGrantCall;
}

export interface TokenGrantCall {
  /** The service-account JWT grant, or the refresh-token grant. */
  grant: "jwt" | "refresh";
  /** The scope the token is asked for. */
  scope: string;
}

const IDEMPOTENT_METHODS: ReadonlySet<HttpMethod> = new Set(["GET", "PUT", "PATCH", "DELETE"]);

export function isIdempotent(method: HttpMethod): boolean {
  return IDEMPOTENT_METHODS.has(method);
}

/** Whether the call may simply be sent again after a 5xx or a lost answer. */
export function isRetryable(call: ApiCall): boolean {
  return isIdempotent(call.method) || call.repeatable === true;
}

/** The absolute URL of a call: its own `url`, or the template under the API base URL with its query. */
export function urlOf(call: ApiCall, apiBaseUrl: string): string {
  return call.url ?? `${apiBaseUrl}${pathOf(call)}${queryString(call.query)}`;
}

/** The path shown in errors: the API path with its ids, without the query string or an upload URL's secrets. */
export function displayPath(call: ApiCall): string {
  if (call.url !== undefined) return call.template;
  return pathOf(call);
}

export function describeCall(call: ApiCall): string {
  return `${call.method} ${call.template}`;
}

function pathOf(call: ApiCall): string {
  return call.template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = call.params?.[name];
    if (value === undefined || value === "") throw new TypeError(`missing path parameter ${name} for ${call.template}`);
    return encodeURIComponent(value);
  });
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

export function bodyOf(call: ApiCall): { body?: string | Buffer } {
  if (call.raw !== undefined) return { body: call.raw.body };
  if (call.json !== undefined) return { body: JSON.stringify(call.json) };
  return {};
}

export function safeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return "the API";
  }
}
