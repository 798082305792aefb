/** The emulator's own endpoints (CONTRACT §8): health, credentials, reset, state, request log; unknown routes. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startEmulatorProcess, type EmulatorProcess } from "../support/emulator-process";
import { api, client, contactBody, requestToken, type Client } from "../support/emulator-http";

let emulator: EmulatorProcess;
let token: string;
let http: Client;

beforeAll(async () => {
  emulator = await startEmulatorProcess({ requestsPerMinute: 100_000 });
  token = (await requestToken(emulator)).access_token;
  http = client(emulator, token);
});
afterAll(async () => {
  await emulator?.stop();
});
beforeEach(async () => {
  await emulator.reset();
  await emulator.clearRequests();
});

describe("GET /_emulator/requests", () => {
  it("logs API calls with method, path, query, status, time and route pattern", async () => {
    const tag = (await http.post("/contact-tags", { contactTagName: "VIP" })).body;
    await http.patch(`/contact-tags/${tag.contactTagId}`, { contactTagName: "VIP2" });
    await http.get("/contacts?count=5&email=acme");
    const entries = await emulator.requests();
    expect(entries.map((entry) => [entry.method, entry.path, entry.status, entry.route])).toEqual([
      ["POST", "/v1.0/contact-tags", 201, "POST /v1.0/contact-tags"],
      ["PATCH", `/v1.0/contact-tags/${tag.contactTagId}`, 200, "PATCH /v1.0/contact-tags/:contactTagId"],
      ["GET", "/v1.0/contacts", 200, "GET /v1.0/contacts"],
    ]);
    expect(entries[2]!.query).toEqual({ count: "5", email: "acme" });
    for (const entry of entries) {
      expect(entry.kind).toBe("api");
      expect(Number.isNaN(Date.parse(entry.time))).toBe(false);
    }
  });

  it("logs errors, token calls (kind token) but not /_emulator calls", async () => {
    await api(emulator, "bad", "GET", "/contacts");
    await requestToken(emulator);
    await emulator.state();
    const entries = await emulator.requests();
    expect(entries.map((entry) => [entry.kind, entry.route, entry.status])).toEqual([
      ["api", "GET /v1.0/contacts", 401],
      ["token", "POST /oauth2/v2.0/token", 200],
    ]);
  });

  it("lists API calls only unless token calls are asked for", async () => {
    await requestToken(emulator);
    await http.get("/contacts");
    const response = await fetch(`${emulator.url}/_emulator/requests`);
    const entries = (await response.json()) as Array<{ method: string; path: string; status: number }>;
    expect(entries.map((entry) => [entry.method, entry.path, entry.status])).toEqual([["GET", "/v1.0/contacts", 200]]);
  });

  it("DELETE clears the log", async () => {
    await http.get("/contacts");
    await emulator.clearRequests();
    expect(await emulator.requests()).toEqual([]);
  });
});

describe("POST /_emulator/reset and GET /_emulator/state", () => {
  it("state shows everything stored, without secrets", async () => {
    const contact = (await http.post("/contacts", contactBody())).body;
    const tag = (await http.post("/contact-tags", { contactTagName: "VIP" })).body;
    const state = await emulator.state();
    const [domain] = state.domains;
    expect(domain.domainId).toBe(10000001);
    expect(domain.members.map((member: any) => member.email)).toEqual(["admin@example.com", "sales@example.com", "support@example.com"]);
    expect(domain.contacts).toEqual([contact]);
    expect(domain.contactTags).toEqual([tag]);
    const text = JSON.stringify(state);
    expect(text).not.toContain("emulator-secret");
    expect(text).not.toContain("PRIVATE KEY");
    expect(text).not.toContain(token);
  });

  it("reset empties tags, properties, contacts and photos but keeps credentials and tokens", async () => {
    const credentials = await emulator.credentials();
    await http.post("/contacts", contactBody());
    await http.post("/contact-tags", { contactTagName: "VIP" });
    await http.post("/contacts/custom-properties", { domainId: credentials.domainId, propertyName: "p", displayName: "P", propertyType: "STRING" });
    await emulator.reset();
    const [domain] = (await emulator.state()).domains;
    expect([domain.contacts, domain.contactTags, domain.customProperties, domain.photos]).toEqual([[], [], [], []]);
    expect(await emulator.credentials()).toEqual(credentials);
    expect((await http.get("/contacts")).status).toBe(200);
  });
});

describe("unknown routes", () => {
  it("an unknown API path or method is 404 NOT_FOUND with the error body", async () => {
    for (const [method, path] of [["GET", "/nothing"], ["PUT", "/contact-tags"], ["POST", "/contacts/x/y/z"]] as const) {
      const reply = await api(emulator, token, method, path, method === "GET" ? undefined : {});
      expect(reply.status).toBe(404);
      expect(reply.body).toEqual({ code: "NOT_FOUND", description: expect.any(String) });
    }
  });

  it("a DELETE with a JSON content type and an empty body is accepted", async () => {
    const tag = (await http.post("/contact-tags", { contactTagName: "x" })).body;
    const response = await fetch(`${emulator.apiBaseUrl}/contact-tags/${tag.contactTagId}`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    });
    expect(response.status).toBe(204);
  });

  it("an unsupported content type is 400 BAD_REQUEST (415 is not in the docs' error table; ASSUMED)", async () => {
    const response = await fetch(`${emulator.apiBaseUrl}/contact-tags`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/xml" },
      body: "<tag/>",
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { code: string }).code).toBe("BAD_REQUEST");
  });

  it("the emulator wrote no error to stderr", () => {
    expect(emulator.stderr()).toBe("");
  });
});
