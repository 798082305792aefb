/** Faults against the emulator process: 429 storms, 5xx, dropped connections, timeouts, client-side limiting. */
import { describe, expect, it } from "vitest";
import { LimiterRegistry, LineWorksApiError } from "../../../provider/client";
import { startEmulatorProcess, type EmulatorProcess } from "../../support/emulator-process";
import { clientFor, collect, inParallel, newContact, useFaultEmulator } from "./support";

let emulator: EmulatorProcess;
useFaultEmulator((started) => (emulator = started));

/** A client with its own limiters, 100,000 a minute (off in effect), so each test starts from a clean quota. */
const faultClient = (options = {}) => clientFor(emulator, { limiters: new LimiterRegistry(61_000), requestsPerMinute: 100_000, ...options });

describe("429", () => {
  it("a storm of 429s is absorbed: every call succeeds", async () => {
    const { api } = await faultClient();
    const tags = await inParallel(Array.from({ length: 12 }, (_, i) => `storm-${i}`), 6, (name) => api.createCompanyTag(name));
    await emulator.clearRequests();
    await emulator.setFaults({ status429Rate: 0.4, seed: 4242 });
    const reads = await inParallel(Array.from({ length: 60 }, (_, i) => tags[i % tags.length]!), 10, (tag) =>
      api.getContactTag(tag.contactTagId),
    );
    const renamed = await inParallel(tags, 6, (tag) => api.renameContactTag(tag.contactTagId, `${tag.contactTagName}-r`));
    expect(reads.map((tag) => tag?.contactTagId)).toEqual(Array.from({ length: 60 }, (_, i) => tags[i % tags.length]!.contactTagId));
    expect(renamed.map((tag) => tag.contactTagName)).toEqual(tags.map((tag) => `${tag.contactTagName}-r`));
    const log = await emulator.requests();
    const injected = log.filter((entry) => entry.status === 429);
    expect(injected.length).toBeGreaterThan(15);
    expect(api.stats().rateLimited).toBe(injected.length);
  });

  it("waits for rateLimit-reset before trying again", async () => {
    const { api } = await faultClient({ maxRateLimitWaitMs: 65_000 });
    const tag = await api.createCompanyTag("patient");
    await emulator.clearRequests();
    // The emulator answers an injected 429 with rateLimit-reset: 1 (second).
    await emulator.setFaults({ status429Rate: 0.3, seed: 3 });
    for (let i = 0; i < 5; i++) expect((await api.getContactTag(tag.contactTagId))?.contactTagName).toBe("patient");
    const log = (await emulator.requests()).filter((entry) => entry.kind === "api");
    const limited = log.flatMap((entry, i) => (entry.status === 429 ? [i] : []));
    expect(limited.length).toBeGreaterThan(0);
    for (const i of limited) {
      const gap = Date.parse(log[i + 1]!.time) - Date.parse(log[i]!.time);
      expect(gap).toBeGreaterThanOrEqual(1_000);
    }
  });
});

