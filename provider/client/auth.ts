/**
 * Access tokens: a ready token from the configuration, or the service-account
 * JWT grant. One token per process and credential (authUrl + clientId +
 * serviceAccount), reused by every client, renewed before it expires (refresh
 * token grant when we have one, else a new JWT grant) and on demand when the API refuses it.
 */
import { createHash, createPrivateKey } from "node:crypto";
import type { Dispatcher } from "undici";
import { DEFAULT_SCOPE, DEFAULT_TOKEN_LIFETIME_SECONDS } from "./assumptions";
import { backoffDelay, rateLimitDelay, type BackoffPolicy } from "./backoff";
import type { AuthMode, ClientConfig } from "./config";
import { LineWorksApiError, NO_HTTP_STATUS } from "./errors";
import { parseJson, send, TransportFailure, type HttpResponse } from "./http";
import { processRedactor } from "./redact";
import { oauthErrorBody, tokenResponse } from "./wire";

export const JWT_GRANT_TYPE = "urn:ietf:params:oauth:grant-type:jwt-bearer";
/** The JWT may live at most 60 minutes; a short life limits the damage of a leaked assertion. */
const ASSERTION_LIFETIME_SECONDS = 30 * 60;

export interface TokenSource {
  readonly mode: AuthMode;
  /** Whether a rejected token can be replaced by a new one. */
  readonly canRenew: boolean;
  /** A token valid for a while yet. */
  token(): Promise<string>;
  /** Marks `rejected` (refused: 401, or 403 UNAUTHORIZED) as unusable so that the next token() fetches a new one. */
  invalidate(rejected: string): void;
  /** The scope the token endpoint granted, when known. */
  grantedScope(): string | undefined;
  /** Whether a token was obtained already (it may need renewing). */
  hasToken(): boolean;
  /** Requests made to the token endpoint for this credential, process-wide. */
  tokenRequests(): number;
}

export interface TokenEndpointOptions {
  dispatcher: Dispatcher;
  timeoutMs: number;
  maxRetries: number;
  backoff: BackoffPolicy;
  scope?: string;
  now?: () => number;
}

export class StaticTokenSource implements TokenSource {
  readonly mode = "accessToken" as const;
  readonly canRenew = false;
  constructor(private readonly value: string) {
    processRedactor.addSecret(value);
  }
  token(): Promise<string> {
    return Promise.resolve(this.value);
  }
  invalidate(): void {}
  grantedScope(): undefined {
    return undefined;
  }
  hasToken(): boolean {
    return true;
  }
  tokenRequests(): number {
    return 0;
  }
}

interface TokenState {
  accessToken: string;
  refreshToken: string | undefined;
  scope: string | undefined;
  /** Epoch ms after which we renew (ahead of the real expiry). */
  renewAt: number;
}

export class JwtTokenSource implements TokenSource {
  readonly mode = "jwt" as const;
  readonly canRenew = true;
  private state: TokenState | undefined;
  private pending: Promise<TokenState> | undefined;
  private requestCount = 0;

  constructor(
    private readonly config: ClientConfig,
    private readonly options: TokenEndpointOptions,
  ) {}

  async token(): Promise<string> {
    const now = this.now();
    if (this.state && now < this.state.renewAt) return this.state.accessToken;
    return (await this.renew()).accessToken;
  }

  invalidate(rejected: string): void {
    if (this.state?.accessToken === rejected) this.state = { ...this.state, renewAt: 0 };
  }

  grantedScope(): string | undefined {
    return this.state?.scope;
  }

  hasToken(): boolean {
    return this.state !== undefined;
  }

  tokenRequests(): number {
    return this.requestCount;
  }

  /** Single flight: concurrent callers share one token request. */
  private renew(): Promise<TokenState> {
    this.pending ??= this.fetchToken().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async fetchToken(): Promise<TokenState> {
    const refreshToken = this.state?.refreshToken;
    if (refreshToken !== undefined) {
      try {
        this.state = await this.grant({ grant_type: "refresh_token", refresh_token: refreshToken });
        return this.state;
      } catch (error) {
        // An expired or revoked refresh token: fall back to a fresh JWT grant.
        if (!(error instanceof LineWorksApiError) || error.status < 400 || error.status >= 500) throw error;
      }
    }
    this.state = await this.grant({
      grant_type: JWT_GRANT_TYPE,
      assertion: await this.assertion(),
      scope: this.options.scope ?? DEFAULT_SCOPE,
    });
    return this.state;
  }

  private async assertion(): Promise<string> {
    const { clientId, serviceAccount, secrets } = this.config;
    // jose is an ES module: loaded with import(), which TypeScript keeps as is for node16 CommonJS output.
    const { SignJWT } = await import("jose");
    const key = createPrivateKey(secrets.privateKey() as string);
    const issuedAt = Math.floor(this.now() / 1000);
    const jwt = await new SignJWT({})
      .setProtectedHeader({ alg: "RS256", typ: "JWT" })
      .setIssuer(clientId as string)
      .setSubject(serviceAccount as string)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + ASSERTION_LIFETIME_SECONDS)
      .sign(key);
    processRedactor.addSecret(jwt);
    return jwt;
  }

