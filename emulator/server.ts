/** The emulator's fastify app and its start-up (seed, data file, listen). */
import type { AddressInfo } from "node:net";
import formbody from "@fastify/formbody";
import multipart from "@fastify/multipart";
import Fastify, { type FastifyError, type FastifyInstance } from "fastify";
import { ERROR_CODES, LIMITS, UNKNOWN_PATH_BODY, UNLISTED_CLIENT_ERROR } from "./assumptions";
import { API_PREFIX, logEntryFor, trackRequest } from "./api-route";
import { TokenService } from "./auth";
import { Backends } from "./backend";
import { InFlightLimiter } from "./concurrency";
import type { EmulatorContext } from "./context";
import { FaultInjector } from "./faults";
import { answerOnlyOwnOrigin } from "./own-origin";
import { DataFilePersistence, readDataFile, type Persistence } from "./persistence";
import { RateLimiter } from "./rate-limit";
import { RequestLog } from "./request-log";
import { registerAdminRoutes } from "./routes/admin";
import { registerAppRoutes } from "./routes/app";
import { registerDashboardRoutes } from "./routes/dashboard";
import { registerContactRoutes } from "./routes/contacts";
import { registerCustomPropertyRoutes } from "./routes/custom-properties";
import { registerPhotoRoutes } from "./routes/photos";
import { registerTagRoutes } from "./routes/tags";
import { registerTokenRoute, TOKEN_PATH } from "./routes/token";
import { registerUserTagRoutes } from "./routes/user-tags";
import { registerUserRoutes } from "./routes/users";
import { DEFAULT_SEED, loadSeedFile, materializeDomains, type SeedDomain } from "./seed";
import { EmulatorStore } from "./store";
import { stageDomain, type StagedDomain } from "./import";

export interface EmulatorOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Keep state in this JSON file across restarts. */
  dataFile?: string;
  /** A seed YAML file (see seed.ts); the default seed otherwise. */
  seedFile?: string;
  /** Seed domains given directly (instead of seedFile). */
  seed?: SeedDomain[];
  requestsPerMinute?: number;
  accessTokenTtlSeconds?: number;
  /** How many contacts one list filter can reach (documented 50,000). */
  reachableContacts?: number;
  /** Objects made in the first domain as if in the app and admin console (import.ts), only when there is no data file yet. */
  staged?: StagedDomain;
}

export interface RunningEmulator {
  /** e.g. `http://127.0.0.1:41234` */
  url: string;
  context: EmulatorContext;
  /** Stops listening and writes the data file. */
  close(): Promise<void>;
}

const isApiOrToken = (url: string) => url.startsWith(`${API_PREFIX}/`) || url.startsWith(TOKEN_PATH);

/** `host`: the name the emulator listens on (`--host`); requests addressed to it are answered as well as loopback ones (own-origin.ts). */
export function buildApp(context: EmulatorContext, access: { host?: string } = {}): FastifyInstance {
  const app = Fastify({ logger: false, bodyLimit: 4 * 1024 * 1024, forceCloseConnections: true });
  // First: requests of other sites and other names are refused before any route or body parser runs.
  answerOnlyOwnOrigin(app, access.host);

  // JSON bodies; an empty body (e.g. DELETE with a JSON content type) is no body.
  const defaultJsonParser = app.getDefaultJsonParser("error", "error");
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "string" }, (request, body, done) => {
    const text = typeof body === "string" ? body : body.toString("utf8");
    if (text.trim() === "") return done(null, undefined);
    defaultJsonParser(request, text, done);
  });
  void app.register(formbody);
  void app.register(multipart, { limits: { fileSize: LIMITS.photoBytes, files: 1 } });

  app.addHook("onResponse", async (request, reply) => {
    const entry = logEntryFor(request, reply.statusCode);
    if (entry) context.log.add(entry);
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) process.stderr.write(`emulator: ${request.method} ${request.url}: ${error.stack ?? error.message}\n`);
    if (request.url.startsWith(TOKEN_PATH)) {
      return reply.code(status === 500 ? 500 : 400).send({
        error: status === 500 ? "server_error" : "invalid_request",
        error_description: status === 500 ? "internal error" : error.message,
      });
    }
    const code = (ERROR_CODES as Record<number, string>)[status];
    if (code === undefined) return reply.code(UNLISTED_CLIENT_ERROR.status).send({ code: UNLISTED_CLIENT_ERROR.code, description: error.message });
    return reply.code(status).send({ code, description: status === 500 ? "internal error" : error.message });
  });

  app.setNotFoundHandler((request, reply) => {
    if (isApiOrToken(request.url)) trackRequest(request, "api", `${request.method} (no route)`);
    return reply.code(404).send(UNKNOWN_PATH_BODY);
  });

  registerTokenRoute(app, context);
  registerContactRoutes(app, context);
  registerPhotoRoutes(app, context);
  registerTagRoutes(app, context);
  registerUserTagRoutes(app, context);
  registerUserRoutes(app, context);
  registerCustomPropertyRoutes(app, context);
  registerAdminRoutes(app, context);
  registerAppRoutes(app, context);
  registerDashboardRoutes(app, context);
  return app;
}

/** Loads seed and data file, listens, and returns the base URL and a close function. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const seed = options.seed ?? (options.seedFile ? loadSeedFile(options.seedFile) : DEFAULT_SEED);
  const previous = options.dataFile ? readDataFile(options.dataFile) : undefined;
  const definitions = materializeDomains(seed, previous?.domains.map((domain) => domain.definition));
  const store = new EmulatorStore(definitions);
  if (previous) store.restore(previous);
  else if (options.staged) stageDomain(store, options.staged);
  const persistence: Persistence | undefined = options.dataFile ? new DataFilePersistence(options.dataFile, store) : undefined;
  // Write at once, so a generated key pair is kept even if the process is killed.
  await persistence?.flush();

  const faults = new FaultInjector();
  const context: EmulatorContext = {
    store,
    backends: new Backends(store, { duplicateNameStatus: () => faults.duplicateNameStatus }),
    tokens: new TokenService(store, options.accessTokenTtlSeconds ?? LIMITS.accessTokenTtlSecondsDefault),
    rateLimiter: new RateLimiter(options.requestsPerMinute ?? LIMITS.requestsPerMinuteDefault),
    inFlight: new InFlightLimiter(),
    faults,
    log: new RequestLog(),
    reachableContacts: options.reachableContacts ?? LIMITS.reachableContacts,
  };
  const host = options.host ?? "127.0.0.1";
  const app = buildApp(context, { host });
  await app.listen({ host, port: options.port ?? 8787 });
  const address = app.server.address() as AddressInfo;
  const urlHost = address.family === "IPv6" || host.includes(":") ? `[${host}]` : host;
  let closed: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${address.port}`,
    context,
    close: () => {
      closed ??= (async () => {
        await app.close();
        await persistence?.close();
      })();
      return closed;
    },
  };
}
