/**
 * Rate limits (lineworks-api.md "Errors and limits": per API operation per domain,
 * 429 TOO_MANY_REQUESTS, rateLimit-* headers) and the 50,000-contact reach of one
 * filter (lowered with the hidden --max-reachable-contacts flag).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startEmulatorProcess, type EmulatorProcess } from "../support/emulator-process";
import { api, client, contactBody, requestToken, type Client } from "../support/emulator-http";

const LIMIT = 5;
const OTHER_DOMAIN = 10000002;

let emulator: EmulatorProcess;
let directory: string;
let main: Client;

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), "emulator-limits-"));
  const seedFile = join(directory, "seed.yaml");
  writeFileSync(
    seedFile,
    [
      "domains:",
      "  - { domainId: 10000001, clientId: a, clientSecret: a-secret, serviceAccount: a@example.com, members: [admin@example.com] }",
      `  - { domainId: ${OTHER_DOMAIN}, clientId: b, clientSecret: b-secret, serviceAccount: b@example.com, members: [admin@example.com] }`,
      "",
    ].join("\n"),
  );
  emulator = await startEmulatorProcess({ seedFile, requestsPerMinute: LIMIT, extraArgs: ["--max-reachable-contacts", "3"] });
  main = client(emulator, (await requestToken(emulator)).access_token);
});
afterAll(async () => {
  await emulator?.stop();
  rmSync(directory, { recursive: true, force: true });
});
beforeEach(async () => {
  await emulator.reset();
});

const header = (reply: { headers: Headers }, name: string) => reply.headers.get(name);

describe("rate limit per API operation per domain", () => {
  it("every API response carries rateLimit-limit, -remaining, -reset and -used", async () => {
    const first = await main.get("/contact-tags");
    expect(first.status).toBe(200);
    expect(header(first, "ratelimit-limit")).toBe(String(LIMIT));
    expect(header(first, "ratelimit-used")).toBe("1");
    expect(header(first, "ratelimit-remaining")).toBe(String(LIMIT - 1));
    const reset = Number(header(first, "ratelimit-reset"));
    expect(reset).toBeGreaterThanOrEqual(1);
    expect(reset).toBeLessThanOrEqual(60);
    const second = await main.get("/contact-tags/ctag-unknown");
    expect(second.status).toBe(404);
    expect(header(second, "ratelimit-used")).toBe("1");
  });

  it("the request over the limit is 429 TOO_MANY_REQUESTS with the headers", async () => {
    for (let i = 1; i <= LIMIT; i += 1) {
      const reply = await main.get("/contact-tags");
      expect(reply.status).toBe(200);
      expect(header(reply, "ratelimit-remaining")).toBe(String(LIMIT - i));
    }
    const over = await main.get("/contact-tags");
    expect(over.status).toBe(429);
    expect(over.body).toEqual({ code: "TOO_MANY_REQUESTS", description: expect.any(String) });
    expect(header(over, "ratelimit-remaining")).toBe("0");
    expect(header(over, "ratelimit-used")).toBe(String(LIMIT));
    expect(Number(header(over, "ratelimit-reset"))).toBeGreaterThan(0);
  });

  it("a refused write is not applied", async () => {
    for (let i = 0; i < LIMIT; i += 1) expect((await main.post("/contact-tags", { contactTagName: `t${i}` })).status).toBe(201);
    expect((await main.post("/contact-tags", { contactTagName: "over" })).status).toBe(429);
    expect((await emulator.state()).domains[0].contactTags).toHaveLength(LIMIT);
  });

  it("other operations and other domains have their own windows", async () => {
    for (let i = 0; i < LIMIT; i += 1) await main.get("/contact-tags");
    expect((await main.get("/contact-tags")).status).toBe(429);
    // Same path, another method; same method, another route pattern.
    expect((await main.post("/contact-tags", { contactTagName: "ok" })).status).toBe(201);
    expect((await main.get("/contacts")).status).toBe(200);
    // Another domain.
    const other = client(emulator, (await requestToken(emulator, "contact", OTHER_DOMAIN)).access_token);
    expect((await other.get("/contact-tags")).status).toBe(200);
  });

  it("one operation is one route pattern, whatever the ids", async () => {
    for (let i = 0; i < LIMIT; i += 1) expect((await main.get(`/contact-tags/ctag-${i}`)).status).toBe(404);
    expect((await main.get("/contact-tags/ctag-other")).status).toBe(429);
  });

  it("the token endpoint is not rate limited; unauthenticated calls are not counted", async () => {
    for (let i = 0; i < LIMIT + 1; i += 1) await requestToken(emulator);
    for (let i = 0; i < LIMIT + 1; i += 1) {
      const reply = await api(emulator, "bad-token", "GET", "/contacts");
      expect(reply.status).toBe(401);
      expect(header(reply, "ratelimit-limit")).toBeNull();
    }
    expect((await main.get("/contacts")).status).toBe(200);
  });
});

describe("the reach of one filter (documented 50,000)", () => {
  it("stops paging at the cap; another filter reaches other contacts", async () => {
    const created = [];
    for (let i = 0; i < 5; i += 1) {
      const reply = await main.post("/contacts", contactBody({ emails: [{ email: `${i < 3 ? "early" : "late"}${i}@example.com` }] }));
      expect(reply.status).toBe(201);
      created.push(reply.body.contactId);
    }
    const first = await main.get("/contacts?count=2");
    expect(first.body.contacts).toHaveLength(2);
    const second = await main.get(`/contacts?count=2&cursor=${first.body.responseMetaData.nextCursor}`);
    expect(second.body.contacts).toHaveLength(1);
    expect(second.body.responseMetaData).not.toHaveProperty("nextCursor");
    const late = await main.get("/contacts?email=late");
    expect(late.body.contacts.map((c: any) => c.contactId)).toEqual(created.slice(3));
  });
});
