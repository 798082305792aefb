/**
 * Authentication (lineworks-api.md "Authentication"): the JWT bearer grant,
 * client secret, scopes, refresh_token, expiry; bearer checks on API calls; and
 * domain isolation with a two-domain --seed file.
 */
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startEmulatorProcess, type EmulatorCredentials, type EmulatorProcess } from "../support/emulator-process";
import { waitFor } from "../support/wait-for";
import { api, assertion, client, contactBody, JWT_BEARER, postForm, requestToken } from "../support/emulator-http";

const DEV = 20000001;
const PROD = 20000002;

let emulator: EmulatorProcess;
let directory: string;
let credentials: EmulatorCredentials;

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), "emulator-auth-"));
  const seedFile = join(directory, "seed.yaml");
  writeFileSync(
    seedFile,
    [
      "domains:",
      `  - domainId: ${DEV}`,
      "    name: dev",
      "    clientId: dev-client",
      "    clientSecret: dev-secret",
      "    serviceAccount: dev.sa@example.com",
      "    members: [owner@dev.example, { email: lead@dev.example, userId: user-lead-dev }]",
      `  - domainId: ${PROD}`,
      "    name: prod",
      "    clientId: prod-client",
      "    clientSecret: prod-secret",
      "    serviceAccount: prod.sa@example.com",
      "    members: [owner@prod.example]",
      "",
    ].join("\n"),
  );
  emulator = await startEmulatorProcess({ seedFile, requestsPerMinute: 100_000 });
  credentials = await emulator.credentials();
});
afterAll(async () => {
  await emulator?.stop();
  rmSync(directory, { recursive: true, force: true });
});
beforeEach(async () => {
  await emulator.reset();
});

async function grant(overrides: Record<string, string | undefined> = {}, claims = {}) {
  const form: Record<string, string> = {
    assertion: await assertion(credentials, claims),
    grant_type: JWT_BEARER,
    client_id: credentials.clientId,
    client_secret: credentials.clientSecret,
    scope: "contact",
  };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) delete form[key];
    else form[key] = value;
  }
  return postForm(emulator.authUrl, form);
}

function expectOAuthError(reply: { status: number; body: any }, status: number, error: string) {
  expect(reply.status, JSON.stringify(reply.body)).toBe(status);
  expect(reply.body).toEqual({ error, error_description: expect.any(String) });
}

describe("seeded credentials", () => {
  it("the first seeded domain is the default; others by ?domainId", async () => {
    expect(credentials).toMatchObject({ domainId: DEV, clientId: "dev-client", serviceAccount: "dev.sa@example.com" });
    expect(await emulator.credentials(PROD)).toMatchObject({ domainId: PROD, clientId: "prod-client" });
    const unknown = await fetch(`${emulator.url}/_emulator/credentials?domainId=1`);
    expect(unknown.status).toBe(404);
  });

  it("generates a distinct key pair per domain when the seed has none", async () => {
    const prod = await emulator.credentials(PROD);
    expect(prod.privateKey).toMatch(/BEGIN PRIVATE KEY/);
    expect(prod.privateKey).not.toBe(credentials.privateKey);
  });
});

