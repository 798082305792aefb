/**
 * Plain-HTTP helpers for the conformance tests: a JWT-bearer token from the
 * emulator's credentials, and JSON calls with a bearer token. Deliberately not the
 * project's API client: these tests check the emulator against the docs.
 */
import { importPKCS8, SignJWT } from "jose";
import { afterAll, beforeAll, beforeEach, expect } from "vitest";
import { startEmulatorProcess, type EmulatorCredentials, type EmulatorProcess } from "./emulator-process";

export const JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";

export interface AssertionClaims {
  iss?: string;
  sub?: string;
  iat?: number;
  exp?: number;
}

/** A signed RS256 assertion; claims default to the credentials, iat now, exp in 30 minutes. */
export async function assertion(credentials: EmulatorCredentials, claims: AssertionClaims = {}, privateKeyPem = credentials.privateKey): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const key = await importPKCS8(privateKeyPem, "RS256");
  const iat = claims.iat ?? now;
  return new SignJWT({})
    .setProtectedHeader({ alg: "RS256", typ: "JWT" })
    .setIssuer(claims.iss ?? credentials.clientId)
    .setSubject(claims.sub ?? credentials.serviceAccount)
    .setIssuedAt(iat)
    .setExpirationTime(claims.exp ?? iat + 1800)
    .sign(key);
}

export async function postForm(url: string, form: Record<string, string>): Promise<{ status: number; body: any }> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form).toString(),
  });
  return { status: response.status, body: await response.json() };
}

export interface TokenSet {
  access_token: string;
  refresh_token: string;
  scope: string;
  token_type: string;
  expires_in: string | number;
}

export async function requestToken(emulator: EmulatorProcess, scope = "contact", domainId?: number): Promise<TokenSet> {
  const credentials = await emulator.credentials(domainId);
  const { status, body } = await postForm(emulator.authUrl, {
    assertion: await assertion(credentials),
    grant_type: JWT_BEARER,
    client_id: credentials.clientId,
    client_secret: credentials.clientSecret,
    scope,
  });
  if (status !== 200) throw new Error(`token request failed: ${status} ${JSON.stringify(body)}`);
  return body as TokenSet;
}

export interface ApiReply {
  status: number;
  headers: Headers;
  body: any;
}

/** A JSON API call (path relative to /v1.0) with a bearer token. */
export async function api(
  emulator: EmulatorProcess,
  token: string | undefined,
  method: string,
  path: string,
  body?: unknown,
): Promise<ApiReply> {
  const headers: Record<string, string> = {};
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(`${emulator.apiBaseUrl}${path}`, {
    method,
    headers,
    redirect: "manual",
    ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  let parsed: unknown = undefined;
  if (text !== "") {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
  }
  return { status: response.status, headers: response.headers, body: parsed };
}

/** A client bound to one emulator and token. */
export function client(emulator: EmulatorProcess, token: string) {
  return {
    get: (path: string) => api(emulator, token, "GET", path),
    post: (path: string, body?: unknown) => api(emulator, token, "POST", path, body),
    put: (path: string, body?: unknown) => api(emulator, token, "PUT", path, body),
    patch: (path: string, body?: unknown) => api(emulator, token, "PATCH", path, body),
    delete: (path: string) => api(emulator, token, "DELETE", path),
  };
}
export type Client = ReturnType<typeof client>;

/** A minimal valid contact body (seed 000 example shape). */
export function contactBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    permission: { masterUserId: "admin@example.com", accessibleRange: "ALL" },
    contactName: { lastName: "Customer", firstName: "Contact" },
    telephones: [{ type: "CELLPHONE", telephone: "1234-5678", primary: true }],
    ...overrides,
  };
}

/**
 * The usual conformance-file setup: one emulator process for the file (no rate limit in the
 * way), a `contact`-scoped client, and a reset before every test. `ready` receives both.
 */
export function useConformanceEmulator(ready: (emulator: EmulatorProcess, api: Client) => void): void {
  let emulator: EmulatorProcess | undefined;
  beforeAll(async () => {
    emulator = await startEmulatorProcess({ requestsPerMinute: 100_000 });
    ready(emulator, client(emulator, (await requestToken(emulator)).access_token));
  });
  afterAll(async () => {
    await emulator?.stop();
  });
  beforeEach(async () => {
    await emulator!.reset();
  });
}

/** Asserts the documented error body `{code, description}` with this status (and text in the description). */
export function expectError(reply: { status: number; body: any }, status: number, code: string, mentions?: string): void {
  expect(reply.status, JSON.stringify(reply.body)).toBe(status);
  expect(reply.body).toEqual({ code, description: expect.any(String) });
  if (mentions) expect(reply.body.description).toContain(mentions);
}
