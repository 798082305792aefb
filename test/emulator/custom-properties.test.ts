/** Contact custom property definitions (seed 000, lineworks-api.md CustomProperty). */
import { beforeAll, describe, expect, it } from "vitest";
import type { EmulatorProcess } from "../support/emulator-process";
import { expectError, useConformanceEmulator, type Client } from "../support/emulator-http";

let emulator: EmulatorProcess;
let api: Client;
let domainId: number;
useConformanceEmulator((started, client) => {
  emulator = started;
  api = client;
});
beforeAll(async () => {
  domainId = (await emulator.credentials()).domainId;
});

function property(overrides: Record<string, unknown> = {}) {
  return { domainId, propertyName: "crm_link", displayName: "CRM link", propertyType: "LINK", ...overrides };
}

async function create(overrides: Record<string, unknown> = {}) {
  const reply = await api.post("/contacts/custom-properties", property(overrides));
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body;
}

describe("POST /contacts/custom-properties", () => {
  it("creates a property (201) with defaults multiValued false and displayOrder null", async () => {
    const created = await create();
    expect(created).toEqual({
      domainId,
      customPropertyId: expect.any(String),
      propertyName: "crm_link",
      displayName: "CRM link",
      i18nDisplayNames: [],
      propertyType: "LINK",
      displayOrder: null,
      multiValued: false,
    });
  });

  it("keeps i18nDisplayNames, displayOrder and multiValued", async () => {
    const created = await create({
      i18nDisplayNames: [{ language: "ja_JP", name: "CRMリンク" }, { language: "en_US", name: "CRM" }],
      displayOrder: 2,
      multiValued: true,
      propertyType: "STRING",
    });
    expect(created).toMatchObject({ displayOrder: 2, multiValued: true, propertyType: "STRING" });
    expect(created.i18nDisplayNames).toHaveLength(2);
  });

  it.each([
    ["domainId is required", { domainId: undefined }, "domainId"],
    ["propertyName is required", { propertyName: undefined }, "propertyName"],
    ["propertyName matches [A-Za-z_][A-Za-z0-9_]*", { propertyName: "1abc" }, "propertyName"],
    ["propertyName has no dashes", { propertyName: "crm-link" }, "propertyName"],
    ["propertyName is at most 120 characters", { propertyName: `p${"x".repeat(120)}` }, "propertyName"],
    ["displayName is required", { displayName: undefined }, "displayName"],
    ["displayName is at most 20 characters", { displayName: "x".repeat(21) }, "displayName"],
    ["propertyType is STRING or LINK", { propertyType: "NUMBER" }, "propertyType"],
    ["displayOrder is an integer >= 1", { displayOrder: 0 }, "displayOrder"],
    ["i18n language is an enum", { i18nDisplayNames: [{ language: "fr_FR", name: "x" }] }, "i18nDisplayNames"],
    ["i18n name is 1..20", { i18nDisplayNames: [{ language: "en_US", name: "x".repeat(21) }] }, "i18nDisplayNames"],
  ])("%s (400)", async (_name, overrides, mentions) => {
    const body: Record<string, unknown> = property(overrides);
    for (const [key, value] of Object.entries(overrides)) if (value === undefined) delete body[key];
    expectError(await api.post("/contacts/custom-properties", body), 400, "INVALID_PARAMETER", mentions);
  });

  it("accepts propertyName of 120 characters", async () => {
    await create({ propertyName: `p${"x".repeat(119)}` });
  });

  it("propertyName and displayName are unique (409)", async () => {
    await create();
    expectError(await api.post("/contacts/custom-properties", property({ displayName: "Other" })), 409, "CONFLICT");
    expectError(await api.post("/contacts/custom-properties", property({ propertyName: "other" })), 409, "CONFLICT");
  });

  it("at most 5 per domain: the 6th is 400", async () => {
    for (let i = 1; i <= 5; i += 1) await create({ propertyName: `p${i}`, displayName: `P${i}` });
    expectError(await api.post("/contacts/custom-properties", property({ propertyName: "p6", displayName: "P6" })), 400, "LIMIT_EXCEEDED", "5");
  });

  it("a domainId other than the token's domain is 403", async () => {
    expectError(await api.post("/contacts/custom-properties", property({ domainId: domainId + 1 })), 403, "FORBIDDEN");
  });
});

