/**
 * Contacts (seed 000, lineworks-api.md "Objects" and endpoint table): create, get,
 * PUT = full replace, PATCH = only sent fields, DELETE, forcedelete, and every
 * documented validation rule.
 */
import { beforeEach, describe, expect, it } from "vitest";
import type { EmulatorProcess } from "../support/emulator-process";
import { waitPastSecond } from "../support/wait-for";
import { contactBody, expectError, useConformanceEmulator, type Client } from "../support/emulator-http";

let emulator: EmulatorProcess;
let api: Client;
useConformanceEmulator((started, client) => {
  emulator = started;
  api = client;
});

const API_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}([+-]\d{2}:\d{2}|Z)$/;

async function create(overrides: Record<string, unknown> = {}) {
  const reply = await api.post("/contacts", contactBody(overrides));
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body;
}

describe("POST /contacts", () => {
  it("creates a customer/client contact with server-set fields", async () => {
    const contact = await create();
    expect(contact.contactId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(contact.createdTime).toMatch(API_TIME);
    expect(contact.modifiedTime).toMatch(API_TIME);
    expect(contact.linkedExternalUser).toBeNull();
    expect(contact.permission).toEqual({ masterUserId: "admin@example.com", accessibleRange: "ALL", isCoEditing: true });
    expect(contact.contactName).toEqual({ lastName: "Customer", firstName: "Contact" });
    expect(contact.telephones).toEqual([{ type: "CELLPHONE", telephone: "1234-5678", primary: true }]);
  });

  it("keeps every documented field as sent", async () => {
    const tag = (await api.post("/contact-tags", { contactTagName: "VIP" })).body;
    const fields = {
      permission: {
        masterUserId: "sales@example.com",
        accessibleRange: "MEMBER",
        isCoEditing: false,
        accessibleMembers: [{ id: "support@example.com", type: "USER" }, { id: "org-1", type: "ORGUNIT" }],
      },
      contactName: {
        lastName: "田中",
        firstName: "太郎",
        phoneticLastName: "タナカ",
        phoneticFirstName: "タロウ",
        prefix: "Mr.",
        suffix: "Jr.",
        middleName: "M",
        nickName: "Taro",
      },
      emails: [{ email: "taro@acme.example", primary: true }],
      telephones: [{ type: "CUSTOM", customType: "Car", telephone: "+81-(90)-1234*5678#P1T", primary: false }],
      organizations: [{ name: "ACME", department: "Sales", title: "Manager", primary: true }],
      locations: [{ type: "WORK", address: "1-1 Chiyoda", zipCode: "100-0001", primary: true }],
      events: [{ type: "BIRTHDAY", date: "1980-02-29", calendarType: "SOLAR", primary: true }],
      messengers: [{ type: "LINE", id: "taro.line", primary: true }],
      websites: [{ url: "https://acme.example", primary: true }],
      memo: "Key account",
      contactTagIds: [tag.contactTagId],
    };
    const contact = await create(fields);
    for (const [name, value] of Object.entries(fields)) {
      expect(contact[name], name).toEqual(value);
    }
    expect((await api.get(`/contacts/${contact.contactId}`)).body).toEqual(contact);
  });

  it("keeps unknown fields of sub-objects (pass-through) and ignores unknown top-level fields", async () => {
    const contact = await create({
      contactName: { lastName: "A", futureNameField: "kept" },
      emails: [{ email: "a@example.com", primary: true, label: "work" }],
      somethingNew: 1,
    });
    expect(contact.contactName.futureNameField).toBe("kept");
    expect(contact.emails[0].label).toBe("work");
    expect(contact).not.toHaveProperty("somethingNew");
  });

  it("ignores read-only fields sent back by a client", async () => {
    const contact = await create({ contactId: "mine", createdTime: "2000-01-01T00:00:00+09:00", linkedExternalUser: { id: "x", type: "LINE" } });
    expect(contact.contactId).not.toBe("mine");
    expect(contact.createdTime).not.toBe("2000-01-01T00:00:00+09:00");
    expect(contact.linkedExternalUser).toBeNull();
  });

  it("accepts a member's email or userId as masterUserId", async () => {
    const state = await emulator.state();
    const sales = state.domains[0].members.find((member: any) => member.email === "sales@example.com");
    const contact = await create({ permission: { masterUserId: sales.userId, accessibleRange: "ALL" } });
    expect(contact.permission.masterUserId).toBe(sales.userId);
  });
});

describe("contact validation (400 INVALID_PARAMETER)", () => {
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ["permission is required", { permission: undefined }, "permission"],
    ["contactName is required", { contactName: undefined }, "contactName"],
    ["contactName needs lastName or firstName", { contactName: { nickName: "Nick" } }, "lastName or firstName"],
    ["an email or a telephone is required", { telephones: [], emails: [] }, "emails or telephones"],
    ["accessibleRange is ALL or MEMBER", { permission: { masterUserId: "admin@example.com", accessibleRange: "SOME" } }, "accessibleRange"],
    ["MEMBER needs accessibleMembers", { permission: { masterUserId: "admin@example.com", accessibleRange: "MEMBER" } }, "accessibleMembers"],
    [
      "MEMBER needs a non-empty accessibleMembers",
      { permission: { masterUserId: "admin@example.com", accessibleRange: "MEMBER", accessibleMembers: [] } },
      "accessibleMembers",
    ],
    [
      "accessibleMembers type is USER, ORGUNIT or GROUP",
      { permission: { masterUserId: "admin@example.com", accessibleRange: "MEMBER", accessibleMembers: [{ id: "x", type: "TEAM" }] } },
      "accessibleMembers",
    ],
    [
      "accessibleMembers is at most 500",
      {
        permission: {
          masterUserId: "admin@example.com",
          accessibleRange: "MEMBER",
          accessibleMembers: Array.from({ length: 501 }, (_, i) => ({ id: `org-${i}`, type: "ORGUNIT" })),
        },
      },
      "accessibleMembers",
    ],
    ["masterUserId must be a member", { permission: { masterUserId: "stranger@example.com", accessibleRange: "ALL" } }, "masterUserId"],
    [
      "a USER in accessibleMembers must be a member",
      { permission: { masterUserId: "admin@example.com", accessibleRange: "MEMBER", accessibleMembers: [{ id: "stranger@example.com", type: "USER" }] } },
      "accessibleMembers[0]",
    ],
    ["lastName is at most 100 characters", { contactName: { lastName: "x".repeat(101) } }, "contactName.lastName"],
    ["email is at most 256 characters", { emails: [{ email: `${"x".repeat(250)}@example.com` }] }, "emails[0].email"],
    ["email must look like an email", { emails: [{ email: "not-an-email" }] }, "emails[0].email"],
    ["telephone type is an enum", { telephones: [{ type: "MOBILE", telephone: "1234" }] }, "telephones[0].type"],
    ["telephone allows digits and - * # + P T ( ) only", { telephones: [{ type: "WORK", telephone: "12 34" }] }, "telephones[0].telephone"],
    ["telephone needs at least one digit", { telephones: [{ type: "WORK", telephone: "--" }] }, "telephones[0].telephone"],
    ["telephone is at most 100 characters", { telephones: [{ type: "WORK", telephone: "1".repeat(101) }] }, "telephones[0].telephone"],
    ["CUSTOM type needs customType", { telephones: [{ type: "CUSTOM", telephone: "1234" }] }, "telephones[0].customType"],
    ["location type is an enum", { locations: [{ type: "OFFICE", address: "x" }] }, "locations[0].type"],
    ["event date is YYYY-MM-DD", { events: [{ type: "BIRTHDAY", date: "19800229" }] }, "events[0].date"],
    ["event date must exist", { events: [{ type: "BIRTHDAY", date: "1981-02-29" }] }, "events[0].date"],
    ["event calendarType is SOLAR or LUNAR", { events: [{ type: "BIRTHDAY", date: "1980-01-01", calendarType: "S" }] }, "events[0].calendarType"],
    ["messenger type is an enum", { messengers: [{ type: "ICQ", id: "1" }] }, "messengers[0].type"],
    ["website needs a url", { websites: [{ primary: true }] }, "websites[0].url"],
    ["memo is at most 4000 characters", { memo: "m".repeat(4001) }, "memo"],
    ["lists hold at most 100 items", { emails: Array.from({ length: 101 }, (_, i) => ({ email: `u${i}@example.com` })) }, "emails"],
    ["contactTagIds hold at most 100 items", { contactTagIds: Array.from({ length: 101 }, (_, i) => `t${i}`) }, "contactTagIds"],
    ["unknown contactTagIds are rejected", { contactTagIds: ["ctag0000-0000-0000-0000-000000000000"] }, "contactTagIds[0]"],
    ["a field of the wrong type is rejected", { memo: 42 }, "memo"],
  ];

  it.each(cases)("%s", async (_name, overrides, mentions) => {
    const body = contactBody(overrides);
    for (const [key, value] of Object.entries(overrides)) if (value === undefined) delete body[key];
    expectError(await api.post("/contacts", body), 400, "INVALID_PARAMETER", mentions);
  });

  it("accepts the limits themselves (100 items, memo 4000, names 100, telephone 100)", async () => {
    await create({
      contactName: { lastName: "x".repeat(100) },
      emails: Array.from({ length: 100 }, (_, i) => ({ email: `u${i}@example.com` })),
      memo: "m".repeat(4000),
      telephones: [{ type: "WORK", telephone: "1".repeat(100) }],
    });
  });

  it("accepts an email without a telephone", async () => {
    await create({ telephones: undefined, emails: [{ email: "only@example.com" }] });
  });

  it("rejects a body that is not a JSON object", async () => {
    expectError(await api.post("/contacts", "[1,2]"), 400, "INVALID_PARAMETER");
    expectError(await api.post("/contacts", "{not json"), 400, "INVALID_PARAMETER");
  });

  it("does not store a rejected contact", async () => {
    await api.post("/contacts", contactBody({ memo: "m".repeat(4001) }));
    expect((await api.get("/contacts")).body.contacts).toEqual([]);
  });
});

