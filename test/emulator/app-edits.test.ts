/**
 * Edits made as the app and the admin console make them (lineworks-api.md "Outside the API"),
 * through the emulator's app endpoints: the console's custom fields (random propertyName,
 * reordering), the trash (delete, restore, permanently, empty), tag names unique within their
 * kind, user tags turned off, and the member's edits of a contact. Each goes through the domain's
 * rules, is logged as kind "app", apart from API calls, and is not counted in the rate limits.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { appEdits, expectStatus, type AppEdits } from "../stories/app/app-edits";
import { startEmulatorProcess, type EmulatorProcess } from "../support/emulator-process";
import { client, contactBody, expectError, requestToken, type Client } from "../support/emulator-http";

const DOMAIN = 10000001;
const PROPERTY_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

let emulator: EmulatorProcess;
let api: Client;
let app: AppEdits;
let salesUserId: string;

beforeAll(async () => {
  // Three requests a minute per operation (reset before each test): app edits must never use that quota.
  emulator = await startEmulatorProcess({ requestsPerMinute: 3 });
  api = client(emulator, (await requestToken(emulator)).access_token);
  app = appEdits(emulator.url, DOMAIN);
  salesUserId = (await emulator.state()).domains[0].members.find((m: any) => m.email === "sales@example.com").userId;
});
afterAll(async () => {
  await emulator?.stop();
});
beforeEach(async () => {
  await emulator.reset();
  await emulator.clearRequests();
});

const domainState = async () => (await emulator.state()).domains.find((d: any) => d.domainId === DOMAIN);
const appLog = async () => ((await (await fetch(`${emulator.url}/_emulator/requests?include=app`)).json()) as any[]).filter((e: any) => e.kind === "app");

describe("custom fields made in the admin console", () => {
  it("a field without propertyName gets a random one that the API then serves, goes last and keeps its type", async () => {
    const named = expectStatus(await app.addField({ displayName: "CRM", propertyType: "LINK", propertyName: "crm_link" }), 201, "named");
    const random = expectStatus(await app.addField({ displayName: "Region", propertyType: "STRING", multiValued: true }), 201, "random");
    const empty = expectStatus(await app.addField({ displayName: "Rank", propertyType: "STRING", propertyName: "" }), 201, "empty");
    expect(named.propertyName).toBe("crm_link");
    for (const field of [random, empty]) expect(field.propertyName).toMatch(PROPERTY_NAME);
    expect(random.propertyName).not.toBe(empty.propertyName);
    expect([named.displayOrder, random.displayOrder, empty.displayOrder]).toEqual([1, 2, 3]);
    expect(random.multiValued).toBe(true);

    const byName = await api.get(`/contacts/custom-properties/${random.propertyName}`);
    expect(byName.status).toBe(200);
    expect(byName.body.customPropertyId).toBe(random.customPropertyId);
    // "type Text or Link, fixed once added"
    expectError(await api.patch(`/contacts/custom-properties/${random.customPropertyId}`, { propertyType: "LINK" }), 400, "INVALID_PARAMETER");
  });

  it("the console keeps the API's rules: at most 5 fields, unique displayName and propertyName", async () => {
    for (let i = 1; i <= 5; i++) expectStatus(await app.addField({ displayName: `Field ${i}`, propertyType: "STRING" }), 201, `field ${i}`);
    expect((await app.addField({ displayName: "Field 6", propertyType: "STRING" })).status).toBe(400);
    await emulator.reset();
    expectStatus(await app.addField({ displayName: "Same", propertyType: "STRING", propertyName: "same" }), 201, "first");
    expect((await app.addField({ displayName: "Same", propertyType: "STRING" })).status).toBe(409);
    expect((await app.addField({ displayName: "Other", propertyType: "STRING", propertyName: "same" })).status).toBe(409);
    expect((await app.addField({ displayName: "Bad", propertyType: "STRING", propertyName: "1bad" })).status).toBe(400);
  });

  it("a drag renumbers every field 1..n and the API lists them in that order", async () => {
    const ids: string[] = [];
    for (const name of ["a", "b", "c"]) ids.push(expectStatus(await app.addField({ displayName: name, propertyType: "STRING", propertyName: name }), 201, name).customPropertyId);
    const reordered = expectStatus(await app.reorderFields([ids[2]!, "a", ids[1]!]), 200, "reorder");
    expect(reordered.customProperties.map((p: any) => [p.propertyName, p.displayOrder])).toEqual([["c", 1], ["a", 2], ["b", 3]]);
    const listed = await api.get("/contacts/custom-properties");
    expect(listed.body.customProperties.map((p: any) => p.propertyName)).toEqual(["c", "a", "b"]);
    expect((await app.reorderFields([ids[0]!, ids[1]!])).status).toBe(400);
    expect((await app.reorderFields([ids[0]!, ids[0]!, ids[1]!])).status).toBe(400);
    expect((await app.reorderFields([ids[0]!, ids[1]!, "nope"])).status).toBe(404);
  });
});

describe("tags: names unique within their kind; user tags turned off", () => {
  it("a company tag and a user tag may share a name; within a kind the name is taken", async () => {
    const company = expectStatus(await app.addCompanyTag("VIP"), 201, "company");
    const user = expectStatus(await app.addUserTag("sales@example.com", "VIP"), 201, "user");
    expect([company.type, user.type]).toEqual(["COMPANY", "USER"]);
    expect((await app.addCompanyTag("VIP")).status).toBe(409);
    expect((await app.addUserTag(salesUserId, "VIP")).status).toBe(409);
    expect((await app.addUserTag("support@example.com", "VIP")).status).toBe(201);
    // The API sees the same rule from its side.
    expect((await api.post(`/users/sales@example.com/contact-tags`, { contactTagName: "VIP" })).status).toBe(409);
    const companies = await api.get("/contact-tags?type=COMPANY");
    expect(companies.body.contactTags.map((t: any) => t.contactTagName)).toEqual(["VIP"]);
  });

  it("rename and delete a company tag; contacts lose a deleted tag; a user tag is not a company tag", async () => {
    const tag = expectStatus(await app.addCompanyTag("Partner"), 201, "tag");
    const user = expectStatus(await app.addUserTag("sales@example.com", "Mine"), 201, "user tag");
    const contact = await api.post("/contacts", contactBody({ contactTagIds: [tag.contactTagId, user.contactTagId] }));
    expect(contact.status).toBe(201);
    expect(expectStatus(await app.renameCompanyTag(tag.contactTagId, "Partner 2026"), 200, "rename").contactTagName).toBe("Partner 2026");
    expect((await api.get(`/contact-tags/${tag.contactTagId}`)).body.contactTagName).toBe("Partner 2026");
    expect((await app.renameCompanyTag(user.contactTagId, "x")).status).toBe(404);
    expect((await app.renameCompanyTag(tag.contactTagId, "x".repeat(31))).status).toBe(400);
    expect((await app.deleteCompanyTag(tag.contactTagId)).status).toBe(204);
    expect((await api.get(`/contacts/${contact.body.contactId}`)).body.contactTagIds).toEqual([user.contactTagId]);
  });

  it("turning user tags off deletes every user tag; none can be made until they are on again", async () => {
    const company = expectStatus(await app.addCompanyTag("Kept"), 201, "company");
    const user = expectStatus(await app.addUserTag("sales@example.com", "Gone"), 201, "user");
    const contact = await api.post("/contacts", contactBody({ contactTagIds: [company.contactTagId, user.contactTagId] }));
    expect(expectStatus(await app.setUserTags(false), 200, "off")).toEqual({ enabled: false, deleted: 1 });
    expect((await api.get(`/contacts/${contact.body.contactId}`)).body.contactTagIds).toEqual([company.contactTagId]);
    expect((await api.get("/contact-tags")).body.contactTags.map((t: any) => t.contactTagId)).toEqual([company.contactTagId]);
    expectError(await api.post("/users/sales@example.com/contact-tags", { contactTagName: "Again" }), 403, "FORBIDDEN");
    expect((await app.addUserTag("sales@example.com", "Again")).status).toBe(403);
    expect((await domainState()).console.userTagsEnabled).toBe(false);
    expectStatus(await app.setUserTags(true), 200, "on");
    expect((await api.post("/users/sales@example.com/contact-tags", { contactTagName: "Again" })).status).toBe(201);
  });
});

describe("contacts: the member's edits and the trash", () => {
  it("memo, tags and custom values change under the domain's rules", async () => {
    const tag = expectStatus(await app.addCompanyTag("VIP"), 201, "tag");
    expectStatus(await app.addField({ displayName: "CRM", propertyType: "LINK", propertyName: "crm" }), 201, "field");
    const contact = await api.post("/contacts", contactBody({ memo: "from the files" }));
    const id = contact.body.contactId;
    const edited = expectStatus(
      await app.editContact(id, { memo: "from the app", contactTagIds: [tag.contactTagId], customProperties: { crm: { text: "CRM", link: "https://crm.example/1" } } }),
      200,
      "edit",
    );
    expect(edited.memo).toBe("from the app");
    const read = (await api.get(`/contacts/${id}`)).body;
    expect([read.memo, read.contactTagIds, read.customProperties]).toEqual(["from the app", [tag.contactTagId], { crm: { text: "CRM", link: "https://crm.example/1" } }]);
    expect(read.contactName).toEqual(contact.body.contactName);
    expect((await app.editContact(id, { contactTagIds: ["no-such-tag"] })).status).toBe(400);
    expect((await app.editContact(id, { customProperties: { crm: { content: "not a link" } } })).status).toBe(400);
    expect((await app.editContact(id, { contactName: { lastName: "x" } } as any)).status).toBe(400);
    expect(expectStatus(await app.editContact(id, { memo: null }), 200, "clear").memo).toBeUndefined();
  });

  it("delete goes to the trash (gone from the API); restore brings back the same contact; permanently, and empty the trash", async () => {
    const added = expectStatus(await app.addContact(contactBody({ memo: "restored" })), 201, "add");
    const other = (await api.post("/contacts", contactBody())).body;
    const third = (await api.post("/contacts", contactBody())).body;
    expect((await app.trashContact(added.contactId)).status).toBe(204);
    expectError(await api.get(`/contacts/${added.contactId}`), 404, "NOT_FOUND");
    expect((await domainState()).trashedContacts.map((c: any) => c.contactId)).toEqual([added.contactId]);
    expect((await app.restoreContact(other.contactId)).status).toBe(404);

    const restored = expectStatus(await app.restoreContact(added.contactId), 200, "restore");
    expect(restored.memo).toBe("restored");
    expect((await api.get(`/contacts/${added.contactId}`)).status).toBe(200);

    expect((await app.deletePermanently(other.contactId)).status).toBe(404); // not in the trash
    expect((await api.delete(`/contacts/${other.contactId}`)).status).toBe(204); // the API's delete also goes to the trash
    expect((await app.deletePermanently(other.contactId)).status).toBe(204);
    expect((await app.restoreContact(other.contactId)).status).toBe(404);
    expect((await app.trashContact(third.contactId)).status).toBe(204);
    expect((await app.trashContact(added.contactId)).status).toBe(204);
    expect(expectStatus(await app.emptyTrash(), 200, "empty")).toEqual({ deleted: 2 });
    const state = await domainState();
    expect(state.trashedContacts).toEqual([]);
    expect(state.console.externalContactsInUse).toBe(0);
  });
});

describe("app edits in the log and the limits", () => {
  it("are logged as kind app with their domain, left out of the API log, and never rate limited", async () => {
    for (let i = 0; i < 4; i++) expectStatus(await app.addCompanyTag(`Tag ${i}`), 201, `tag ${i}`);
    expect((await app.addCompanyTag("Tag 0")).status).toBe(409);
    const entries = await appLog();
    expect(entries).toHaveLength(5);
    expect(entries[0]).toMatchObject({ kind: "app", method: "POST", path: `/_emulator/app/${DOMAIN}/company-tags`, status: 201, domainId: DOMAIN });
    expect(entries[4].status).toBe(409);
    expect(await emulator.requests()).toEqual([]);
    const limits: any = await (await fetch(`${emulator.url}/_emulator/rate-limits`)).json();
    expect(limits.windows).toEqual([]);
    const recent: any = await (await fetch(`${emulator.url}/_emulator/requests/recent?kind=app`)).json();
    expect(recent.total).toBe(5);
  });

  it("an unknown domain or a bad body is refused with the API's error shape", async () => {
    const unknown = await appEdits(emulator.url, 99999999).addCompanyTag("x");
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe("NOT_FOUND");
    const bad = await app.addCompanyTag("");
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe("INVALID_PARAMETER");
  });
});

describe("console switches across a restart", () => {
  it("user tags turned off stay off with --data, and the trash is kept", async () => {
    const directory = mkdtempSync(join(tmpdir(), "app-edits-data-"));
    const dataFile = join(directory, "emulator.json");
    let first: EmulatorProcess | undefined = await startEmulatorProcess({ dataFile });
    let second: EmulatorProcess | undefined;
    try {
      const firstApp = appEdits(first.url, DOMAIN);
      const trashed = expectStatus(await firstApp.addContact(contactBody()), 201, "contact");
      expect((await firstApp.trashContact(trashed.contactId)).status).toBe(204);
      expectStatus(await firstApp.setUserTags(false), 200, "off");
      await first.stop();
      first = undefined;
      second = await startEmulatorProcess({ dataFile });
      const domain = (await second.state()).domains.find((d: any) => d.domainId === DOMAIN);
      expect(domain.console.userTagsEnabled).toBe(false);
      expect(domain.trashedContacts.map((c: any) => c.contactId)).toEqual([trashed.contactId]);
      expect((await appEdits(second.url, DOMAIN).addUserTag("sales@example.com", "x")).status).toBe(403);
      expect((await appEdits(second.url, DOMAIN).restoreContact(trashed.contactId)).status).toBe(200);
    } finally {
      await first?.stop();
      await second?.stop();
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
