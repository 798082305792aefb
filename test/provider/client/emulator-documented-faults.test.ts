/**
 * The client against the emulator process with the faults the docs allow: 307
 * redirects, 503s, tokens refused with 401 or 403 UNAUTHORIZED, duplicate names
 * answered 400 or 409; plus the Filedata upload and searchDateType.
 */
import { describe, expect, it } from "vitest";
import { isDuplicateName, LimiterRegistry, LineWorksApiError } from "../../../provider/client";
import { requestToken } from "../../support/emulator-http";
import type { EmulatorProcess } from "../../support/emulator-process";
import { clientFor, collect, inParallel, newContact, useFaultEmulator } from "./support";

let emulator: EmulatorProcess;
useFaultEmulator((started) => (emulator = started));

const faultClient = (options = {}) =>
  clientFor(emulator, { limiters: new LimiterRegistry(61_000), requestsPerMinute: 100_000, ...options });

const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

describe("307 redirects", () => {
  it("every kind of call, uploads and downloads included, follows 307 with the same method, body and token", async () => {
    const { api } = await faultClient();
    // Some of the creates redirected, at random.
    await emulator.setFaults({ redirectRate: 0.5, seed: 307 });
    const tags = await inParallel(["r-a", "r-b", "r-c", "r-d"], 2, (name) => api.createCompanyTag(name));
    const contacts = await inParallel([1, 2, 3, 4], 2, (i) => api.createContact(newContact(i, { contactTagIds: [tags[i - 1]!.contactTagId] })));
    const randomLog = await emulator.requests();
    // Then every request redirected once (the emulator never redirects a redirected request).
    await emulator.clearRequests();
    await emulator.setFaults({ redirectRate: 1 });
    for (const contact of contacts.slice(0, 2)) {
      await api.patchContact(contact.contactId, { memo: `memo ${contact.contactId}` });
      await api.uploadContactPhoto(contact.contactId, "face.png", PNG);
      expect(Buffer.from((await api.getContactPhoto(contact.contactId))!)).toEqual(PNG);
    }
    const renamed = await api.renameContactTag(tags[0]!.contactTagId, "r-a2");
    await api.deleteContact(contacts[3]!.contactId);
    await api.deleteContact(contacts[2]!.contactId);
    await api.deleteContactPhoto(contacts[0]!.contactId);
    await api.deleteContactTag(tags[3]!.contactTagId);
    const listed = await collect(api.listContacts());
    const log = await emulator.requests();
    await emulator.setFaults({});

    expect(renamed.contactTagName).toBe("r-a2");
    expect(listed.map((c) => c.memo).sort()).toEqual(contacts.slice(0, 2).map((c) => `memo ${c.contactId}`).sort());
    // No create was repeated: exactly the objects asked for.
    expect((await collect(api.listContactTags())).map((t) => t.contactTagName).sort()).toEqual(["r-a2", "r-b", "r-c"]);
    expect(await api.getContactPhoto(contacts[0]!.contactId)).toBeUndefined();
    expect(await api.getContactPhoto(contacts[1]!.contactId)).toBeDefined();

    expect(randomLog.filter((entry) => entry.status === 307 && entry.method === "POST").length).toBeGreaterThan(0);
    const api307 = log.filter((entry) => entry.kind === "api");
    // Each request was answered 307 once, then repeated: same method and path, carrying the token (no 401/403).
    for (let i = 0; i < api307.length; i += 2) {
      expect(api307[i]!.status).toBe(307);
      expect([api307[i + 1]!.method, api307[i + 1]!.path]).toEqual([api307[i]!.method, api307[i]!.path]);
      expect([200, 201, 204, 302]).toContain(api307[i + 1]!.status);
    }
    expect(new Set(api307.map((entry) => entry.method))).toEqual(new Set(["GET", "POST", "PATCH", "DELETE"]));
    expect(api307.some((entry) => entry.path.includes("/storage/") && entry.method === "POST")).toBe(true);
    const all307 = randomLog.filter((entry) => entry.status === 307).length + api307.filter((entry) => entry.status === 307).length;
    expect(api.stats().redirects).toBe(all307);
  });
});