describe("GET /contacts/{contactId}", () => {
  it("is 404 NOT_FOUND for an unknown contact", async () => {
    expectError(await api.get("/contacts/00000000-0000-0000-0000-000000000000"), 404, "NOT_FOUND");
  });
});

describe("PUT /contacts/{contactId} (full replace)", () => {
  it("resets the fields it omits and sets modifiedTime", async () => {
    const contact = await create({ memo: "old", emails: [{ email: "a@example.com" }], organizations: [{ name: "ACME" }] });
    await waitPastSecond(contact.modifiedTime);
    const reply = await api.put(`/contacts/${contact.contactId}`, contactBody({ memo: "new" }));
    expect(reply.status).toBe(200);
    expect(reply.body.memo).toBe("new");
    expect(reply.body.emails).toEqual([]);
    expect(reply.body.organizations).toEqual([]);
    expect(reply.body.contactId).toBe(contact.contactId);
    expect(reply.body.createdTime).toBe(contact.createdTime);
    expect(reply.body.modifiedTime > contact.modifiedTime).toBe(true);
    expect((await api.get(`/contacts/${contact.contactId}`)).body).toEqual(reply.body);
  });

  it("validates like POST", async () => {
    const contact = await create();
    expectError(await api.put(`/contacts/${contact.contactId}`, { contactName: { lastName: "x" } }), 400, "INVALID_PARAMETER");
    const omitted = await api.put(`/contacts/${contact.contactId}`, contactBody({ telephones: undefined }));
    expectError(omitted, 400, "INVALID_PARAMETER", "emails or telephones");
  });

  it("accepts a fetched contact sent back unchanged (read-modify-write)", async () => {
    const contact = await create({ memo: "keep" });
    const reply = await api.put(`/contacts/${contact.contactId}`, contact);
    expect(reply.status).toBe(200);
    expect({ ...reply.body, modifiedTime: undefined }).toEqual({ ...contact, modifiedTime: undefined });
  });

  it("is 404 for an unknown contact", async () => {
    expectError(await api.put("/contacts/00000000-0000-0000-0000-000000000000", contactBody()), 404, "NOT_FOUND");
  });
});