describe("GET /contacts/custom-properties", () => {
  it("lists {customProperties} without pagination", async () => {
    const first = await create();
    const second = await create({ propertyName: "rank", displayName: "Rank", propertyType: "STRING" });
    const reply = await api.get(`/contacts/custom-properties?domainId=${domainId}`);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ customProperties: [first, second] });
  });

  it("domainId is optional (documented); when given it must be the token's domain", async () => {
    const created = await create();
    expect((await api.get("/contacts/custom-properties")).body).toEqual({ customProperties: [created] });
    expectError(await api.get(`/contacts/custom-properties?domainId=${domainId + 1}`), 403, "FORBIDDEN");
  });

  it("gets one by customPropertyId or by propertyName; 404 when unknown", async () => {
    const created = await create();
    expect((await api.get(`/contacts/custom-properties/${created.customPropertyId}?domainId=${domainId}`)).body).toEqual(created);
    expect((await api.get(`/contacts/custom-properties/crm_link?domainId=${domainId}`)).body).toEqual(created);
    expectError(await api.get(`/contacts/custom-properties/nope?domainId=${domainId}`), 404, "NOT_FOUND");
  });
});

describe("PATCH /contacts/custom-properties/{id or propertyName}", () => {
  it("changes displayName, i18nDisplayNames and displayOrder", async () => {
    const created = await create();
    const reply = await api.patch(`/contacts/custom-properties/${created.customPropertyId}`, {
      displayName: "CRM",
      i18nDisplayNames: [{ language: "ko_KR", name: "CRM" }],
      displayOrder: 3,
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ ...created, displayName: "CRM", i18nDisplayNames: [{ language: "ko_KR", name: "CRM" }], displayOrder: 3 });
  });

  it("changes only what it sends; displayOrder null clears it", async () => {
    await create({ displayOrder: 4 });
    const reply = await api.patch("/contacts/custom-properties/crm_link", { displayOrder: null });
    expect(reply.body).toMatchObject({ displayName: "CRM link", displayOrder: null });
  });

  it.each([
    ["propertyName", "renamed"],
    ["propertyType", "STRING"],
    ["multiValued", true],
  ])("%s is immutable (400)", async (field, value) => {
    await create();
    expectError(await api.patch("/contacts/custom-properties/crm_link", { [field]: value }), 400, "INVALID_PARAMETER", field);
  });

  it("a displayName of another property is 409", async () => {
    await create();
    await create({ propertyName: "rank", displayName: "Rank" });
    expectError(await api.patch("/contacts/custom-properties/rank", { displayName: "CRM link" }), 409, "CONFLICT");
  });

  it("is 404 for an unknown property", async () => {
    expectError(await api.patch("/contacts/custom-properties/nope", { displayName: "x" }), 404, "NOT_FOUND");
  });
});

describe("DELETE /contacts/custom-properties/{id or propertyName}", () => {
  it("deletes (204) by id or name; then 404", async () => {
    const first = await create();
    await create({ propertyName: "rank", displayName: "Rank" });
    expect((await api.delete(`/contacts/custom-properties/${first.customPropertyId}?domainId=${domainId}`)).status).toBe(204);
    expect((await api.delete(`/contacts/custom-properties/rank?domainId=${domainId}`)).status).toBe(204);
    expectError(await api.get(`/contacts/custom-properties/rank?domainId=${domainId}`), 404, "NOT_FOUND");
    expectError(await api.delete(`/contacts/custom-properties/rank?domainId=${domainId}`), 404, "NOT_FOUND");
  });

  it("frees a slot of the 5", async () => {
    for (let i = 1; i <= 5; i += 1) await create({ propertyName: `p${i}`, displayName: `P${i}` });
    await api.delete(`/contacts/custom-properties/p1?domainId=${domainId}`);
    await create({ propertyName: "p6", displayName: "P6" });
  });
});
