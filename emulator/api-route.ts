/**
 * Registers a `/v1.0` API operation with the pipeline every operation shares:
 * bearer auth -> rate limit (with the rateLimit-* headers) -> scope -> faults ->
 * handler; and the request log entry. Handlers are plain functions returning a
 * status and body, or throwing ApiError.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods } from "fastify";
import { RATE_LIMIT_HEADERS } from "./assumptions";
import { canAccess, type Caller } from "./auth";
import type { EmulatorContext } from "./context";
import { ApiError } from "./errors";
import type { RateLimitVerdict } from "./rate-limit";
import type { RequestLogEntry } from "./request-log";
import type { Domain } from "./store";

export const API_PREFIX = "/v1.0";

export interface ApiCall {
  caller: Caller;
  domain: Domain;
  params: Record<string, string>;
  query: Record<string, string | string[] | undefined>;
  body: unknown;
  request: FastifyRequest;
  /** `http://host:port` as the client reached us (for upload and download URLs). */
  origin: string;
}

export interface ApiResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type ApiHandler = (call: ApiCall) => ApiResponse | Promise<ApiResponse>;

/** Per-request bookkeeping shared by hooks, handler and log. */
interface RequestInfo {
  kind: RequestLogEntry["kind"];
  route: string;
  time: string;
  caller?: Caller;
  fault?: "status500" | "status429" | "drop";
  logged?: boolean;
}

const requestInfo = new WeakMap<object, RequestInfo>();

export function origin(request: FastifyRequest): string {
  return `${request.protocol}://${request.headers.host ?? request.hostname}`;
}

function setRateLimitHeaders(reply: FastifyReply, verdict: RateLimitVerdict): void {
  reply.header(RATE_LIMIT_HEADERS.limit, String(verdict.limit));
  reply.header(RATE_LIMIT_HEADERS.remaining, String(verdict.remaining));
  reply.header(RATE_LIMIT_HEADERS.reset, String(verdict.resetSeconds));
  reply.header(RATE_LIMIT_HEADERS.used, String(verdict.used));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Marks a request for the log (API and token calls); the log entry is written when it ends. */
export function trackRequest(request: FastifyRequest, kind: RequestLogEntry["kind"], route: string): void {
  requestInfo.set(request.raw, { kind, route, time: new Date().toISOString() });
}

export function logEntryFor(request: FastifyRequest, status: number): RequestLogEntry | undefined {
  const info = requestInfo.get(request.raw);
  if (!info || info.logged) return undefined;
  info.logged = true;
  const queryStart = request.url.indexOf("?");
  return {
    kind: info.kind,
    method: request.method,
    path: queryStart < 0 ? request.url : request.url.slice(0, queryStart),
    query: { ...(request.query as Record<string, unknown> | undefined) },
    status,
    time: info.time,
    route: info.route,
    ...(info.caller ? { domainId: info.caller.domain.domainId } : {}),
    ...(info.fault ? { fault: info.fault } : {}),
    ...(info.fault === "drop" ? { dropped: true } : {}),
  };
}

export function registerApiRoute(
  app: FastifyInstance,
  context: EmulatorContext,
  method: HTTPMethods,
  path: string,
  access: "read" | "write",
  handler: ApiHandler,
): void {
  const url = `${API_PREFIX}${path}`;
  const route = `${method} ${url}`;

  app.route({
    method,
    url,
    onRequest: async (request, reply) => {
      trackRequest(request, "api", route);
      const info = requestInfo.get(request.raw)!;
      let caller: Caller;
      try {
        caller = context.tokens.authenticate(request.headers.authorization);
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        return reply.code(err.status).send(err.toBody());
      }
      info.caller = caller;
      const verdict = context.rateLimiter.take(caller.domain.domainId, route);
      setRateLimitHeaders(reply, verdict);
      if (!verdict.allowed) {
        const error = new ApiError(429, `too many requests: at most ${verdict.limit} a minute for ${route}`);
        return reply.code(429).send(error.toBody());
      }
      if (!canAccess(caller.scopes, access)) {
        const error = new ApiError(403, `the token's scope does not allow ${access === "write" ? "writes" : "reads"}`);
        return reply.code(403).send(error.toBody());
      }
      if (!context.faults.active) return;
      const decision = context.faults.decide();
      if (decision.latencyMs > 0) await sleep(decision.latencyMs);
      if (decision.outcome === "status500") {
        info.fault = "status500";
        return reply.code(500).send(new ApiError(500, "injected fault: internal server error").toBody());
      }
      if (decision.outcome === "status429") {
        info.fault = "status429";
        setRateLimitHeaders(reply, { ...verdict, remaining: 0, resetSeconds: context.faults.status429ResetSeconds });
        return reply.code(429).send(new ApiError(429, "injected fault: too many requests").toBody());
      }
      if (decision.outcome === "drop") info.fault = "drop";
    },
    handler: async (request, reply) => {
      const info = requestInfo.get(request.raw)!;
      let response: ApiResponse;
      try {
        response = await handler({
          caller: info.caller!,
          domain: info.caller!.domain,
          params: request.params as Record<string, string>,
          query: request.query as Record<string, string | string[] | undefined>,
          body: request.body,
          request,
          origin: origin(request),
        });
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        response = { status: err.status, body: err.toBody() };
      }
      if (info.fault === "drop") {
        // The request was applied; the client never learns the outcome.
        const entry = logEntryFor(request, response.status);
        if (entry) context.log.add(entry);
        reply.hijack();
        request.raw.socket.destroy();
        return;
      }
      reply.code(response.status);
      if (response.headers) reply.headers(response.headers);
      return response.body === undefined ? reply.send() : reply.send(response.body);
    },
  });
}
