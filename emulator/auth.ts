/**
 * The token endpoint's grants (JWT bearer verified with jose, refresh_token) and
 * bearer-token verification of API calls. Tokens are opaque random strings; the
 * store keeps only their SHA-256 hashes, with domain, scopes and expiry.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import {
  ASSERTION_CLOCK_SKEW_SECONDS,
  EXPIRES_IN_AS_STRING,
  defaultGrantedScopes,
  GRANTABLE_SCOPES,
  EXPIRED_TOKEN_MEMORY_MS,
  LIMITS,
  REFRESH_ROTATION_DEFAULT,
  USER_READ_SCOPES,
  WWW_AUTHENTICATE,
} from "./assumptions";
import { ApiError, OAuthError } from "./errors";
import { loadJose, type JoseKey } from "./jose";
import type { Domain, EmulatorStore, TokenRecord } from "./store";

export const JWT_BEARER_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";

export interface TokenResponse {
  access_token: string;
  refresh_token: string;
  scope: string;
  token_type: "Bearer";
  expires_in: string | number;
}

export interface Caller {
  domain: Domain;
  scopes: ReadonlySet<string>;
}

const hashToken = (token: string) => createHash("sha256").update(token).digest("base64url");

function secretsEqual(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** One token the endpoint handed out, by the SHA-256 of its text (base64url): never the token itself. */
export interface IssuedToken {
  kind: "access" | "refresh";
  domainId: number;
  scopes: string[];
  issuedAt: string;
  sha256: string;
}

/** How many issued tokens `issuedTokens()` remembers (the oldest are forgotten first). */
const ISSUED_TOKEN_MEMORY = 10_000;

export class TokenService {
  private readonly publicKeys = new Map<number, Promise<JoseKey>>();
  private readonly issued: IssuedToken[] = [];

  constructor(
    private readonly store: EmulatorStore,
    private readonly accessTokenTtlSeconds: number = LIMITS.accessTokenTtlSecondsDefault,
    private readonly now: () => number = Date.now,
  ) {}

  /** Handles a form-encoded token request. */
  async grant(form: Record<string, unknown>): Promise<TokenResponse> {
    const grantType = stringParam(form, "grant_type");
    if (grantType === JWT_BEARER_GRANT) return this.grantJwtBearer(form);
    if (grantType === "refresh_token") return this.grantRefresh(form);
    throw new OAuthError("unsupported_grant_type", `grant_type ${JSON.stringify(grantType)} is not supported`);
  }

  private authenticateClient(form: Record<string, unknown>): Domain[] {
    const clientId = stringParam(form, "client_id");
    const clientSecret = stringParam(form, "client_secret");
    const domains = this.store.domains().filter((domain) => domain.definition.credentials.clientId === clientId);
    if (domains.length === 0 || !domains.some((d) => secretsEqual(clientSecret, d.definition.credentials.clientSecret))) {
      throw new OAuthError("invalid_client", "client authentication failed");
    }
    return domains.filter((d) => secretsEqual(clientSecret, d.definition.credentials.clientSecret));
  }

  private async grantJwtBearer(form: Record<string, unknown>): Promise<TokenResponse> {
    const assertion = stringParam(form, "assertion");
    const scopes = parseScopes(stringParam(form, "scope"));
    const candidates = this.authenticateClient(form);
    const jose = await loadJose();
    try {
      const header = jose.decodeProtectedHeader(assertion);
      if (header.alg !== "RS256") throw new OAuthError("invalid_grant", "assertion must be signed with RS256");
    } catch (err) {
      if (err instanceof OAuthError) throw err;
      throw new OAuthError("invalid_grant", "assertion is not a JWT");
    }
    let lastError: OAuthError | undefined;
    for (const domain of candidates) {
      try {
        await this.verifyAssertion(assertion, domain);
        const given: readonly string[] = domain.definition.scopes ?? defaultGrantedScopes(domain.definition.plan);
        const refused = scopes.filter((scope) => !given.includes(scope));
        if (refused.length > 0) throw new OAuthError("invalid_scope", `scope ${refused.join(",")} is not granted to this app`);
        return this.issue(domain.domainId, scopes);
      } catch (err) {
        if (!(err instanceof OAuthError)) throw err;
        lastError = err;
      }
    }
    throw lastError ?? new OAuthError("invalid_grant", "assertion rejected");
  }

