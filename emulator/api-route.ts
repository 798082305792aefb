/**
 * Registers an API operation with the pipeline every operation shares (the photo
 * upload and download URLs too): bearer auth -> concurrent requests (concurrency.ts) -> rate limit (with the rateLimit-*
 * headers) -> scope -> faults -> handler; and the request log entry. Handlers are plain functions returning a
 * status and body, or throwing ApiError.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods } from "fastify";
import { RATE_LIMIT_HEADERS } from "./assumptions";
import { canAccess, type Access, type Caller } from "./auth";
import { admitRequest } from "./concurrency";
import type { EmulatorContext } from "./context";
import { ApiError } from "./errors";
import type { RateLimitVerdict } from "./rate-limit";
import type { RequestLogEntry } from "./request-log";
import type { DomainBackend } from "./backend";
import { looseResponse } from "./loose-responses";
import { withProtocolMessengers } from "./messenger-spelling";
import type { Domain } from "./store";

export const API_PREFIX = "/v1.0";

export interface ApiCall {
  caller: Caller;
  domain: Domain;
  /** The caller's domain backend. */
  backend: DomainBackend;
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
  /** A token request's scope (API calls take theirs from the caller). */
  scope?: string;
  fault?: "status500" | "status429" | "status503" | "drop" | "redirect";
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

function clearRateLimitHeaders(reply: FastifyReply): void {
  for (const name of Object.values(RATE_LIMIT_HEADERS)) reply.removeHeader(name);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Marks a request for the log (API and token calls); the log entry is written when it ends. */
export function trackRequest(request: FastifyRequest, kind: RequestLogEntry["kind"], route: string): void {
  requestInfo.set(request.raw, { kind, route, time: new Date().toISOString() });
}

/** Records the scope a token request asked for or was granted, for its log entry. */
export function noteTokenScope(request: FastifyRequest, scope: string): void {
  const info = requestInfo.get(request.raw);
  if (info) info.scope = scope;
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
    ...(info.caller ? { scope: [...info.caller.scopes].join(",") } : info.scope ? { scope: info.scope } : {}),
    ...(info.fault ? { fault: info.fault } : {}),
    ...(info.fault === "drop" ? { dropped: true } : {}),
  };
}

/** The end of a scope refusal's description, per access. */
const REFUSED_ACCESS: Record<Access, string> = { read: "reads", write: "writes", users: "reads of users (directory, directory.read, user or user.read)" };

/** Query parameter marking the target of an injected 307, so it is not redirected again. */
export const REDIRECT_MARK = "_emulatorRedirect";

function withoutRedirectMark(query: Record<string, string | string[] | undefined>): Record<string, string | string[] | undefined> {
  const { [REDIRECT_MARK]: _mark, ...rest } = query;
  return rest;
}

function redirectTarget(request: FastifyRequest): string {
  const url = new URL(request.url, origin(request));
  url.searchParams.set(REDIRECT_MARK, "1");
  return url.toString();
}

/** A `/v1.0` API operation (path relative to `/v1.0`). */
export function registerApiRoute(
  app: FastifyInstance,
  context: EmulatorContext,
  method: HTTPMethods,
  path: string,
  access: Access,
  handler: ApiHandler,
): void {
  registerPipelineRoute(app, context, method, `${API_PREFIX}${path}`, access, handler);
}

/** Any URL served through the API pipeline (the `/v1.0` operations and the photo storage URLs). */
export function registerPipelineRoute(
  app: FastifyInstance,
  context: EmulatorContext,
  method: HTTPMethods,
  url: string,
  access: Access,
  handler: ApiHandler,
): void {
  const route = `${method} ${url}`;
  const refuse = (reply: FastifyReply, error: ApiError) => reply.code(error.status).headers(error.headers).send(error.toBody());

  app.route({
    method,
    url,
    onRequest: async (request, reply) => {
      trackRequest(request, "api", route);
      const info = requestInfo.get(request.raw)!;
      let caller: Caller;
      try {
        caller = context.tokens.authenticate(request.headers.authorization, context.faults.tokenExpiryStatus);
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        return refuse(reply, err);
      }
      info.caller = caller;
      const overConcurrency = admitRequest(context.inFlight, caller.domain, reply.raw);
      if (overConcurrency) return refuse(reply, overConcurrency);
      const verdict = context.rateLimiter.take(caller.domain.domainId, route);
      setRateLimitHeaders(reply, verdict);
      if (!verdict.allowed) return refuse(reply, new ApiError(429, `too many requests: at most ${verdict.limit} a minute for ${route}`));
      if (!canAccess(caller.scopes, access)) {
        return refuse(reply, new ApiError(403, `the token's scope does not allow ${REFUSED_ACCESS[access]}`));
      }
      if (!context.faults.active) return;
      const query = request.query as Record<string, unknown> | undefined;
      const decision = context.faults.decide(query?.[REDIRECT_MARK] === undefined);
      if (decision.latencyMs > 0) await sleep(decision.latencyMs);
      switch (decision.outcome) {
        case "status500":
          info.fault = "status500";
          return refuse(reply, new ApiError(500, "injected fault: internal server error"));
        case "status503":
          info.fault = "status503";
          return refuse(reply, new ApiError(503, "injected fault: service unavailable"));
        case "status429":
          info.fault = "status429";
          setRateLimitHeaders(reply, { ...verdict, remaining: 0, resetSeconds: context.faults.status429ResetSeconds });
          return refuse(reply, new ApiError(429, "injected fault: too many requests"));
        case "redirect":
          info.fault = "redirect";
          clearRateLimitHeaders(reply);
          return reply.code(307).header("location", redirectTarget(request)).send();
        case "drop":
          info.fault = "drop";
          return;
        default:
          return;
      }
    },
    handler: async (request, reply) => {
      const info = requestInfo.get(request.raw)!;
      let response: ApiResponse;
      try {
        response = await handler({
          caller: info.caller!,
          domain: info.caller!.domain,
          backend: context.backends.of(info.caller!.domain),
          params: request.params as Record<string, string>,
          query: withoutRedirectMark(request.query as Record<string, string | string[] | undefined>),
          body: request.body,
          request,
          origin: origin(request),
        });
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        response = { status: err.status, body: err.toBody(), headers: err.headers };
      }
      if (info.fault === "drop") {
        // The request was applied; the client never learns the outcome.
        const entry = logEntryFor(request, response.status);
        if (entry) context.log.add(entry);
        reply.hijack();
        request.raw.socket.destroy();
        return;
      }
      // lineworks-api.md: a 302 carries no rateLimit-* headers (docs page `rate-limits`).
      if (response.status === 302) clearRateLimitHeaders(reply);
      reply.code(response.status);
      if (response.headers) reply.headers(response.headers);
      if (response.status === 200 && context.faults.looseResponses) {
        const query = withoutRedirectMark(request.query as Record<string, string | string[] | undefined>);
        response = { ...response, body: looseResponse(route, query, response.body, info.caller!.domain.domainId) };
      }
      if (info.caller!.domain.definition.messengerSpelling === "protocol") response = { ...response, body: withProtocolMessengers(response.body) };
      return response.body === undefined ? reply.send() : reply.send(response.body);
    },
  });
}
