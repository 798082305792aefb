/**
 * The emulator's dashboard: `GET /_emulator/ui` (one page, its script and its styles,
 * embedded in emulator/ui/*.ts so they ship in dist/) and the read-only admin data the page
 * needs beyond CONTRACT §8:
 *   GET /_emulator/state/version            {version}: changes whenever stored data changes
 *   GET /_emulator/requests/recent          the newest log entries, `?limit=N` (default 200,
 *                                           max 1000), `?status=2xx|3xx|4xx|5xx|errors|NNN`,
 *                                           `?include=token`, `?include=app` (the app's edits too),
 *                                           `?kind=app` (only the app's edits); `{total, matched, entries}`
 *   GET /_emulator/rate-limits              the open rate-limit windows: use per operation; and per
 *                                           domain the API requests in flight now and at most since
 *                                           the last reset (`concurrency: [{domainId, inFlight, peak}]`)
 *   GET /_emulator/photos/:domainId/:contactId  a stored photo's bytes (images only)
 * Like every admin endpoint they are not logged, rate limited nor subject to faults, and
 * none of them changes anything: the page's writes are PUT /_emulator/faults,
 * DELETE /_emulator/requests and the app's edits (/_emulator/app/..., routes/app.ts).
 */
import type { FastifyInstance, FastifyReply } from "fastify";
import type { EmulatorContext } from "../context";
import type { RequestLogEntry } from "../request-log";
import { DASHBOARD_CSS, DASHBOARD_ICON } from "../ui/styles";
import { DASHBOARD_HTML } from "../ui/page";
import { APP_PANEL_CSS } from "../ui/page-app";
import { DASHBOARD_JS } from "../ui/script";
import { DASHBOARD_APP_JS } from "../ui/script-app";
import { ADMIN_PREFIX } from "./admin";

export const DASHBOARD_PATH = `${ADMIN_PREFIX}/ui`;

/** The page and everything it loads come from the emulator's own origin, nothing else. */
export const DASHBOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

const PHOTO_TYPES = new Set(["image/jpeg", "image/png", "image/gif", "image/bmp", "image/webp"]);
const STATUS_CLASSES: Record<string, (status: number) => boolean> = {
  "2xx": (s) => s >= 200 && s < 300,
  "3xx": (s) => s >= 300 && s < 400,
  "4xx": (s) => s >= 400 && s < 500,
  "5xx": (s) => s >= 500,
  errors: (s) => s >= 400,
};

function secured(reply: FastifyReply, contentType: string): FastifyReply {
  return reply
    .header("content-type", contentType)
    .header("content-security-policy", DASHBOARD_CSP)
    .header("x-content-type-options", "nosniff")
    .header("referrer-policy", "no-referrer")
    .header("cross-origin-resource-policy", "same-origin")
    .header("cache-control", "no-store");
}

function statusFilter(value: string | undefined): ((status: number) => boolean) | undefined {
  if (!value || value === "all") return undefined;
  if (/^\d{3}$/.test(value)) return (status) => status === Number(value);
  return STATUS_CLASSES[value];
}

/**
 * The newest entries first, at most `limit`, scanning from the end (the log can hold 100,000).
 * `total` counts the entries `inView` (API calls, or token calls too), `matched` those `keep` accepts.
 */
export function recentEntries(
  entries: readonly RequestLogEntry[],
  limit: number,
  inView: (entry: RequestLogEntry) => boolean,
  keep: (entry: RequestLogEntry) => boolean = () => true,
) {
  const picked: RequestLogEntry[] = [];
  let total = 0;
  let matched = 0;
  for (let i = entries.length - 1; i >= 0; i -= 1) {
    const entry = entries[i]!;
    if (!inView(entry)) continue;
    total += 1;
    if (!keep(entry)) continue;
    matched += 1;
    if (picked.length < limit) picked.push(entry);
  }
  return { total, matched, entries: picked };
}

export function registerDashboardRoutes(app: FastifyInstance, context: EmulatorContext): void {
  let version = 0;
  context.store.onChange(() => {
    version += 1;
  });

  // With or without the trailing slash (the page loads its files by absolute path).
  for (const page of [DASHBOARD_PATH, `${DASHBOARD_PATH}/`]) {
    app.get(page, async (_request, reply) => secured(reply, "text/html; charset=utf-8").send(DASHBOARD_HTML));
  }
  app.get(`${DASHBOARD_PATH}/app.js`, async (_request, reply) => secured(reply, "text/javascript; charset=utf-8").send(DASHBOARD_JS));
  app.get(`${DASHBOARD_PATH}/app.css`, async (_request, reply) => secured(reply, "text/css; charset=utf-8").send(DASHBOARD_CSS));
  // The "Edit as the app" panel's script and styles, loaded when it is first opened.
  app.get(`${DASHBOARD_PATH}/app-edit.js`, async (_request, reply) => secured(reply, "text/javascript; charset=utf-8").send(DASHBOARD_APP_JS));
  app.get(`${DASHBOARD_PATH}/app-edit.css`, async (_request, reply) => secured(reply, "text/css; charset=utf-8").send(APP_PANEL_CSS));

  app.get(`${DASHBOARD_PATH}/favicon.svg`, async (_request, reply) => secured(reply, "image/svg+xml").send(DASHBOARD_ICON));

  app.get(`${ADMIN_PREFIX}/state/version`, async () => ({ version }));

  app.get(`${ADMIN_PREFIX}/requests/recent`, async (request, reply) => {
    const query = request.query as { limit?: string; status?: string; include?: string; kind?: string };
    const limit = query.limit === undefined ? 200 : Number(query.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
      return reply.code(400).send({ code: "INVALID_PARAMETER", description: "limit must be an integer from 1 to 1000" });
    }
    const byStatus = statusFilter(query.status);
    if (query.status && query.status !== "all" && !byStatus) {
      return reply.code(400).send({ code: "INVALID_PARAMETER", description: "status is all, 2xx, 3xx, 4xx, 5xx, errors or a status code" });
    }
    const include = String(query.include ?? "").split(",");
    const withToken = include.includes("token");
    const withApp = include.includes("app");
    const inView = (entry: RequestLogEntry) => entry.kind === "api" || (withToken && entry.kind === "token") || (withApp && entry.kind === "app");
    const view = query.kind === "app" ? (entry: RequestLogEntry) => entry.kind === "app" : inView;
    return recentEntries(context.log.list(true, true), limit, view, byStatus && ((entry) => byStatus(entry.status)));
  });

  app.get(`${ADMIN_PREFIX}/rate-limits`, async () => ({
    requestsPerMinute: context.rateLimiter.requestsPerMinute,
    windows: context.rateLimiter.usage(),
    concurrency: context.inFlight.usage(),
  }));

  app.get(`${ADMIN_PREFIX}/photos/:domainId/:contactId`, async (request, reply) => {
    const { domainId, contactId } = request.params as { domainId: string; contactId: string };
    const domain = /^\d+$/.test(domainId) ? context.store.domain(Number(domainId)) : undefined;
    const photo = domain?.data.photos.get(contactId);
    if (!photo || !PHOTO_TYPES.has(photo.contentType.toLowerCase())) {
      return reply.code(404).send({ code: "NOT_FOUND", description: `no displayable photo for contact ${contactId}` });
    }
    return secured(reply, photo.contentType).send(photo.bytes);
  });
}