  private async verifyAssertion(assertion: string, domain: Domain): Promise<void> {
    const { clientId, serviceAccount } = domain.definition.credentials;
    const nowSeconds = Math.floor(this.now() / 1000);
    const jose = await loadJose();
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jose.jwtVerify(assertion, await this.publicKey(domain), {
        algorithms: ["RS256"],
        currentDate: new Date(this.now()),
      }));
    } catch (err) {
      if (err instanceof jose.errors.JWTExpired) throw new OAuthError("invalid_grant", "assertion has expired");
      throw new OAuthError("invalid_grant", "assertion signature or format is invalid");
    }
    if (payload.iss !== clientId) throw new OAuthError("invalid_grant", "assertion iss must be the client id");
    if (payload.sub !== serviceAccount) throw new OAuthError("invalid_grant", "assertion sub must be the service account");
    const { iat, exp } = payload;
    if (typeof iat !== "number" || typeof exp !== "number") {
      throw new OAuthError("invalid_grant", "assertion needs numeric iat and exp");
    }
    if (exp - iat > LIMITS.assertionLifetimeSeconds) {
      throw new OAuthError("invalid_grant", "assertion exp must be at most 60 minutes after iat");
    }
    if (exp <= iat) throw new OAuthError("invalid_grant", "assertion exp must be after iat");
    if (iat > nowSeconds + ASSERTION_CLOCK_SKEW_SECONDS) throw new OAuthError("invalid_grant", "assertion iat is in the future");
  }

  private publicKey(domain: Domain): Promise<JoseKey> {
    let key = this.publicKeys.get(domain.domainId);
    if (!key) {
      key = loadJose().then((jose) => jose.importSPKI(domain.definition.credentials.publicKeyPem, "RS256"));
      this.publicKeys.set(domain.domainId, key);
    }
    return key;
  }

  private grantRefresh(form: Record<string, unknown>): TokenResponse {
    const refreshToken = stringParam(form, "refresh_token");
    const candidates = this.authenticateClient(form);
    const hash = hashToken(refreshToken);
    const record = this.store.tokens.get(hash);
    if (!record || record.kind !== "refresh" || record.expiresAt <= this.now()) {
      throw new OAuthError("invalid_grant", "refresh token is invalid or expired");
    }
    if (!candidates.some((domain) => domain.domainId === record.domainId)) {
      throw new OAuthError("invalid_grant", "refresh token was not issued to this client");
    }
    const requested = typeof form.scope === "string" && form.scope.trim() !== "" ? parseScopes(form.scope) : record.scopes;
    if (requested.some((scope) => !record.scopes.includes(scope))) {
      throw new OAuthError("invalid_scope", "a refresh cannot widen the granted scopes");
    }
    const domain = this.store.domain(record.domainId)!;
    if ((domain.definition.refreshTokenRotation ?? REFRESH_ROTATION_DEFAULT) === false) {
      return this.issue(record.domainId, requested, refreshToken);
    }
    // Rotation ON: a new refresh token; the old one stops working.
    this.store.tokens.delete(hash);
    return this.issue(record.domainId, requested);
  }

  /** A new access token, and a new refresh token unless `keepRefreshToken` is given (rotation off). */
  private issue(domainId: number, scopes: string[], keepRefreshToken?: string): TokenResponse {
    const now = this.now();
    this.pruneExpired(now);
    const accessToken = randomBytes(32).toString("base64url");
    const refreshToken = keepRefreshToken ?? randomBytes(32).toString("base64url");
    const access: TokenRecord = { kind: "access", domainId, scopes, expiresAt: now + this.accessTokenTtlSeconds * 1000 };
    this.store.tokens.set(hashToken(accessToken), access);
    if (keepRefreshToken === undefined) {
      const refresh: TokenRecord = { kind: "refresh", domainId, scopes, expiresAt: now + LIMITS.refreshTokenTtlSeconds * 1000 };
      this.store.tokens.set(hashToken(refreshToken), refresh);
    }
    this.remember("access", domainId, scopes, now, accessToken);
    if (keepRefreshToken === undefined) this.remember("refresh", domainId, scopes, now, refreshToken);
    this.store.changed({ entity: "token", action: "updated" });
    return {
      access_token: accessToken,
      refresh_token: refreshToken,
      scope: scopes.join(","),
      token_type: "Bearer",
      expires_in: EXPIRES_IN_AS_STRING ? String(this.accessTokenTtlSeconds) : this.accessTokenTtlSeconds,
    };
  }

  private remember(kind: IssuedToken["kind"], domainId: number, scopes: string[], now: number, token: string): void {
    this.issued.push({ kind, domainId, scopes, issuedAt: new Date(now).toISOString(), sha256: hashToken(token) });
    if (this.issued.length > ISSUED_TOKEN_MEMORY) this.issued.splice(0, this.issued.length - ISSUED_TOKEN_MEMORY);
  }

  /**
   * Every token issued since the emulator started (rotated, expired and pruned ones included),
   * as hashes: for tests that search a text for any token the emulator handed out.
   */
  issuedTokens(): IssuedToken[] {
    return [...this.issued];
  }

  /** Expired tokens are remembered a while, so that they are answered as expired rather than unknown. */
  private pruneExpired(now: number): void {
    for (const [hash, token] of this.store.tokens) if (token.expiresAt + EXPIRED_TOKEN_MEMORY_MS <= now) this.store.tokens.delete(hash);
  }

  /**
   * Verifies `Authorization: Bearer TOKEN` of an API call. No token: 401 with
   * `www-authenticate: Bearer`; an unknown token: 401, an expired one:
   * `expiredStatus` (403 by default), both `code: UNAUTHORIZED` with
   * `www-authenticate: Bearer error="invalid_token"` (RFC 6750, docs page `error-codes`).
   */
  authenticate(authorization: string | undefined, expiredStatus: 401 | 403 = 403): Caller {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
    if (!match) throw new ApiError(401, "missing bearer token", "UNAUTHORIZED", { "www-authenticate": WWW_AUTHENTICATE.missing });
    const refused = { "www-authenticate": WWW_AUTHENTICATE.refused };
    const record = this.store.tokens.get(hashToken(match[1]!));
    const domain = record ? this.store.domain(record.domainId) : undefined;
    if (!record || record.kind !== "access" || !domain) throw new ApiError(401, "invalid access token", "UNAUTHORIZED", refused);
    if (record.expiresAt <= this.now()) throw new ApiError(expiredStatus, "access token has expired", "UNAUTHORIZED", refused);
    return { domain, scopes: new Set(record.scopes) };
  }

  /** Test hook: every issued access token expires now; refresh tokens keep working. */
  expireAccessTokens(): number {
    const now = this.now();
    let count = 0;
    for (const token of this.store.tokens.values()) {
      if (token.kind === "access" && token.expiresAt > now) {
        token.expiresAt = now;
        count += 1;
      }
    }
    this.store.changed({ entity: "token", action: "updated" });
    return count;
  }
}

function stringParam(form: Record<string, unknown>, name: string): string {
  const value = form[name];
  if (typeof value !== "string" || value === "") throw new OAuthError("invalid_request", `${name} is required`);
  return value;
}

/** Scopes are comma-separated (documented); spaces are accepted too. */
export function parseScopes(text: string): string[] {
  const scopes = [...new Set(text.split(/[,\s]+/).filter((scope) => scope !== ""))];
  if (scopes.length === 0) throw new OAuthError("invalid_request", "scope is required");
  const unknown = scopes.filter((scope) => !(GRANTABLE_SCOPES as readonly string[]).includes(scope));
  if (unknown.length > 0) throw new OAuthError("invalid_scope", `scope ${unknown.join(",")} is not granted to this app`);
  return scopes;
}

/** What an operation needs: contact reads, contact writes, or reads of users (the Directory API). */
export type Access = "read" | "write" | "users";

/** `contact` reads and writes; `contact.read` only reads; users are read with USER_READ_SCOPES. */
export function canAccess(scopes: ReadonlySet<string>, access: Access): boolean {
  if (access === "users") return USER_READ_SCOPES.some((scope) => scopes.has(scope));
  return scopes.has("contact") || (access === "read" && scopes.has("contact.read"));
}