describe("PATCH /contacts/{contactId} (only sent fields)", () => {
  it("changes only the fields it sends", async () => {
    const contact = await create({ memo: "old", emails: [{ email: "a@example.com" }] });
    const reply = await api.patch(`/contacts/${contact.contactId}`, { memo: "new" });
    expect(reply.status).toBe(200);
    expect(reply.body.memo).toBe("new");
    expect(reply.body.emails).toEqual(contact.emails);
    expect(reply.body.telephones).toEqual(contact.telephones);
    expect(reply.body.contactName).toEqual(contact.contactName);
  });

  it("clears an optional field sent as null", async () => {
    const contact = await create({ memo: "old" });
    const reply = await api.patch(`/contacts/${contact.contactId}`, { memo: null });
    expect(reply.status).toBe(200);
    expect(reply.body).not.toHaveProperty("memo");
  });

  it("checks the resulting contact: removing the last telephone without an email is 400", async () => {
    const contact = await create();
    expectError(await api.patch(`/contacts/${contact.contactId}`, { telephones: [] }), 400, "INVALID_PARAMETER", "emails or telephones");
    expect((await api.get(`/contacts/${contact.contactId}`)).body.telephones).toHaveLength(1);
  });

  it("validates sent fields (contactName needs lastName or firstName)", async () => {
    const contact = await create();
    expectError(await api.patch(`/contacts/${contact.contactId}`, { contactName: { nickName: "n" } }), 400, "INVALID_PARAMETER");
  });

  it("is 404 for an unknown contact", async () => {
    expectError(await api.patch("/contacts/00000000-0000-0000-0000-000000000000", { memo: "x" }), 404, "NOT_FOUND");
  });
});

