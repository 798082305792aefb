/**
 * The emulator answers only its own pages and local tools (CONTRACT §8, last paragraph). One
 * onRequest hook decides, before any route runs or any body is parsed:
 *
 * - Every request (the API and the token endpoint too): the `Host` header's name must be a
 *   loopback address (127.0.0.0/8, ::1) or `localhost`, or the name the emulator was started
 *   with (`--host`); any port, so a forwarded port (a container, an SSH tunnel) keeps working.
 *   Anything else is a DNS-rebinding page (evil.example resolved to 127.0.0.1): 403.
 * - `/_emulator/*` (dashboard, its JSON, app and admin edits, faults, reset, state, requests,
 *   credentials): an `Origin` header, when present, must be the origin the request reached,
 *   `http://` + its Host (`Origin: null` is refused); a `Sec-Fetch-Site` header, when present, must
 *   be `same-origin` or `none` (an address typed by the user). Otherwise 403. A body must be JSON:
 *   form-encoded, multipart or text bodies (what a page of another site can send without asking)
 *   are 415. The API's photo upload (multipart) and the token endpoint (form) are not under
 *   `/_emulator` and keep their bodies.
 * Node's fetch, curl and the CLI send neither Origin nor Sec-Fetch-Site; the dashboard's own
 * requests are same-origin. A refused request changes nothing and is not logged.
 */
import type { FastifyInstance } from "fastify";
import { ERROR_CODES } from "./assumptions";

export const OWN_PREFIX = "/_emulator";

export interface Refusal {
  status: 403 | 415;
  body: { code: string; description: string };
}

export interface RequestHeaders {
  host?: string;
  origin?: string;
  "sec-fetch-site"?: string;
  "content-type"?: string;
}

/** The name part of a Host header (no port, no IPv6 brackets), in lower case; undefined when unreadable. */
export function hostName(host: string | undefined): string | undefined {
  if (!host) return undefined;
  try {
    const name = new URL(`http://${host.trim()}`).hostname.toLowerCase();
    return name.startsWith("[") && name.endsWith("]") ? name.slice(1, -1) : name;
  } catch {
    return undefined;
  }
}

export function isLoopbackName(name: string): boolean {
  return name === "localhost" || name === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name);
}

/** True when the Host header names this emulator: loopback, `localhost`, or the configured `--host`. */
export function isOwnHost(host: string | undefined, configuredHost: string | undefined): boolean {
  const name = hostName(host);
  if (name === undefined) return false;
  if (isLoopbackName(name)) return true;
  return configuredHost !== undefined && name === hostName(configuredHost.includes(":") ? `[${configuredHost}]` : configuredHost);
}

/** True when `origin` is the origin the request reached: `http://` + its Host (default port folded). */
export function isOwnOrigin(origin: string, host: string): boolean {
  try {
    const from = new URL(origin);
    return from.origin !== "null" && from.protocol === "http:" && from.host === new URL(`http://${host.trim()}`).host;
  } catch {
    return false;
  }
}

const forbidden = (description: string): Refusal => ({ status: 403, body: { code: ERROR_CODES[403], description } });

const isOwnPath = (path: string | undefined) =>
  path !== undefined && (path === OWN_PREFIX || path.startsWith(`${OWN_PREFIX}/`) || path.startsWith(`${OWN_PREFIX}?`));

/**
 * Why a request is refused, or undefined when it may go on. `paths`: the URL as sent and the route it
 * matched (`/%5Femulator/reset` matches `/_emulator/reset`).
 */
export function refusalOf(paths: Array<string | undefined>, headers: RequestHeaders, configuredHost: string | undefined): Refusal | undefined {
  if (!isOwnHost(headers.host, configuredHost)) {
    return forbidden(
      `this emulator answers only requests addressed to a loopback address, localhost or its --host name; ` +
        `Host ${JSON.stringify(headers.host ?? "")} is none of them`,
    );
  }
  if (!paths.some(isOwnPath)) return undefined;
  if (headers.origin !== undefined && !isOwnOrigin(headers.origin, headers.host!)) {
    return forbidden(`the emulator's own endpoints answer only its own pages; Origin ${JSON.stringify(headers.origin)} is another site`);
  }
  const site = headers["sec-fetch-site"];
  if (site !== undefined && site !== "same-origin" && site !== "none") {
    return forbidden(`the emulator's own endpoints answer only its own pages and local tools; this request came from another site (Sec-Fetch-Site: ${site}). Type the address instead`);
  }
  const mediaType = headers["content-type"]?.split(";")[0]!.trim().toLowerCase();
  if (mediaType !== undefined && mediaType !== "" && mediaType !== "application/json") {
    return {
      status: 415,
      body: { code: "UNSUPPORTED_MEDIA_TYPE", description: `the emulator's own endpoints take JSON bodies (content-type: application/json), not ${mediaType}` },
    };
  }
  return undefined;
}

/** Installs the rules as the app's first onRequest hook: routes never see a refused request. */
export function answerOnlyOwnOrigin(app: FastifyInstance, configuredHost: string | undefined): void {
  app.addHook("onRequest", async (request, reply) => {
    const refusal = refusalOf([request.url, request.routeOptions.url], request.headers as RequestHeaders, configuredHost);
    if (refusal) return reply.code(refusal.status).header("cache-control", "no-store").send(refusal.body);
  });
}
