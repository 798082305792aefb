/**
 * One HTTP exchange over undici, with a timeout, and failures sorted by what
 * they mean for a retry: "connect" (the request never left, safe to send again),
 * "timeout" and "dropped" (it may have been applied: ambiguous).
 */
import type { Dispatcher } from "undici";

/**
 * undici is loaded on the first request: its ~100 modules cost a provider process ~100 ms, which
 * a run that calls no API (a no-op preview: the diffs find nothing to do) need not pay.
 */
const undici = (): typeof import("undici") => require("undici") as typeof import("undici");

export interface HttpRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  timeoutMs: number;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string | undefined>;
  body: Buffer;
}

export type FailureKind = "connect" | "timeout" | "dropped";

export class TransportFailure extends Error {
  constructor(
    readonly kind: FailureKind,
    /** A short technical reason such as ECONNREFUSED or UND_ERR_SOCKET (never request data). */
    readonly reason: string,
  ) {
    super(`${kind}: ${reason}`);
    this.name = "TransportFailure";
  }

  /** The server may have applied the request. */
  get ambiguous(): boolean {
    return this.kind !== "connect";
  }
}

const CONNECT_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
]);
const TIMEOUT_CODES = new Set(["UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT", "ETIMEDOUT"]);

export function classifyFailure(error: unknown): TransportFailure {
  if (error instanceof TransportFailure) return error;
  const seen = new Set<unknown>();
  let current: unknown = error;
  // undici wraps the socket error as `cause`; look through the chain for a known code.
  while (current instanceof Error && !seen.has(current)) {
    seen.add(current);
    const code = (current as NodeJS.ErrnoException).code;
    if (code && CONNECT_CODES.has(code)) return new TransportFailure("connect", code);
    if (code && TIMEOUT_CODES.has(code)) return new TransportFailure("timeout", code);
    if (current.name === "TimeoutError" || current.name === "AbortError") {
      return new TransportFailure("timeout", current.name);
    }
    current = (current as { cause?: unknown }).cause;
  }
  const code = error instanceof Error ? ((error as NodeJS.ErrnoException).code ?? error.name) : "unknown";
  return new TransportFailure("dropped", code);
}

let sharedDispatcher: Dispatcher | undefined;

/** One keep-alive connection pool per process, shared by every client. */
export function processDispatcher(): Dispatcher {
  sharedDispatcher ??= new (undici().Agent)({
    keepAliveTimeout: 10_000,
    keepAliveMaxTimeout: 60_000,
    connections: 16,
    connect: { timeout: 10_000 },
  });
  return sharedDispatcher;
}

export async function send(dispatcher: Dispatcher, req: HttpRequest): Promise<HttpResponse> {
  try {
    const response = await undici().request(req.url, {
      dispatcher,
      method: req.method as Dispatcher.HttpMethod,
      headers: req.headers,
      body: req.body ?? null,
      headersTimeout: req.timeoutMs,
      bodyTimeout: req.timeoutMs,
      signal: AbortSignal.timeout(req.timeoutMs),
    });
    const body = Buffer.from(await response.body.arrayBuffer());
    const headers: Record<string, string | undefined> = {};
    for (const [name, value] of Object.entries(response.headers)) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
    }
    return { status: response.statusCode, headers, body };
  } catch (error) {
    throw classifyFailure(error);
  }
}

/** A response body as JSON, or undefined when it is not JSON (error pages, empty bodies). */
export function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    return undefined;
  }
}
