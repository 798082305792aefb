/**
 * Client configuration from the provider config (namespace `lineworks`) with
 * environment fallbacks (CONTRACT §5). Secrets live in a ClientSecrets object
 * whose values are private fields: logging or serializing a ClientConfig shows
 * "[REDACTED]" instead of them.
 */
import { createPrivateKey } from "node:crypto";
import { readFileSync } from "node:fs";
import { inspect } from "node:util";
import { DEFAULT_SCOPE, READ_ONLY_SCOPE } from "./assumptions";
import { processRedactor } from "./redact";

export const DEFAULT_API_BASE_URL = "https://www.worksapis.com/v1.0";
export const DEFAULT_AUTH_URL = "https://auth.worksmobile.com/oauth2/v2.0/token";
export const DEFAULT_REQUESTS_PER_MINUTE = 240;
/** Below the API's concurrent-access limit (lineworks-api.md: no number published, ASSUMED 10 per domain). */
export const DEFAULT_MAX_CONCURRENT_REQUESTS = 8;

export type AuthMode = "jwt" | "accessToken";

export class ClientSecrets {
  readonly #clientSecret: string | undefined;
  readonly #privateKey: string | undefined;
  readonly #accessToken: string | undefined;

  constructor(values: { clientSecret?: string; privateKey?: string; accessToken?: string }) {
    this.#clientSecret = values.clientSecret;
    this.#privateKey = values.privateKey;
    this.#accessToken = values.accessToken;
    processRedactor.addSecret(values.clientSecret);
    processRedactor.addSecret(values.accessToken);
    processRedactor.addSecret(values.privateKey);
  }

  clientSecret(): string | undefined {
    return this.#clientSecret;
  }
  privateKey(): string | undefined {
    return this.#privateKey;
  }
  accessToken(): string | undefined {
    return this.#accessToken;
  }

  toJSON(): string {
    return "[REDACTED]";
  }
  toString(): string {
    return "[REDACTED]";
  }
  [inspect.custom](): string {
    return "ClientSecrets [REDACTED]";
  }
}

export interface ClientConfig {
  readonly apiBaseUrl: string;
  readonly authUrl: string;
  readonly domainId: number | undefined;
  /** Client-side limit per API operation; 0 turns the client-side limiter off. */
  readonly requestsPerMinute: number;
  /** Requests of this API and identity in flight at once, in the whole process; 0 turns the bound off. */
  readonly maxConcurrentRequests: number;
  readonly clientId: string | undefined;
  readonly serviceAccount: string | undefined;
  readonly authMode: AuthMode;
  /**
   * The scope every token asks for, when pinned; undefined: contact.read for reads and
   * contact from the first write on (scoped-tokens.ts).
   */
  readonly scope: Scope | undefined;
  readonly secrets: ClientSecrets;
}

export type Scope = typeof DEFAULT_SCOPE | typeof READ_ONLY_SCOPE;

/** Plain values for building a ClientConfig in code (tests, scripts). */
export interface ClientConfigInput {
  apiBaseUrl?: string;
  authUrl?: string;
  domainId?: number | string;
  requestsPerMinute?: number | string;
  maxConcurrentRequests?: number | string;
  clientId?: string;
  clientSecret?: string;
  serviceAccount?: string;
  privateKey?: string;
  accessToken?: string;
  scope?: string;
}

export interface ConfigSource {
  get(key: string): string | undefined;
}

/** Where each setting comes from, for error messages. */
const SOURCES = {
  apiBaseUrl: "lineworks:apiBaseUrl (LINEWORKS_API_BASE_URL)",
  authUrl: "lineworks:authUrl (LINEWORKS_AUTH_URL)",
  clientId: "lineworks:clientId (LINEWORKS_CLIENT_ID)",
  clientSecret: "lineworks:clientSecret (LINEWORKS_CLIENT_SECRET)",
  serviceAccount: "lineworks:serviceAccount (LINEWORKS_SERVICE_ACCOUNT)",
  privateKey: "lineworks:privateKey (LINEWORKS_PRIVATE_KEY or LINEWORKS_PRIVATE_KEY_FILE)",
  accessToken: "lineworks:accessToken (LINEWORKS_ACCESS_TOKEN)",
  domainId: "lineworks:domainId (LINEWORKS_DOMAIN_ID)",
  requestsPerMinute: "lineworks:requestsPerMinute (LINEWORKS_REQUESTS_PER_MINUTE)",
  maxConcurrentRequests: "lineworks:maxConcurrentRequests (LINEWORKS_MAX_CONCURRENT_REQUESTS)",
  scope: "lineworks:scope (LINEWORKS_SCOPE)",
} as const;

