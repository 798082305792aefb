/**
 * The Directory API's user read, `GET /v1.0/users/{userId}` (lineworks-api.md "Checking owners
 * before a write"; docs `user-get`, `auth-scope`): members of the token's domain by resource id,
 * login email or `externalKey:{key}`; 404 for anyone else; the scopes that read users; the same
 * pipeline as every API call (request log, faults, its own rate-limit window).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startEmulatorProcess, type EmulatorProcess } from "../support/emulator-process";
import { api, assertion, expectError, JWT_BEARER, postForm, requestToken } from "../support/emulator-http";

const DEV = 30000001;
const OTHER = 30000002;
const READ_ONLY = 30000003;
const FREE = 30000004;

let emulator: EmulatorProcess;
let directory: string;

const domainSeed = (domainId: number, members: string, extra: string[] = []) => [
  `  - domainId: ${domainId}`,
  `    clientId: client-${domainId}`,
  `    clientSecret: secret-${domainId}`,
  `    serviceAccount: sa-${domainId}@example.com`,
  `    members: ${members}`,
  ...extra.map((line) => `    ${line}`),
];

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), "emulator-users-"));
  const seedFile = join(directory, "seed.yaml");
  writeFileSync(
    seedFile,
    [
      "domains:",
      ...domainSeed(DEV, "[owner@dev.example, { email: ito@dev.example, externalKey: EMP-042, userName: { lastName: 伊藤, firstName: 花子 } }, { email: lead@dev.example, userId: user-lead-dev }]"),
      ...domainSeed(OTHER, "[stranger@other.example]"),
      ...domainSeed(READ_ONLY, "[reader@ro.example]", ["scopes: [contact.read]"]),
      ...domainSeed(FREE, "[member@free.example]", ["plan: free"]),
      "",
    ].join("\n"),
  );
  emulator = await startEmulatorProcess({ seedFile, requestsPerMinute: 100_000 });
});
afterAll(async () => {
  await emulator?.stop();
  rmSync(directory, { recursive: true, force: true });
});
beforeEach(async () => {
  await emulator.setFaults({ status500Rate: 0 });
  await emulator.clearRequests();
});

async function askToken(domainId: number, scope: string) {
  const credentials = await emulator.credentials(domainId);
  return postForm(emulator.authUrl, {
    assertion: await assertion(credentials),
    grant_type: JWT_BEARER,
    client_id: credentials.clientId,
    client_secret: credentials.clientSecret,
    scope,
  });
}

const getUser = (token: string, reference: string, target = emulator) => api(target, token, "GET", `/users/${encodeURIComponent(reference)}`);

describe("GET /users/{userId}", () => {
  it("answers a member by resource id, by login email (URL-encoded or not, any case) and by externalKey", async () => {
    const token = (await requestToken(emulator, "user.read", DEV)).access_token;
    const byEmail = await getUser(token, "ito@dev.example");
    expect(byEmail.status).toBe(200);
    expect(byEmail.body).toEqual({
      domainId: DEV,
      userId: expect.stringMatching(/^user[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
      userExternalKey: "EMP-042",
      email: "ito@dev.example",
      userName: { lastName: "伊藤", firstName: "花子" },
    });
    expect((await getUser(token, byEmail.body.userId)).body).toEqual(byEmail.body);
    expect((await getUser(token, "externalKey:EMP-042")).body).toEqual(byEmail.body);
    expect((await api(emulator, token, "GET", "/users/ito@dev.example")).body).toEqual(byEmail.body);
    expect((await getUser(token, "ITO@Dev.Example")).body).toEqual(byEmail.body);
    // A seeded userId is kept; a member without userName is named after its email.
    expect((await getUser(token, "lead@dev.example")).body).toMatchObject({ userId: "user-lead-dev", userExternalKey: null, userName: { lastName: "lead", firstName: "" } });
    expect((await getUser(token, "user-lead-dev")).body.email).toBe("lead@dev.example");
  });

  it("is 404 {code, description} for an unknown user, another domain's member and an unknown external key", async () => {
    const token = (await requestToken(emulator, "user.read", DEV)).access_token;
    const stranger = (await getUser((await requestToken(emulator, "user.read", OTHER)).access_token, "stranger@other.example")).body;
    expect(stranger.email).toBe("stranger@other.example");
    expectError(await getUser(token, "admin@exmaple.com"), 404, "NOT_FOUND", "admin@exmaple.com");
    expectError(await getUser(token, "stranger@other.example"), 404, "NOT_FOUND");
    expectError(await getUser(token, stranger.userId), 404, "NOT_FOUND");
    expectError(await getUser(token, "externalKey:EMP-043"), 404, "NOT_FOUND");
    expectError(await getUser(token, "externalKey:lead@dev.example"), 404, "NOT_FOUND");
  });

  it("reads users with directory, directory.read, user or user.read; a contact token is refused 403", async () => {
    for (const scope of ["directory", "directory.read", "user", "user.read", "contact.read,user.read"]) {
      const token = (await requestToken(emulator, scope, DEV)).access_token;
      expect((await getUser(token, "owner@dev.example")).status, scope).toBe(200);
    }
    const contactOnly = (await requestToken(emulator, "contact,contact.read", DEV)).access_token;
    expectError(await getUser(contactOnly, "owner@dev.example"), 403, "FORBIDDEN", "reads of users");
    // A user scope alone does not read contacts.
    expectError(await api(emulator, (await requestToken(emulator, "user.read", DEV)).access_token, "GET", "/contacts"), 403, "FORBIDDEN");
    expectError(await api(emulator, undefined, "GET", "/users/owner%40dev.example"), 401, "UNAUTHORIZED");
  });

  it("an app given only contact.read is refused user.read (invalid_scope), and its token cannot read users", async () => {
    const refused = await askToken(READ_ONLY, "contact.read,user.read");
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({ error: "invalid_scope", error_description: "scope user.read is not granted to this app" });
    const granted = await askToken(READ_ONLY, "contact.read");
    expect(granted.body.scope).toBe("contact.read");
    expectError(await getUser(granted.body.access_token, "reader@ro.example"), 403, "FORBIDDEN");
  });

  it("a Free-plan app is given user.read by default but not directory or directory.read", async () => {
    expect((await askToken(FREE, "contact,user.read")).status).toBe(200);
    for (const scope of ["directory", "directory.read"]) {
      expect((await askToken(FREE, scope)).body).toMatchObject({ error: "invalid_scope" });
    }
  });

  it("is logged in /_emulator/requests with its route, status and token scope", async () => {
    const token = (await requestToken(emulator, "user.read", DEV)).access_token;
    await emulator.clearRequests();
    await getUser(token, "owner@dev.example");
    await getUser(token, "nobody@dev.example");
    const entries = (await emulator.requests()).filter((entry) => entry.kind === "api");
    expect(entries.map(({ method, path, route, status, scope }) => ({ method, path, route, status, scope }))).toEqual([
      { method: "GET", path: "/v1.0/users/owner%40dev.example", route: "GET /v1.0/users/:userId", status: 200, scope: "user.read" },
      { method: "GET", path: "/v1.0/users/nobody%40dev.example", route: "GET /v1.0/users/:userId", status: 404, scope: "user.read" },
    ]);
  });

  it("takes injected faults (500, nothing answered) and counts in its own rate-limit window", async () => {
    // The Free-plan domain: no other test reads its users, so this is its window's first call.
    const token = (await requestToken(emulator, "contact,user.read", FREE)).access_token;
    for (let i = 0; i < 3; i++) expect((await api(emulator, token, "GET", "/contact-tags")).status).toBe(200);
    const first = await getUser(token, "member@free.example");
    expect(first.status).toBe(200);
    expect(first.headers.get("ratelimit-used")).toBe("1");
    await emulator.setFaults({ status500Rate: 1 });
    const failed = await getUser(token, "member@free.example");
    expectError(failed, 500, "INTERNAL_SERVER_ERROR");
    const entry = (await emulator.requests()).filter((e) => e.kind === "api").at(-1);
    expect(entry).toMatchObject({ route: "GET /v1.0/users/:userId", status: 500, fault: "status500" });
  });
});

describe("seed", () => {
  it("refuses directory scopes for a Free-plan domain at start, naming the domain and the scope", async () => {
    const seedFile = join(directory, "free-directory.yaml");
    writeFileSync(seedFile, ["domains:", ...domainSeed(FREE, "[member@free.example]", ["plan: free", "scopes: [contact, directory.read]"]), ""].join("\n"));
    await expect(startEmulatorProcess({ seedFile })).rejects.toThrow(`domain ${FREE}: the Free plan has no scope directory.read`);
  });
});

describe("the default seed's members", () => {
  it("are read with the default app's scopes, and keep their userIds across a restart with --data", async () => {
    const dataFile = join(directory, "state.json");
    const first = await startEmulatorProcess({ dataFile });
    let before: unknown[];
    let token: string;
    try {
      token = (await requestToken(first, "contact,contact.read,user.read")).access_token;
      before = [];
      for (const email of ["admin@example.com", "sales@example.com", "support@example.com"]) {
        const reply = await getUser(token, email, first);
        expect(reply.status).toBe(200);
        expect(reply.body).toMatchObject({ domainId: 10000001, email, userExternalKey: null });
        before.push(reply.body);
      }
      expectError(await getUser(token, "externalKey:admin", first), 404, "NOT_FOUND");
    } finally {
      await first.stop();
    }
    const second = await startEmulatorProcess({ dataFile });
    try {
      for (const user of before as Array<{ userId: string }>) expect((await getUser(token, user.userId, second)).body).toEqual(user);
    } finally {
      await second.stop();
    }
  });
});