describe("POST /oauth2/v2.0/token (JWT bearer grant)", () => {
  it("answers {access_token, refresh_token, scope, token_type, expires_in}", async () => {
    const reply = await grant();
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      access_token: expect.any(String),
      refresh_token: expect.any(String),
      scope: "contact",
      token_type: "Bearer",
      expires_in: expect.anything(),
    });
    expect(Number(reply.body.expires_in)).toBe(86400);
  });

  it.each(["contact.read", "contact,contact.read", "contact contact.read"])("grants scope %j", async (scope) => {
    const reply = await grant({ scope });
    expect(reply.status).toBe(200);
    expect(reply.body.scope.split(",").sort()).toEqual(scope.split(/[ ,]/).sort());
  });

  it("rejects a scope the app does not have (400 invalid_scope)", async () => {
    expectOAuthError(await grant({ scope: "contact,bot" }), 400, "invalid_scope");
  });

  it("rejects a wrong client secret or unknown client (401 invalid_client)", async () => {
    expectOAuthError(await grant({ client_secret: "wrong" }), 401, "invalid_client");
    expectOAuthError(await grant({ client_id: "nobody" }), 401, "invalid_client");
    // Another domain's secret does not work for this client either.
    expectOAuthError(await grant({ client_secret: "prod-secret" }), 401, "invalid_client");
  });

  it.each(["assertion", "client_id", "client_secret", "scope", "grant_type"])("a missing %s is 400 invalid_request", async (name) => {
    const reply = await grant({ [name]: undefined });
    expect(reply.status).toBe(400);
    expect(["invalid_request", "unsupported_grant_type"]).toContain(reply.body.error);
  });

  it("an unknown grant_type is 400 unsupported_grant_type", async () => {
    expectOAuthError(await grant({ grant_type: "client_credentials" }), 400, "unsupported_grant_type");
  });

  it("an assertion signed with another key is 400 invalid_grant", async () => {
    const otherKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const reply = await postForm(emulator.authUrl, {
      assertion: await assertion(credentials, {}, otherKey),
      grant_type: JWT_BEARER,
      client_id: credentials.clientId,
      client_secret: credentials.clientSecret,
      scope: "contact",
    });
    expectOAuthError(reply, 400, "invalid_grant");
  });

  it("another domain's key does not sign for this client", async () => {
    const prod = await emulator.credentials(PROD);
    const reply = await postForm(emulator.authUrl, {
      assertion: await assertion(credentials, {}, prod.privateKey),
      grant_type: JWT_BEARER,
      client_id: credentials.clientId,
      client_secret: credentials.clientSecret,
      scope: "contact",
    });
    expectOAuthError(reply, 400, "invalid_grant");
  });

  it("iss must be the client id and sub the service account", async () => {
    expectOAuthError(await grant({}, { iss: "other-client" }), 400, "invalid_grant");
    expectOAuthError(await grant({}, { sub: "other@example.com" }), 400, "invalid_grant");
  });

  it("exp may be at most 60 minutes after iat", async () => {
    const iat = Math.floor(Date.now() / 1000);
    expect((await grant({}, { iat, exp: iat + 3600 })).status).toBe(200);
    expectOAuthError(await grant({}, { iat, exp: iat + 3601 }), 400, "invalid_grant");
  });

  it("an expired assertion is 400 invalid_grant", async () => {
    const iat = Math.floor(Date.now() / 1000) - 7200;
    expectOAuthError(await grant({}, { iat, exp: iat + 3600 }), 400, "invalid_grant");
  });

  it("a body that is not form-encoded is 400 invalid_request", async () => {
    const response = await fetch(emulator.authUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ grant_type: JWT_BEARER }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toBe("invalid_request");
  });
});

describe("refresh_token grant", () => {
  it("returns a new access and refresh token; both work", async () => {
    const first = (await grant()).body;
    const reply = await postForm(emulator.authUrl, {
      grant_type: "refresh_token",
      refresh_token: first.refresh_token,
      client_id: credentials.clientId,
      client_secret: credentials.clientSecret,
    });
    expect(reply.status).toBe(200);
    expect(reply.body.access_token).not.toBe(first.access_token);
    expect(reply.body.refresh_token).toEqual(expect.any(String));
    expect(reply.body.scope).toBe("contact");
    expect((await api(emulator, reply.body.access_token, "GET", "/contacts")).status).toBe(200);
  });

  it("an unknown refresh token is 400 invalid_grant; a wrong secret is 401", async () => {
    const first = (await grant()).body;
    const refresh = (overrides: Record<string, string>) =>
      postForm(emulator.authUrl, {
        grant_type: "refresh_token",
        refresh_token: first.refresh_token,
        client_id: credentials.clientId,
        client_secret: credentials.clientSecret,
        ...overrides,
      });
    expectOAuthError(await refresh({ refresh_token: "nope" }), 400, "invalid_grant");
    expectOAuthError(await refresh({ client_secret: "wrong" }), 401, "invalid_client");
    // An access token is not a refresh token.
    expectOAuthError(await refresh({ refresh_token: first.access_token }), 400, "invalid_grant");
  });

  it("keeps a read-only grant read-only", async () => {
    const first = (await grant({ scope: "contact.read" })).body;
    const refreshed = await postForm(emulator.authUrl, {
      grant_type: "refresh_token",
      refresh_token: first.refresh_token,
      client_id: credentials.clientId,
      client_secret: credentials.clientSecret,
    });
    expect(refreshed.body.scope).toBe("contact.read");
    expect((await api(emulator, refreshed.body.access_token, "POST", "/contact-tags", { contactTagName: "x" })).status).toBe(403);
  });
});

