/**
 * The service's limits outside the API reference (lineworks-api.md "Outside the API"): the cap on
 * external contacts per company, which counts contacts in the trash (Free 500, paid plans
 * 100,000; over it ASSUMED 403 LIMIT_EXCEEDED), and the concurrent-access limit (ASSUMED 10 in
 * flight per domain; over it 429). Also the seed setting that answers in the spelling of the
 * docs' Japanese notes, `messenger[].protocol.type`.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { appEdits, expectStatus } from "../stories/app/app-edits";
import { startEmulatorProcess, type EmulatorProcess } from "../support/emulator-process";
import { client, contactBody, expectError, requestToken } from "../support/emulator-http";

const DEFAULT = 40000001;
const FREE = 40000002;
const CAPPED = 40000003;
const NARROW = 40000004;
const PROTOCOL = 40000005;

let emulator: EmulatorProcess;
let directory: string;

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), "emulator-app-limits-"));
  const seedFile = join(directory, "seed.yaml");
  const domain = (id: number, extra: string) =>
    `  - { domainId: ${id}, clientId: c${id}, clientSecret: s, serviceAccount: a${id}@x.example, members: [admin@example.com]${extra} }`;
  writeFileSync(
    seedFile,
    [
      "domains:",
      domain(DEFAULT, ""),
      domain(FREE, ", plan: free"),
      domain(CAPPED, ", plan: free, externalContactCap: 3"),
      domain(NARROW, ", maxConcurrentRequests: 2"),
      domain(PROTOCOL, ", messengerSpelling: protocol"),
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
  await emulator.reset();
});

const consoleOf = async (domainId: number) => (await emulator.state()).domains.find((d: any) => d.domainId === domainId).console;
const apiOf = async (domainId: number) => client(emulator, (await requestToken(emulator, "contact", domainId)).access_token);

describe("the cap on external contacts, trash included", () => {
  it("defaults: 100,000 on a paid plan, 500 on Free; the seed may set it", async () => {
    expect(await consoleOf(DEFAULT)).toMatchObject({ plan: "standard", externalContactCap: 100_000, maxConcurrentRequests: 10 });
    expect(await consoleOf(FREE)).toMatchObject({ plan: "free", externalContactCap: 500 });
    expect(await consoleOf(CAPPED)).toMatchObject({ externalContactCap: 3, externalContactsInUse: 0 });
  });

  it("contacts in the trash count: at the cap a create is 403 LIMIT_EXCEEDED until the trash is emptied", async () => {
    const api = await apiOf(CAPPED);
    const app = appEdits(emulator.url, CAPPED);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await api.post("/contacts", contactBody())).body.contactId);
    expect((await api.delete(`/contacts/${ids[0]}`)).status).toBe(204);
    expect(await consoleOf(CAPPED)).toMatchObject({ externalContactsInUse: 3 });
    expectError(await api.post("/contacts", contactBody()), 403, "LIMIT_EXCEEDED", "trash");
    // The app is held to the same cap; a restore does not change what is in use.
    expect((await app.addContact(contactBody())).status).toBe(403);
    expectStatus(await app.restoreContact(ids[0]!), 200, "restore");
    expect((await app.trashContact(ids[1]!)).status).toBe(204);
    expectError(await api.post("/contacts", contactBody()), 403, "LIMIT_EXCEEDED");

    expect(expectStatus(await app.emptyTrash(), 200, "empty")).toEqual({ deleted: 1 });
    expect((await api.post("/contacts", contactBody())).status).toBe(201);
    // Updates in place never touch the cap.
    expect((await api.patch(`/contacts/${ids[0]}`, { memo: "still fine" })).status).toBe(200);
  });

  it("a permanent delete (forcedelete) frees a place at once", async () => {
    const api = await apiOf(CAPPED);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await api.post("/contacts", contactBody())).body.contactId);
    expect((await api.post("/contacts", contactBody())).status).toBe(403);
    expect((await api.delete(`/contacts/${ids[0]}/forcedelete`)).status).toBe(204);
    expect((await api.post("/contacts", contactBody())).status).toBe(201);
  });
});

describe("the concurrent-access limit", () => {
  /** Sends `n` GETs at once while every request takes `latency` ms; resolves with their statuses and bodies. */
  async function burst(domainId: number, n: number, latency = 600) {
    const api = await apiOf(domainId);
    await emulator.setFaults({ latencyMs: [latency, latency] });
    try {
      return await Promise.all(Array.from({ length: n }, () => api.get("/contact-tags")));
    } finally {
      await emulator.setFaults({});
    }
  }

  it("a seeded limit of 2: a third request in flight is 429 TOO_MANY_REQUESTS, without rateLimit-* headers nor a count in the minute", async () => {
    const replies = await burst(NARROW, 5);
    const refused = replies.filter((reply) => reply.status === 429);
    expect(replies.filter((reply) => reply.status === 200)).toHaveLength(2);
    expect(refused).toHaveLength(3);
    for (const reply of refused) {
      expectError(reply, 429, "TOO_MANY_REQUESTS", "concurrent");
      expect(reply.headers.get("ratelimit-reset")).toBeNull();
    }
    const limits: any = await (await fetch(`${emulator.url}/_emulator/rate-limits`)).json();
    expect(limits.windows.filter((w: any) => w.domainId === NARROW).map((w: any) => w.used)).toEqual([2]);
    // Once they are answered, the places are free again.
    expect((await (await apiOf(NARROW)).get("/contact-tags")).status).toBe(200);
  });

  it("the default is 10 in flight per domain, counted per domain", async () => {
    const [narrow, wide] = await Promise.all([burst(DEFAULT, 12), (async () => (await apiOf(FREE)).get("/contact-tags"))()]);
    expect(narrow.filter((reply) => reply.status === 200)).toHaveLength(10);
    expect(narrow.filter((reply) => reply.status === 429)).toHaveLength(2);
    expect(wide.status).toBe(200);
  });
});

describe("messengerSpelling: protocol", () => {
  it("answers messenger[].protocol.type (requests keep the documented spelling)", async () => {
    const api = await apiOf(PROTOCOL);
    const created = await api.post("/contacts", contactBody({ messengers: [{ type: "CUSTOM", customType: "Signal", id: "s-1", primary: true }] }));
    expect(created.status).toBe(201);
    expect(created.body.messengers).toBeUndefined();
    expect(created.body.messenger).toEqual([{ id: "s-1", primary: true, protocol: { type: "CUSTOM", customType: "Signal" } }]);
    expect((await api.get(`/contacts/${created.body.contactId}`)).body.messenger[0].protocol.type).toBe("CUSTOM");
    expect((await api.get("/contacts")).body.contacts[0].messenger[0].protocol).toEqual({ type: "CUSTOM", customType: "Signal" });
    const plain = await (await apiOf(DEFAULT)).post("/contacts", contactBody({ messengers: [{ type: "LINE", id: "l-1" }] }));
    expect(plain.body.messengers).toEqual([{ type: "LINE", id: "l-1" }]);
  });
});