describe("DELETE /contacts/{contactId} and /forcedelete", () => {
  it("DELETE answers 204 and the contact is gone from GET and lists", async () => {
    const contact = await create();
    const reply = await api.delete(`/contacts/${contact.contactId}`);
    expect(reply.status).toBe(204);
    expect(reply.body).toBeUndefined();
    expectError(await api.get(`/contacts/${contact.contactId}`), 404, "NOT_FOUND");
    expect((await api.get("/contacts")).body.contacts).toEqual([]);
    expectError(await api.delete(`/contacts/${contact.contactId}`), 404, "NOT_FOUND");
  });

  it("forcedelete removes a live contact permanently (204)", async () => {
    const contact = await create();
    expect((await api.delete(`/contacts/${contact.contactId}/forcedelete`)).status).toBe(204);
    expectError(await api.get(`/contacts/${contact.contactId}`), 404, "NOT_FOUND");
    expectError(await api.delete(`/contacts/${contact.contactId}/forcedelete`), 404, "NOT_FOUND");
  });

  it("forcedelete also removes a contact that is in the trash", async () => {
    const contact = await create();
    await api.delete(`/contacts/${contact.contactId}`);
    expect((await emulator.state()).domains[0].trashedContacts).toHaveLength(1);
    expect((await api.delete(`/contacts/${contact.contactId}/forcedelete`)).status).toBe(204);
    expect((await emulator.state()).domains[0].trashedContacts).toHaveLength(0);
  });

  it("is 404 for an unknown contact", async () => {
    expectError(await api.delete("/contacts/00000000-0000-0000-0000-000000000000"), 404, "NOT_FOUND");
    expectError(await api.delete("/contacts/00000000-0000-0000-0000-000000000000/forcedelete"), 404, "NOT_FOUND");
  });
});

describe("contact custom property values (seed 000 shapes)", () => {
  beforeEach(async () => {
    const domainId = (await emulator.credentials()).domainId;
    for (const [propertyName, propertyType, multiValued] of [
      ["string_single", "STRING", false],
      ["string_multi", "STRING", true],
      ["link_single", "LINK", false],
      ["link_multi", "LINK", true],
    ] as const) {
      const reply = await api.post("/contacts/custom-properties", { domainId, propertyName, displayName: propertyName, propertyType, multiValued });
      expect(reply.status).toBe(201);
    }
  });

  const seedExample = {
    string_single: { content: "string_single_value" },
    string_multi: [
      { content: "string_multi_value1", represent: true },
      { content: "string_multi_value2", represent: false },
    ],
    link_single: { text: "NAVER WORKS", link: "https://woks.do" },
    link_multi: [
      { text: "NAVER WORKS", link: "https://works.do", represent: true },
      { text: "Admin", link: "https://admin.worksmobile.com", represent: false },
    ],
  };

  it("accepts the four documented shapes and returns them", async () => {
    const contact = await create({ customProperties: seedExample });
    expect(contact.customProperties).toEqual(seedExample);
  });

  it.each([
    ["a single STRING given as a list", { string_single: [{ content: "x" }] }],
    ["a multi STRING given as an object", { string_multi: { content: "x" } }],
    ["a LINK without link", { link_single: { text: "t" } }],
    ["a STRING with link fields", { string_single: { text: "t", link: "https://x" } }],
    ["more than 10 values", { link_multi: Array.from({ length: 11 }, (_, i) => ({ text: `t${i}`, link: `https://x/${i}` })) }],
    ["an undefined property", { no_such_property: { content: "x" } }],
  ])("rejects %s (400)", async (_name, customProperties) => {
    expectError(await api.post("/contacts", contactBody({ customProperties })), 400, "INVALID_PARAMETER", "customProperties");
  });

  it("accepts 10 values of a multi-valued property", async () => {
    const values = Array.from({ length: 10 }, (_, i) => ({ content: `v${i}`, represent: i === 0 }));
    const contact = await create({ customProperties: { string_multi: values } });
    expect(contact.customProperties.string_multi).toHaveLength(10);
  });

  it("deleting a custom property removes its values from contacts", async () => {
    const contact = await create({ customProperties: seedExample });
    const domainId = (await emulator.credentials()).domainId;
    expect((await api.delete(`/contacts/custom-properties/link_single?domainId=${domainId}`)).status).toBe(204);
    const after = (await api.get(`/contacts/${contact.contactId}`)).body;
    expect(after.customProperties).not.toHaveProperty("link_single");
    expect(after.customProperties.string_single).toEqual(seedExample.string_single);
  });
});