describe("bearer tokens on API calls", () => {
  it("no token or an unknown token is 401 UNAUTHORIZED", async () => {
    for (const token of [undefined, "not-a-token"]) {
      const reply = await api(emulator, token, "GET", "/contacts");
      expect(reply.status).toBe(401);
      expect(reply.body).toEqual({ code: "UNAUTHORIZED", description: expect.any(String) });
    }
  });

  it("a contact.read token reads but every write is 403 FORBIDDEN", async () => {
    const writer = client(emulator, (await grant()).body.access_token);
    const reader = client(emulator, (await grant({ scope: "contact.read" })).body.access_token);
    const contact = (await writer.post("/contacts", contactBody({ permission: { masterUserId: "owner@dev.example", accessibleRange: "ALL" } }))).body;
    expect((await reader.get(`/contacts/${contact.contactId}`)).status).toBe(200);
    expect((await reader.get("/contact-tags")).status).toBe(200);
    const writes = [
      await reader.post("/contacts", contactBody()),
      await reader.patch(`/contacts/${contact.contactId}`, { memo: "x" }),
      await reader.delete(`/contacts/${contact.contactId}`),
      await reader.post("/contact-tags", { contactTagName: "x" }),
      await reader.post("/contacts/custom-properties", { domainId: DEV, propertyName: "p", displayName: "P", propertyType: "STRING" }),
    ];
    for (const reply of writes) {
      expect(reply.status).toBe(403);
      expect(reply.body.code).toBe("FORBIDDEN");
    }
    expect((await writer.get(`/contacts/${contact.contactId}`)).body.memo).toBeUndefined();
  });

  it("after /_emulator/expire-tokens access tokens are 403 UNAUTHORIZED (as the official samples handle) and the refresh token still works", async () => {
    const tokens = (await grant()).body;
    expect((await api(emulator, tokens.access_token, "GET", "/contacts")).status).toBe(200);
    await emulator.expireTokens();
    const refused = await api(emulator, tokens.access_token, "GET", "/contacts");
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual({ code: "UNAUTHORIZED", description: expect.any(String) });
    expect(refused.headers.get("www-authenticate")).toBe('Bearer error="invalid_token"');
    const refreshed = await postForm(emulator.authUrl, {
      grant_type: "refresh_token",
      refresh_token: tokens.refresh_token,
      client_id: credentials.clientId,
      client_secret: credentials.clientSecret,
    });
    expect(refreshed.status).toBe(200);
    expect((await api(emulator, refreshed.body.access_token, "GET", "/contacts")).status).toBe(200);
  });
});

describe("domains are isolated", () => {
  it("objects of one domain are invisible to another", async () => {
    const dev = client(emulator, (await requestToken(emulator, "contact", DEV)).access_token);
    const prod = client(emulator, (await requestToken(emulator, "contact", PROD)).access_token);
    const contact = (await dev.post("/contacts", contactBody({ permission: { masterUserId: "owner@dev.example", accessibleRange: "ALL" } }))).body;
    const tag = (await dev.post("/contact-tags", { contactTagName: "VIP" })).body;
    expect((await prod.get(`/contacts/${contact.contactId}`)).status).toBe(404);
    expect((await prod.get("/contacts")).body.contacts).toEqual([]);
    expect((await prod.get(`/contact-tags/${tag.contactTagId}`)).status).toBe(404);
    expect((await prod.delete(`/contacts/${contact.contactId}/forcedelete`)).status).toBe(404);
    // The same tag name is free in the other domain.
    expect((await prod.post("/contact-tags", { contactTagName: "VIP" })).status).toBe(201);
    // A dev tag id cannot be put on a prod contact.
    const withDevTag = await prod.post(
      "/contacts",
      contactBody({ permission: { masterUserId: "owner@prod.example", accessibleRange: "ALL" }, contactTagIds: [tag.contactTagId] }),
    );
    expect(withDevTag.status).toBe(400);
    expect((await dev.get(`/contacts/${contact.contactId}`)).status).toBe(200);
  });

  it("members are per domain", async () => {
    const prod = client(emulator, (await requestToken(emulator, "contact", PROD)).access_token);
    const reply = await prod.post("/contacts", contactBody({ permission: { masterUserId: "owner@dev.example", accessibleRange: "ALL" } }));
    expect(reply.status).toBe(400);
    expect(reply.body.code).toBe("INVALID_PARAMETER");
  });

  it("a seeded userId and the member's email both refer to the member", async () => {
    const dev = client(emulator, (await requestToken(emulator, "contact", DEV)).access_token);
    const tag = (await dev.post("/users/user-lead-dev/contact-tags", { contactTagName: "Mine" })).body;
    const tags = (await dev.get("/users/lead@dev.example/contact-tags")).body.contactTags;
    expect(tags.map((t: any) => t.contactTagId)).toEqual([tag.contactTagId]);
  });

  it("custom properties of another domainId are 403", async () => {
    const prod = client(emulator, (await requestToken(emulator, "contact", PROD)).access_token);
    expect((await prod.get(`/contacts/custom-properties?domainId=${DEV}`)).status).toBe(403);
  });
});

describe("--access-token-ttl", () => {
  it("access tokens expire after the configured lifetime", async () => {
    const shortLived = await startEmulatorProcess({ accessTokenTtlSeconds: 1 });
    try {
      const tokens = await requestToken(shortLived);
      expect(Number(tokens.expires_in)).toBe(1);
      expect((await api(shortLived, tokens.access_token, "GET", "/contacts")).status).toBe(200);
      // Valid at first; refused once its second has passed (well before the deadline, which only bounds a hang).
      const expired = await waitFor("the token's refusal", async () => {
        const reply = await api(shortLived, tokens.access_token, "GET", "/contacts");
        return reply.status !== 200 && reply;
      }, { timeoutMs: 15_000, intervalMs: 100 });
      expect(expired.status).toBe(403);
      expect(expired.body.code).toBe("UNAUTHORIZED");
      expect(expired.headers.get("www-authenticate")).toBe('Bearer error="invalid_token"');
    } finally {
      await shortLived.stop();
    }
  });
});
