/**
 * Access tokens: a ready token from the configuration, or the service-account
 * JWT grant. One token per process and credential (authUrl + clientId +
 * serviceAccount), reused by every client, renewed before it expires (refresh
 * token grant when we have one, else a new JWT grant) and on demand when the API refuses it.
 * The grants go through the transport chain like every other call (token-grant.ts).
 */
import { createHash, createPrivateKey } from "node:crypto";
import { DEFAULT_SCOPE, DEFAULT_TOKEN_LIFETIME_SECONDS } from "./assumptions";
import type { AuthMode, ClientConfig } from "./config";
import { LineWorksApiError } from "./errors";
import { processRedactor } from "./redact";
import { TokenEndpoint, type TokenEndpointOptions } from "./token-grant";

export type { TokenEndpointOptions } from "./token-grant";

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
  private readonly endpoint: TokenEndpoint;

  constructor(
    private readonly config: ClientConfig,
    private readonly options: TokenEndpointOptions,
  ) {
    this.endpoint = new TokenEndpoint(config.authUrl, options);
  }

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
    return this.endpoint.requests();
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
    const form = {
      ...fields,
      client_id: this.config.clientId as string,
      client_secret: this.config.secrets.clientSecret() as string,
    };
    const grant = fields.grant_type === JWT_GRANT_TYPE ? "jwt" : "refresh";
    const token = await this.endpoint.grant(form, { grant, scope: this.options.scope ?? DEFAULT_SCOPE });
    const lifetimeMs = (token.expiresIn ?? DEFAULT_TOKEN_LIFETIME_SECONDS) * 1000;
    // Renew ahead of expiry: a tenth of the lifetime, at most five minutes.
    const margin = Math.min(5 * 60_000, lifetimeMs / 10);
    return {
      accessToken: token.accessToken,
      refreshToken: token.refreshToken ?? this.state?.refreshToken,
      scope: token.scope ?? this.state?.scope,
      renewAt: this.now() + lifetimeMs - margin,
    };
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