/** Every `lineworks:*` key the provider reads (unknown ones are refused at preview and validate --stack). */
export const LINEWORKS_CONFIG_KEYS: readonly string[] = Object.keys(SOURCES).map((key) => `lineworks:${key}`);

export class ClientConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ClientConfigError";
  }
}

/** One setting: the stack's config value wins, the environment variable is the fallback (CONTRACT §4, §5). */
function picker(config: ConfigSource, env: NodeJS.ProcessEnv) {
  return (key: string, envName: string): string | undefined => nonEmpty(config.get(`lineworks:${key}`)) ?? nonEmpty(env[envName]);
}

/**
 * Where the provider's calls go, resolved as resolveClientConfig does but without credentials:
 * the API base URL and the domain id (undefined when neither the config nor the environment sets it).
 */
export function resolveTenantSettings(config: ConfigSource, env: NodeJS.ProcessEnv = process.env): { apiBaseUrl: string; domainId: number | undefined } {
  const pick = picker(config, env);
  return {
    apiBaseUrl: parseUrl(pick("apiBaseUrl", "LINEWORKS_API_BASE_URL"), DEFAULT_API_BASE_URL, SOURCES.apiBaseUrl),
    domainId: parseDomainId(pick("domainId", "LINEWORKS_DOMAIN_ID")),
  };
}

/** Reads the provider config keys, falling back to the environment variables of CONTRACT §5. */
export function resolveClientConfig(config: ConfigSource, env: NodeJS.ProcessEnv = process.env): ClientConfig {
  const pick = picker(config, env);

  return makeClientConfig({
    apiBaseUrl: pick("apiBaseUrl", "LINEWORKS_API_BASE_URL"),
    authUrl: pick("authUrl", "LINEWORKS_AUTH_URL"),
    clientId: pick("clientId", "LINEWORKS_CLIENT_ID"),
    clientSecret: pick("clientSecret", "LINEWORKS_CLIENT_SECRET"),
    serviceAccount: pick("serviceAccount", "LINEWORKS_SERVICE_ACCOUNT"),
    privateKey: pick("privateKey", "LINEWORKS_PRIVATE_KEY") ?? readPrivateKeyFile(nonEmpty(env.LINEWORKS_PRIVATE_KEY_FILE)),
    accessToken: pick("accessToken", "LINEWORKS_ACCESS_TOKEN"),
    domainId: pick("domainId", "LINEWORKS_DOMAIN_ID"),
    requestsPerMinute: pick("requestsPerMinute", "LINEWORKS_REQUESTS_PER_MINUTE"),
    maxConcurrentRequests: pick("maxConcurrentRequests", "LINEWORKS_MAX_CONCURRENT_REQUESTS"),
    scope: pick("scope", "LINEWORKS_SCOPE"),
  });
}

/** Validates plain values into a ClientConfig; throws a ClientConfigError naming the key at fault. */
export function makeClientConfig(input: ClientConfigInput): ClientConfig {
  const accessToken = nonEmpty(input.accessToken);
  const clientId = nonEmpty(input.clientId);
  const clientSecret = nonEmpty(input.clientSecret);
  const serviceAccount = nonEmpty(input.serviceAccount);
  const privateKey = normalizePem(nonEmpty(input.privateKey));

  let authMode: AuthMode;
  if (accessToken !== undefined) {
    authMode = "accessToken";
  } else {
    const missing = (
      [
        ["clientId", clientId],
        ["clientSecret", clientSecret],
        ["serviceAccount", serviceAccount],
        ["privateKey", privateKey],
      ] as const
    )
      .filter(([, value]) => value === undefined)
      .map(([key]) => SOURCES[key]);
    if (missing.length > 0) {
      throw new ClientConfigError(
        `LINE WORKS credentials are missing: set ${SOURCES.accessToken}, or for the service-account JWT grant ` +
          `set ${missing.join(", ")}`,
      );
    }
    checkPrivateKey(privateKey as string);
    authMode = "jwt";
  }

  return Object.freeze({
    apiBaseUrl: parseUrl(input.apiBaseUrl, DEFAULT_API_BASE_URL, SOURCES.apiBaseUrl),
    authUrl: parseUrl(input.authUrl, DEFAULT_AUTH_URL, SOURCES.authUrl),
    domainId: parseDomainId(input.domainId),
    requestsPerMinute: parseRequestsPerMinute(input.requestsPerMinute),
    maxConcurrentRequests: parseMaxConcurrentRequests(input.maxConcurrentRequests),
    clientId,
    serviceAccount,
    authMode,
    scope: parseScope(input.scope),
    secrets: new ClientSecrets({
      ...(clientSecret !== undefined && { clientSecret }),
      ...(privateKey !== undefined && { privateKey }),
      ...(accessToken !== undefined && { accessToken }),
    }),
  });
}

