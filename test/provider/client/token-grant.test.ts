/**
 * The token grant goes through the one transport chain (provider/client/token-grant.ts): the
 * same 5xx retries, the same 429 waits on rateLimit-reset, the same redirect policy and the same
 * error mapper as API calls, without a bearer token, and no secret in any error it raises.
 */
import { generateKeyPairSync } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JwtTokenSource } from "../../../provider/client/auth";
import { makeClientConfig, type ClientConfig } from "../../../provider/client/config";
import { AnswerCode, ErrorCode } from "../../../provider/client/error-codes";
import { LineWorksApiError, NO_HTTP_STATUS } from "../../../provider/client/errors";
import { processDispatcher } from "../../../provider/client/http";

interface Seen {
  path: string;
  headers: IncomingMessage["headers"];
  body: string;
}

type Answer = (res: ServerResponse, seen: Seen) => void;

/** A token endpoint answering from a script, one answer per request; it records what it was sent. */
async function scriptedServer(): Promise<{ server: Server; url: string; seen: Seen[]; script: Answer[] }> {
  const seen: Seen[] = [];
  const script: Answer[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      const entry = { path: req.url ?? "", headers: req.headers, body };
      seen.push(entry);
      const answer = script.shift() ?? ((r: ServerResponse) => json(r, 500, { error: "server_error" }));
      answer(res, entry);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}`, seen, script };
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

const TOKEN = { access_token: "granted-access-token-123456", refresh_token: "granted-refresh-token-123456", expires_in: 3600 };
const CLIENT_SECRET = "token-grant-client-secret-0123456789";
const { privateKey } = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  privateKeyEncoding: { type: "pkcs8", format: "pem" },
  publicKeyEncoding: { type: "spki", format: "pem" },
});

let endpoint: Awaited<ReturnType<typeof scriptedServer>>;
let elsewhere: Awaited<ReturnType<typeof scriptedServer>>;

beforeAll(async () => {
  endpoint = await scriptedServer();
  elsewhere = await scriptedServer();
});
afterAll(async () => {
  for (const { server } of [endpoint, elsewhere]) await new Promise((resolve) => server.close(resolve));
});

function configFor(authUrl: string): ClientConfig {
  return makeClientConfig({
    apiBaseUrl: "http://127.0.0.1:9/v1.0",
    authUrl,
    clientId: "client-id",
    clientSecret: CLIENT_SECRET,
    serviceAccount: "svc@example.com",
    privateKey,
  });
}

function sourceFor(authUrl: string, maxRetries = 2): JwtTokenSource {
  return new JwtTokenSource(configFor(authUrl), {
    dispatcher: processDispatcher(),
    timeoutMs: 5_000,
    maxRetries,
    backoff: { baseMs: 5, capMs: 5 },
    scope: "contact",
  });
}

/** Every secret the grant handles, in the forms an error could show. */
function expectNoSecret(error: LineWorksApiError, seen: Seen[]): void {
  const shown = `${error.message}\n${error.stack}\n${JSON.stringify(error)}`;
  const assertions = seen.map((entry) => new URLSearchParams(entry.body).get("assertion") ?? "").filter(Boolean);
  for (const secret of [CLIENT_SECRET, encodeURIComponent(CLIENT_SECRET), "PRIVATE KEY", "eyJ", ...assertions]) {
    expect(shown).not.toContain(secret);
  }
}

describe("the token grant through the transport chain", () => {
  it("retries a 5xx, waits out a 429 on rateLimit-reset, follows a same-origin 307, and sends no bearer token", async () => {
    endpoint.seen.length = 0;
    endpoint.script.push(
      (res) => json(res, 503, { error: "temporarily_unavailable" }),
      (res) => json(res, 429, { error: "rate_limited" }, { "ratelimit-reset": "1" }),
      (res) => {
        res.writeHead(307, { location: "/oauth2/v2.0/token-moved" });
        res.end();
      },
      (res) => json(res, 200, TOKEN),
    );
    const source = sourceFor(`${endpoint.url}/oauth2/v2.0/token`);
    const started = Date.now();
    expect(await source.token()).toBe(TOKEN.access_token);
    // The 429's reset (1 s) was honoured though the token endpoint has no client-side limiter to hold the pause.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(source.tokenRequests()).toBe(4);
    expect(endpoint.seen.map((entry) => entry.path)).toEqual([
      "/oauth2/v2.0/token",
      "/oauth2/v2.0/token",
      "/oauth2/v2.0/token",
      "/oauth2/v2.0/token-moved",
    ]);
    for (const entry of endpoint.seen) {
      expect(entry.headers.authorization).toBeUndefined();
      expect(entry.headers["content-type"]).toBe("application/x-www-form-urlencoded");
      expect(entry.headers["user-agent"]).toBe("lineworks-contacts-pulumi");
      const form = new URLSearchParams(entry.body);
      expect(form.get("grant_type")).toBe("urn:ietf:params:oauth:grant-type:jwt-bearer");
      expect(form.get("client_secret")).toBe(CLIENT_SECRET);
      expect(form.get("scope")).toBe("contact");
    }
  });

  it("maps a refused scope through the one error mapper: the OAuth code, the scope hint, no secret", async () => {
    endpoint.seen.length = 0;
    endpoint.script.push((res) => json(res, 400, { error: "invalid_scope", error_description: "scope not granted" }));
    const error = (await sourceFor(`${endpoint.url}/token`).token().catch((e: unknown) => e)) as LineWorksApiError;
    expect(error).toBeInstanceOf(LineWorksApiError);
    expect(error.code).toBe(AnswerCode.invalid_scope);
    expect(error.isScopeNotGranted).toBe(true);
    expect(error.status).toBe(400);
    expect(error.attempts).toBe(1);
    expect(error.path).toBe(`${endpoint.url}/token`);
    expect(error.message).toContain("token request failed: scope not granted");
    expect(error.message).toContain("The app is not granted the scope contact (read and write, needed to apply changes)");
    expectNoSecret(error, endpoint.seen);
  });

  it("refuses a redirect to another origin naming lineworks:authUrl; the form never leaves", async () => {
    endpoint.seen.length = 0;
    elsewhere.seen.length = 0;
    endpoint.script.push((res) => {
      res.writeHead(308, { location: `${elsewhere.url}/token` });
      res.end();
    });
    const error = (await sourceFor(`${endpoint.url}/token`).token().catch((e: unknown) => e)) as LineWorksApiError;
    expect(error.code).toBe(ErrorCode.REDIRECT_TO_OTHER_ORIGIN);
    expect(error.hint).toContain("lineworks:authUrl");
    expect(elsewhere.seen).toEqual([]);
    expectNoSecret(error, endpoint.seen);
  });

  it("an answer without an access_token is INVALID_TOKEN_RESPONSE, and its body is not echoed", async () => {
    endpoint.seen.length = 0;
    endpoint.script.push((res) => json(res, 200, { token_type: "Bearer", note: CLIENT_SECRET }));
    const error = (await sourceFor(`${endpoint.url}/token`).token().catch((e: unknown) => e)) as LineWorksApiError;
    expect(error.code).toBe(ErrorCode.INVALID_TOKEN_RESPONSE);
    expect(error.status).toBe(200);
    expectNoSecret(error, endpoint.seen);
  });

  it("a token endpoint that cannot be reached is CONNECTION_FAILED after the transport's retries", async () => {
    const error = (await sourceFor("http://127.0.0.1:9/token", 2).token().catch((e: unknown) => e)) as LineWorksApiError;
    expect(error.code).toBe(ErrorCode.CONNECTION_FAILED);
    expect(error.status).toBe(NO_HTTP_STATUS);
    expect(error.attempts).toBe(3);
    expect(error.message).toContain("could not get an access token");
    expect(error.message).toContain("check lineworks:authUrl");
  });
});
