/** Listings against the emulator process: cursor pages, 7-day windows, the 50,000 cap (lowered for the test). */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LimiterRegistry, LineWorksApiError } from "../../../provider/client";
import { formatApiDateTime, parseApiDateTime } from "../../../provider/client/date-windows";
import { startEmulatorProcess, type EmulatorProcess } from "../../support/emulator-process";
import { clientFor, collect, inParallel, newContact } from "./support";
import { waitFor } from "../../support/wait-for";

const DAY = 24 * 60 * 60 * 1000;
const CONTACTS = 1_050;

let emulator: EmulatorProcess;
let api: Awaited<ReturnType<typeof clientFor>>["api"];
let createdIds: string[];

beforeAll(async () => {
  emulator = await startEmulatorProcess({ requestsPerMinute: 1_000_000 });
  ({ api } = await clientFor(emulator, { requestsPerMinute: 0, limiters: new LimiterRegistry(61_000) }));
  const created = await inParallel(Array.from({ length: CONTACTS }, (_, i) => i), 16, (i) => api.createContact(newContact(i)));
  createdIds = created.map((contact) => contact.contactId).sort();
});
afterAll(async () => {
  await emulator?.stop();
});

const contactListCalls = async () =>
  (await emulator.requests()).filter((entry) => entry.method === "GET" && entry.path === "/v1.0/contacts");

describe("cursor pagination", () => {
  it(`returns all ${CONTACTS} contacts across pages, each once`, async () => {
    await emulator.clearRequests();
    const ids = (await collect(api.listContacts({ count: 100 }))).map((contact) => contact.contactId);
    expect(ids).toHaveLength(CONTACTS);
    expect([...ids].sort()).toEqual(createdIds);
    const calls = await contactListCalls();
    expect(calls).toHaveLength(Math.ceil(CONTACTS / 100));
    expect(calls[0]!.query.cursor).toBeUndefined();
    expect(calls.slice(1).every((call) => typeof call.query.cursor === "string")).toBe(true);
    expect(calls.every((call) => call.status === 200 && call.query.count === "100")).toBe(true);
  });

  it("asks for the largest pages by default and follows the member's listing too", async () => {
    await emulator.clearRequests();
    expect(await collect(api.listContacts())).toHaveLength(CONTACTS);
    expect((await contactListCalls()).map((call) => call.query.count)).toEqual(["500", "500", "500"]);
    expect(await collect(api.listUserContacts("admin@example.com", { count: 500 }))).toHaveLength(CONTACTS);
  });
});

describe("date windows", () => {
  const now = Date.now();
  const range = {
    searchDateType: "CREATED_TIME" as const,
    startDateTime: formatApiDateTime(now - 20 * DAY, 540),
    endDateTime: formatApiDateTime(now + DAY, 540),
  };

  it("the API refuses one window longer than 7 days", async () => {
    const { api: unsplit } = await clientFor(emulator, { requestsPerMinute: 0, maxDateWindowMs: 30 * DAY });
    const error = (await collect(unsplit.listContacts(range)).catch((e: unknown) => e)) as LineWorksApiError;
    expect(error).toBeInstanceOf(LineWorksApiError);
    expect(error.status).toBe(400);
  });

  it("a 21-day range is listed in windows of at most 7 days and returns everything", async () => {
    await emulator.clearRequests();
    const ids = (await collect(api.listContacts(range))).map((contact) => contact.contactId);
    expect([...ids].sort()).toEqual(createdIds);
    const windows = new Map<string, number>();
    for (const call of await contactListCalls()) {
      const start = parseApiDateTime(String(call.query.startDateTime), "start").ms;
      const end = parseApiDateTime(String(call.query.endDateTime), "end").ms;
      expect(end - start).toBeLessThanOrEqual(7 * DAY);
      expect(call.query.searchDateType).toBe("CREATED_TIME");
      windows.set(`${start}`, end);
    }
    expect(windows.size).toBe(3);
  });
});

describe("the reachable-contacts cap", () => {
  it("a window that reaches the cap is split until every contact is returned", async () => {
    const capped = await startEmulatorProcess({ requestsPerMinute: 1_000_000, extraArgs: ["--max-reachable-contacts", "20"] });
    try {
      const { api: client } = await clientFor(capped, {
        requestsPerMinute: 0,
        limiters: new LimiterRegistry(61_000),
        contactListingCap: 20,
      });
      // 45 contacts created over three distinct seconds, 15 per second (fewer than the cap each).
      const created: string[] = [];
      const createdSeconds = new Set<string | undefined>();
      for (let batch = 0; batch < 3; batch++) {
        // Start each batch just after a second begins (a wait on the clock, not a fixed sleep).
        const secondStart = Math.ceil(Date.now() / 1000) * 1000;
        await waitFor("the next second", () => Date.now() >= secondStart + 50, { intervalMs: 10 });
        const contacts = await inParallel(Array.from({ length: 15 }, (_, i) => batch * 15 + i), 8, (i) =>
          client.createContact(newContact(i)),
        );
        created.push(...contacts.map((contact) => contact.contactId));
        for (const contact of contacts) createdSeconds.add(contact.createdTime);
      }
      expect(createdSeconds.size).toBeGreaterThanOrEqual(3);

      // One plain listing stops at the cap: that is what the windows are for.
      expect(await collect(client.listContacts())).toHaveLength(20);

      const now = Date.now();
      const all = await collect(
        client.listContacts({ startDateTime: formatApiDateTime(now - DAY, 540), endDateTime: formatApiDateTime(now + 60_000, 540) }),
      );
      expect(all.map((contact) => contact.contactId).sort()).toEqual(created.sort());
    } finally {
      await capped.stop();
    }
  });
});