describe("5xx and dropped connections", () => {
  it("idempotent calls (GET, PUT, PATCH, DELETE) are retried on 500 and succeed", async () => {
    const { api } = await faultClient();
    const contacts = await inParallel(Array.from({ length: 8 }, (_, i) => i), 4, (i) => api.createContact(newContact(i)));
    await emulator.clearRequests();
    await emulator.setFaults({ status500Rate: 0.35, seed: 99 });
    for (const contact of contacts) {
      expect((await api.getContact(contact.contactId))?.contactId).toBe(contact.contactId);
      await api.patchContact(contact.contactId, { memo: "patched" });
      const replaced = await api.replaceContact(contact.contactId, { ...newContact(0), memo: "replaced" });
      expect(replaced.memo).toBe("replaced");
      await api.deleteContact(contact.contactId);
    }
    await emulator.setFaults({});
    expect(await collect(api.listContacts())).toEqual([]);
    const failed = (await emulator.requests()).filter((entry) => entry.status === 500);
    expect(failed.length).toBeGreaterThan(5);
    expect(new Set(failed.map((entry) => entry.method))).toEqual(new Set(["GET", "PATCH", "PUT", "DELETE"]));
  });

  it("an ambiguous POST is never duplicated: dropped connections and 500s leave exactly one object each", async () => {
    const { api } = await faultClient();
    await emulator.setFaults({ dropConnectionRate: 0.3, status500Rate: 0.15, seed: 7 });
    const tagNames = Array.from({ length: 10 }, (_, i) => `ambiguous-${i}`);
    const tags = await inParallel(tagNames, 5, (name) => api.createCompanyTag(name));
    const userTags = await inParallel(tagNames.slice(0, 4), 4, (name) => api.createUserTag("sales@example.com", name));
    const contacts = await inParallel(Array.from({ length: 10 }, (_, i) => i), 5, (i) => api.createContact(newContact(i)));
    const property = await api.createCustomProperty({ propertyName: "ambiguous_prop", displayName: "Ambiguous", propertyType: "STRING" });
    const log = await emulator.requests();
    await emulator.setFaults({});

    // The faults really hit creates, and some creates were answered by a lookup.
    const droppedPosts = log.filter((entry) => entry.method === "POST" && entry.dropped);
    expect(droppedPosts.length).toBeGreaterThan(0);
    expect(api.stats().recoveredCreates).toBeGreaterThan(0);

    const allTags = await collect(api.listContactTags());
    expect(allTags.filter((tag) => tag.type === "COMPANY").map((tag) => tag.contactTagName).sort()).toEqual([...tagNames].sort());
    expect(allTags.filter((tag) => tag.type === "USER")).toHaveLength(4);
    expect(new Set(tags.map((tag) => tag.contactTagId)).size).toBe(10);
    expect(userTags.every((tag) => tag.type === "USER")).toBe(true);
    const allContacts = await collect(api.listContacts());
    expect(allContacts).toHaveLength(10);
    expect(allContacts.map((contact) => contact.contactId).sort()).toEqual(contacts.map((contact) => contact.contactId).sort());
    expect((await api.listCustomProperties()).map((p) => p.customPropertyId)).toEqual([property.customPropertyId]);
  });

  it("a DELETE whose answer was lost counts as done when the retry finds the object gone", async () => {
    const { api } = await faultClient();
    const tags = await inParallel(Array.from({ length: 10 }, (_, i) => `gone-${i}`), 5, (name) => api.createCompanyTag(name));
    await emulator.clearRequests();
    await emulator.setFaults({ dropConnectionRate: 0.5, seed: 3 });
    await inParallel(tags, 5, (tag) => api.deleteContactTag(tag.contactTagId));
    const log = await emulator.requests();
    await emulator.setFaults({});
    expect(log.some((entry) => entry.method === "DELETE" && entry.dropped && entry.status === 204)).toBe(true);
    expect(log.some((entry) => entry.method === "DELETE" && entry.status === 404)).toBe(true);
    expect(await collect(api.listContactTags())).toEqual([]);
  });
});

describe("timeouts", () => {
  it("every request has a timeout; a slow API fails with an error saying so", async () => {
    const { api } = await faultClient({ timeoutMs: 150, maxRetries: 1 });
    await api.listCustomProperties(); // token fetched before the API turns slow
    // Every answer comes after 600 ms: a client that waited for it would get the list, not an error.
    await emulator.setFaults({ latencyMs: [600, 600] });
    const error = (await api.listCustomProperties().catch((e: unknown) => e)) as LineWorksApiError;
    expect(error).toBeInstanceOf(LineWorksApiError);
    expect(error.code).toBe("TIMEOUT");
    expect(error.attempts).toBe(2);
    expect(error.message).toMatch(/no answer within 150 ms/);
  });
});

describe("client-side limiter", () => {
  it("shapes parallel traffic to the per-operation quota instead of collecting 429s", async () => {
    const limited = await startEmulatorProcess({ requestsPerMinute: 12 });
    try {
      const shaped = await clientFor(limited, { limiters: new LimiterRegistry(61_000), requestsPerMinute: 12, maxRateLimitRetries: 0 });
      // 12 calls of each of three operations at once: the quota is per operation, so all fit.
      const names = Array.from({ length: 12 }, (_, i) => `limit-${i}`);
      const created = await Promise.all(names.map((name) => shaped.api.createCompanyTag(name)));
      await Promise.all(created.map((tag) => shaped.api.getContactTag(tag.contactTagId)));
      await Promise.all(created.map((tag) => shaped.api.renameContactTag(tag.contactTagId, `${tag.contactTagName}!`)));
      expect((await limited.requests()).filter((entry) => entry.status === 429)).toEqual([]);

      // Without the client-side limit, the same burst on a fresh operation runs into the server's quota.
      const unshaped = await clientFor(limited, { limiters: new LimiterRegistry(61_000), requestsPerMinute: 0, maxRateLimitRetries: 0 });
      const results = await Promise.allSettled(
        Array.from({ length: 16 }, (_, i) => unshaped.api.getCustomProperty(`p${i}`)),
      );
      const rejected = results.filter((result) => result.status === "rejected") as PromiseRejectedResult[];
      expect(rejected).toHaveLength(4);
      const error = rejected[0]!.reason as LineWorksApiError;
      expect(error.status).toBe(429);
      expect(error.message).toMatch(/lower lineworks:requestsPerMinute/);
    } finally {
      await limited.stop();
    }
  });
});