describe("503", () => {
  it("idempotent calls are retried; creates are looked up, never duplicated", async () => {
    const { api } = await faultClient();
    await emulator.setFaults({ status503Rate: 0.35, seed: 503 });
    const names = Array.from({ length: 8 }, (_, i) => `svc-${i}`);
    const tags = await inParallel(names, 4, (name) => api.createCompanyTag(name));
    const contacts = await inParallel([1, 2, 3, 4, 5, 6], 3, (i) => api.createContact(newContact(i)));
    const property = await api.createCustomProperty({ propertyName: "svc_prop", displayName: "Svc", propertyType: "STRING" });
    for (const tag of tags) expect((await api.getContactTag(tag.contactTagId))?.contactTagName).toBe(tag.contactTagName);
    for (const contact of contacts.slice(0, 3)) await api.deleteContact(contact.contactId);
    await api.patchCustomProperty(property.customPropertyId, { displayName: "Svc2" });
    const log = await emulator.requests();
    await emulator.setFaults({});

    const unavailable = log.filter((entry) => entry.status === 503);
    expect(unavailable.length).toBeGreaterThan(5);
    expect(unavailable.some((entry) => entry.method === "POST")).toBe(true);
    expect(unavailable.some((entry) => entry.method === "GET")).toBe(true);
    expect((await collect(api.listContactTags())).map((t) => t.contactTagName).sort()).toEqual([...names].sort());
    expect((await collect(api.listContacts())).map((c) => c.contactId).sort()).toEqual(contacts.slice(3).map((c) => c.contactId).sort());
    expect((await api.listCustomProperties()).map((p) => [p.customPropertyId, p.displayName])).toEqual([[property.customPropertyId, "Svc2"]]);
  });
});

describe("a token the API no longer accepts", () => {
  for (const status of [401, 403] as const) {
    it(`is renewed once and the call repeated when refused with ${status} UNAUTHORIZED, uploads included`, async () => {
      const { api } = await faultClient();
      await emulator.setFaults({ tokenExpiryStatus: status });
      const tag = await api.createCompanyTag(`expiry-${status}`);
      const contact = await api.createContact(newContact(status));
      await emulator.expireTokens();
      await emulator.clearRequests();
      expect(await api.getContactTag(tag.contactTagId)).toEqual(tag);
      expect((await emulator.requests()).map((entry) => `${entry.kind} ${entry.status}`)).toEqual([
        `api ${status}`,
        "token 200",
        "api 200",
      ]);
      // Mid-run, in the middle of a photo upload (ask for the URL, then send the bytes).
      await emulator.expireTokens();
      await api.uploadContactPhoto(contact.contactId, "face.png", PNG);
      expect(Buffer.from((await api.getContactPhoto(contact.contactId))!)).toEqual(PNG);
      expect(api.stats().tokenRenewals).toBe(2);
    });
  }

  it("a 403 for a missing scope is not a token problem: no renewal, the scope hint", async () => {
    // A ready contact.read token: the client cannot know its scope, so the write is sent.
    const { access_token: accessToken } = await requestToken(emulator, "contact.read");
    const { api } = await clientFor(emulator, { limiters: new LimiterRegistry(61_000), requestsPerMinute: 100_000 }, { accessToken });
    await api.listCustomProperties();
    await emulator.clearRequests();
    const error = (await api.createCompanyTag("nope").catch((e: unknown) => e)) as LineWorksApiError;
    expect(error).toBeInstanceOf(LineWorksApiError);
    expect(error.status).toBe(403);
    expect(error.code).not.toBe("UNAUTHORIZED");
    expect(error.message).toContain("the provider needs contact");
    expect((await emulator.requests()).map((entry) => `${entry.kind} ${entry.status}`)).toEqual(["api 403"]);
  });
});