function nonEmpty(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  return trimmed === "" ? undefined : trimmed;
}

function readPrivateKeyFile(path: string | undefined): string | undefined {
  if (path === undefined) return undefined;
  try {
    return readFileSync(path, "utf8");
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code ?? "unreadable";
    throw new ClientConfigError(`LINEWORKS_PRIVATE_KEY_FILE points to ${path}, which cannot be read (${reason})`);
  }
}

/** Keys pasted into env vars or CI secrets often carry literal "\n" instead of newlines. */
function normalizePem(pem: string | undefined): string | undefined {
  if (pem === undefined) return undefined;
  return (!pem.includes("\n") && pem.includes("\\n") ? pem.replace(/\\n/g, "\n") : pem).trim();
}

function checkPrivateKey(pem: string): void {
  try {
    const key = createPrivateKey(pem);
    if (key.asymmetricKeyType !== "rsa") {
      throw new ClientConfigError(`${SOURCES.privateKey} must be an RSA key (RS256), not ${key.asymmetricKeyType}`);
    }
  } catch (err) {
    if (err instanceof ClientConfigError) throw err;
    throw new ClientConfigError(`${SOURCES.privateKey} is not a readable PEM private key`);
  }
}

function parseUrl(value: string | undefined, fallback: string, source: string): string {
  const text = nonEmpty(value) ?? fallback;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ClientConfigError(`${source} is not a URL: ${JSON.stringify(text)}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ClientConfigError(`${source} must be an http(s) URL, got ${url.protocol}`);
  }
  return text.replace(/\/+$/, "");
}

function parseDomainId(value: number | string | undefined): number | undefined {
  if (value === undefined || value === "") return undefined;
  const number = typeof value === "number" ? value : /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(number) || number <= 0) {
    throw new ClientConfigError(`${SOURCES.domainId} must be a positive integer, got ${JSON.stringify(value)}`);
  }
  return number;
}

function parseScope(value: string | undefined): Scope | undefined {
  const text = nonEmpty(value);
  if (text === undefined) return undefined;
  if (text === DEFAULT_SCOPE || text === READ_ONLY_SCOPE) return text;
  throw new ClientConfigError(
    `${SOURCES.scope} must be ${READ_ONLY_SCOPE} (read only) or ${DEFAULT_SCOPE} (read and write), got ${JSON.stringify(value)}; ` +
      `unset, reads ask for ${READ_ONLY_SCOPE} and writes for ${DEFAULT_SCOPE}`,
  );
}

function parseRequestsPerMinute(value: number | string | undefined): number {
  if (value === undefined || value === "") return DEFAULT_REQUESTS_PER_MINUTE;
  const number = typeof value === "number" ? value : /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(number) || number < 0) {
    throw new ClientConfigError(
      `${SOURCES.requestsPerMinute} must be a whole number of requests per minute (0 turns the client-side limit off), ` +
        `got ${JSON.stringify(value)}`,
    );
  }
  return number;
}

function parseMaxConcurrentRequests(value: number | string | undefined): number {
  if (value === undefined || value === "") return DEFAULT_MAX_CONCURRENT_REQUESTS;
  const number = typeof value === "number" ? value : /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(number) || number < 0) {
    throw new ClientConfigError(
      `${SOURCES.maxConcurrentRequests} must be a whole number of requests in flight at once (0 turns the bound off), ` +
        `got ${JSON.stringify(value)}`,
    );
  }
  return number;
}