  private async grant(fields: Record<string, string>): Promise<TokenState> {
    const form = new URLSearchParams({
      ...fields,
      client_id: this.config.clientId as string,
      client_secret: this.config.secrets.clientSecret() as string,
    });
    const response = await this.postForm(form.toString(), fields.grant_type as string);
    const parsed = tokenResponse.safeParse(parseJson(response.body));
    if (!parsed.success) {
      throw this.error(response.status, "INVALID_TOKEN_RESPONSE", "the token endpoint answered without an access_token");
    }
    const token = parsed.data;
    processRedactor.addSecret(token.access_token);
    processRedactor.addSecret(token.refresh_token);
    const lifetimeMs = (token.expires_in ?? DEFAULT_TOKEN_LIFETIME_SECONDS) * 1000;
    // Renew ahead of expiry: a tenth of the lifetime, at most five minutes.
    const margin = Math.min(5 * 60_000, lifetimeMs / 10);
    return {
      accessToken: token.access_token,
      refreshToken: token.refresh_token ?? this.state?.refreshToken,
      scope: token.scope ?? this.state?.scope,
      renewAt: this.now() + lifetimeMs - margin,
    };
  }

  /** POSTs to the token endpoint; retried on 5xx, 429 and connection failures (a token request is harmless to repeat). */
  private async postForm(body: string, grantType: string): Promise<HttpResponse> {
    const { maxRetries, backoff, timeoutMs, dispatcher } = this.options;
    for (let attempt = 0; ; attempt++) {
      let response: HttpResponse;
      try {
        this.requestCount++;
        response = await send(dispatcher, {
          url: this.config.authUrl,
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
          body,
          timeoutMs,
        });
      } catch (error) {
        const failure = error as TransportFailure;
        if (attempt < maxRetries) {
          await sleep(backoffDelay(attempt, backoff));
          continue;
        }
        throw this.error(
          NO_HTTP_STATUS,
          failure.kind === "timeout" ? "TIMEOUT" : "CONNECTION_FAILED",
          `could not get an access token (${failure.reason}); check lineworks:authUrl`,
          attempt + 1,
        );
      }
      if (response.status >= 200 && response.status < 300) return response;
      if ((response.status === 429 || response.status >= 500) && attempt < maxRetries) {
        const delay =
          response.status === 429
            ? rateLimitDelay(response.headers["ratelimit-reset"], attempt, { ...backoff, maxWaitMs: 60_000 })
            : backoffDelay(attempt, backoff);
        await sleep(delay);
        continue;
      }
      const error = oauthErrorBody.safeParse(parseJson(response.body));
      const code = (error.success && error.data.error) || `HTTP_${response.status}`;
      const description = (error.success && error.data.error_description) || "the token endpoint refused the request";
      throw this.error(
        response.status,
        code,
        description,
        attempt + 1,
        code === "invalid_scope"
          ? scopeHint(this.options.scope ?? DEFAULT_SCOPE)
          : response.status >= 400 && response.status < 500
            ? grantType === JWT_GRANT_TYPE
              ? "Check lineworks:clientId, lineworks:clientSecret, lineworks:serviceAccount and lineworks:privateKey"
              : "The refresh token was refused"
            : undefined,
      );
    }
  }

  private error(status: number, code: string, description: string, attempts = 1, hint?: string): LineWorksApiError {
    return new LineWorksApiError({
      status,
      code,
      description: `token request failed: ${description}`,
      method: "POST",
      path: safePath(this.config.authUrl),
      attempts,
      ...(hint !== undefined && { hint }),
    });
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}

/**
 * Token sources shared by every client in the process: a Pulumi run builds many
 * clients but should fetch one token per credential.
 */
const processTokenSources = new Map<string, JwtTokenSource>();

export function tokenSourceFor(config: ClientConfig, options: TokenEndpointOptions): TokenSource {
  if (config.authMode === "accessToken") return new StaticTokenSource(config.secrets.accessToken() as string);
  // A fingerprint of the secrets keeps a rotated key from reusing the old key's source.
  const fingerprint = createHash("sha256")
    .update(`${config.secrets.clientSecret()}\u0000${config.secrets.privateKey()}`)
    .digest("hex")
    .slice(0, 16);
  const key = [config.authUrl, config.clientId, config.serviceAccount, options.scope ?? DEFAULT_SCOPE, fingerprint].join(
    "\u0000",
  );
  let source = processTokenSources.get(key);
  if (source === undefined) {
    source = new JwtTokenSource(config, options);
    processTokenSources.set(key, source);
  }
  return source;
}

/** The token endpoint refused the scope asked for: the app was not given it. */
function scopeHint(scope: string): string {
  const why = scope === DEFAULT_SCOPE ? " (read and write, needed to apply changes)" : "";
  return (
    `The app is not granted the scope ${scope}${why}: add it to the app's OAuth scopes in the LINE WORKS Developer Console, ` +
    `or run with an app that has it`
  );
}

function safePath(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return "(token endpoint)";
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