describe("duplicate names on create", () => {
  for (const status of [400, 409] as const) {
    it(`answered ${status}: a DuplicateNameError naming the holder's id, for tags, user tags and properties`, async () => {
      const { api } = await faultClient();
      await emulator.setFaults({ duplicateNameStatus: status });
      const tag = await api.createCompanyTag("VIP");
      const userTag = await api.createUserTag("sales@example.com", "Mine");
      const property = await api.createCustomProperty({ propertyName: "rank", displayName: "Rank", propertyType: "STRING" });
      const attempts: Array<[() => Promise<unknown>, string]> = [
        [() => api.createCompanyTag("VIP"), tag.contactTagId],
        [() => api.createUserTag("sales@example.com", "Mine"), userTag.contactTagId],
        [() => api.createCustomProperty({ propertyName: "rank", displayName: "Other", propertyType: "STRING" }), property.customPropertyId],
        [() => api.createCustomProperty({ propertyName: "other", displayName: "Rank", propertyType: "STRING" }), property.customPropertyId],
      ];
      for (const [attempt, holder] of attempts) {
        const error = await attempt().catch((e: unknown) => e);
        expect(isDuplicateName(error)).toBe(true);
        if (!isDuplicateName(error)) continue;
        expect(error.status).toBe(status);
        expect(error.isConflict).toBe(true);
        expect(error.existingId).toBe(holder);
        expect(error.message).toContain(`(id ${holder})`);
      }
    });
  }

  it("a 400 that is not about the name (a sixth custom property) stays a plain 400", async () => {
    const { api } = await faultClient();
    await emulator.setFaults({ duplicateNameStatus: 400 });
    for (let i = 1; i <= 5; i++) await api.createCustomProperty({ propertyName: `p${i}`, displayName: `P${i}`, propertyType: "STRING" });
    const error = await api.createCustomProperty({ propertyName: "p6", displayName: "P6", propertyType: "STRING" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LineWorksApiError);
    expect(isDuplicateName(error)).toBe(false);
    expect((error as LineWorksApiError).status).toBe(400);
  });

  it("after a lost answer, a duplicate answered 400 is our own create: adopted, never duplicated", async () => {
    const { api } = await faultClient();
    await emulator.setFaults({ duplicateNameStatus: 400, dropConnectionRate: 0.4, seed: 11 });
    const names = Array.from({ length: 10 }, (_, i) => `lost-${i}`);
    const tags = await inParallel(names, 5, (name) => api.createCompanyTag(name));
    const log = await emulator.requests();
    await emulator.setFaults({});
    expect(log.some((entry) => entry.method === "POST" && entry.dropped)).toBe(true);
    expect(api.stats().recoveredCreates).toBeGreaterThan(0);
    const listed = await collect(api.listContactTags());
    expect(listed.map((t) => t.contactTagName).sort()).toEqual([...names].sort());
    expect(tags.map((t) => t.contactTagId).sort()).toEqual(listed.map((t) => t.contactTagId).sort());
  });
});

describe("contact listing by date", () => {
  it("sends searchDateType with every bound (the API refuses a bound without it)", async () => {
    const { api } = await faultClient();
    const contact = await api.createContact(newContact(1));
    await emulator.clearRequests();
    const since = new Date(Date.now() - 3_600_000).toISOString().replace(/\.\d+Z$/, "Z");
    const found = await collect(api.listContacts({ startDateTime: since }));
    expect(found.map((c) => c.contactId)).toEqual([contact.contactId]);
    const lists = (await emulator.requests()).filter((entry) => entry.method === "GET" && entry.path.endsWith("/contacts"));
    expect(lists.length).toBeGreaterThan(0);
    for (const entry of lists) expect(entry.query).toMatchObject({ searchDateType: "MODIFIED_TIME", startDateTime: expect.any(String) });
  });
});
