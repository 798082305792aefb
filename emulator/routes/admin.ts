/**
 * Endpoints for tests and demos (not part of the real API), CONTRACT §8:
 *   GET /_emulator/health, GET /_emulator/credentials, POST /_emulator/reset,
 *   GET /_emulator/state, GET|DELETE /_emulator/requests, PUT /_emulator/faults.
 * Extras for tests:
 *   GET /_emulator/credentials?domainId=N  credentials of another seeded domain
 *   POST /_emulator/expire-tokens          every issued access token expires now (API
 *                                          calls get 403 UNAUTHORIZED, or the fault
 *                                          setting tokenExpiryStatus); refresh tokens still work
 *   GET /_emulator/faults                  the current fault settings
 *   GET /_emulator/requests?include=token  the log with token-endpoint calls too (by default
 *                                          only API calls, as the contract says); include=app adds
 *                                          the app's edits (routes/app.ts), include=token,app both
 *   GET /_emulator/tokens                  {tokens: [{kind, domainId, scopes, issuedAt, sha256}]}:
 *                                          every access and refresh token issued since start,
 *                                          as the SHA-256 (base64url) of its text, never the text
 * These are not logged, rate limited nor subject to faults. The app's and the admin console's edits
 * (/_emulator/app/:domainId/...) are in routes/app.ts; they are logged, as kind "app".
 */
import type { FastifyInstance } from "fastify";
import type { EmulatorContext } from "../context";
import { describeIssue } from "../validation";
import { faultsSchema } from "../faults";
import { renderContact } from "../contact-render";
import type { Domain } from "../store";
import { consoleStateOf } from "../console-state";
import { renderTag } from "./tags";

export const ADMIN_PREFIX = "/_emulator";

function credentialsOf(domain: Domain) {
  const { clientId, clientSecret, serviceAccount, privateKeyPem } = domain.definition.credentials;
  return { clientId, clientSecret, serviceAccount, domainId: domain.domainId, privateKey: privateKeyPem };
}

/** Everything stored, without secrets (client secrets, keys and tokens are not state). */
function stateOf(domain: Domain) {
  const data = domain.data;
  const bySeq = <T extends { seq: number }>(items: Iterable<T>) => [...items].sort((a, b) => a.seq - b.seq);
  return {
    domainId: domain.domainId,
    ...(domain.definition.name ? { name: domain.definition.name } : {}),
    clientId: domain.definition.credentials.clientId,
    serviceAccount: domain.definition.credentials.serviceAccount,
    members: domain.definition.members,
    contactTags: bySeq(data.tags.values()).map(renderTag),
    customProperties: bySeq(data.customProperties.values()).map(({ seq: _seq, ...property }) => ({ domainId: domain.domainId, ...property })),
    contacts: bySeq([...data.contacts.values()].filter((c) => !c.trashed)).map(renderContact),
    trashedContacts: bySeq([...data.contacts.values()].filter((c) => c.trashed)).map(renderContact),
    console: consoleStateOf(domain),
    photos: [...data.photos.entries()].map(([contactId, photo]) => ({
      contactId,
      fileName: photo.fileName,
      contentType: photo.contentType,
      size: photo.bytes.length,
    })),
  };
}

export function registerAdminRoutes(app: FastifyInstance, context: EmulatorContext): void {
  const { store } = context;

  app.get(`${ADMIN_PREFIX}/health`, async () => ({ status: "ok" }));

  app.get(`${ADMIN_PREFIX}/credentials`, async (request, reply) => {
    const { domainId } = request.query as { domainId?: string };
    if (domainId === undefined) return credentialsOf(store.defaultDomain);
    const domain = /^\d+$/.test(domainId) ? store.domain(Number(domainId)) : undefined;
    if (!domain) return reply.code(404).send({ code: "NOT_FOUND", description: `domain ${domainId} is not seeded` });
    return credentialsOf(domain);
  });

  app.post(`${ADMIN_PREFIX}/reset`, async (_request, reply) => {
    store.reset();
    context.rateLimiter.reset();
    context.inFlight.resetPeaks();
    context.faults.configure({});
    return reply.code(204).send();
  });

  app.get(`${ADMIN_PREFIX}/state`, async () => ({ domains: store.domains().map(stateOf) }));

  app.get(`${ADMIN_PREFIX}/requests`, async (request) => {
    const include = String((request.query as { include?: unknown }).include ?? "").split(",");
    return context.log.list(include.includes("token"), include.includes("app"));
  });
  app.delete(`${ADMIN_PREFIX}/requests`, async (_request, reply) => {
    context.log.clear();
    return reply.code(204).send();
  });

  app.get(`${ADMIN_PREFIX}/faults`, async () => context.faults.current());
  app.put(`${ADMIN_PREFIX}/faults`, async (request, reply) => {
    const parsed = faultsSchema.safeParse(request.body ?? {});
    if (!parsed.success) {
      return reply.code(400).send({ code: "INVALID_PARAMETER", description: describeIssue(parsed.error.issues[0]) });
    }
    context.faults.configure(parsed.data);
    return parsed.data;
  });

  app.get(`${ADMIN_PREFIX}/tokens`, async () => ({ tokens: context.tokens.issuedTokens() }));

  app.post(`${ADMIN_PREFIX}/expire-tokens`, async () => ({ expiredAccessTokens: context.tokens.expireAccessTokens() }));
}
