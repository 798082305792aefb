/**
 * Custom properties as the docs revised them (lineworks-api.md rows of
 * /contacts/custom-properties): the list is sorted by displayOrder ascending with null
 * last (ties: creation order, ASSUMED); `domainId` is optional on list, get and delete;
 * PATCH takes `domainId` in the body (the query still works); deleting a property
 * removes its values from contacts.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { EmulatorProcess } from "../support/emulator-process";
import { contactBody, expectError, useConformanceEmulator, type Client } from "../support/emulator-http";

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

async function create(propertyName: string, displayOrder?: number | null) {
  const body = { domainId, propertyName, displayName: propertyName, propertyType: "STRING", ...(displayOrder === undefined ? {} : { displayOrder }) };
  const reply = await api.post("/contacts/custom-properties", body);
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body;
}

const listedNames = async (query = "") =>
  (await api.get(`/contacts/custom-properties${query}`)).body.customProperties.map((property: any) => property.propertyName);

describe("list order", () => {
  it("displayOrder ascending, null last; equal displayOrder in creation order", async () => {
    await create("none_first");
    await create("three", 3);
    await create("one", 1);
    await create("three_again", 3);
    await create("none_last", null);
    expect(await listedNames()).toEqual(["one", "three", "three_again", "none_first", "none_last"]);
  });

  it("follows a PATCH of displayOrder", async () => {
    await create("a", 1);
    await create("b", 2);
    expect((await api.patch("/contacts/custom-properties/a", { domainId, displayOrder: 5 })).status).toBe(200);
    expect(await listedNames()).toEqual(["b", "a"]);
    expect((await api.patch("/contacts/custom-properties/b", { domainId, displayOrder: null })).status).toBe(200);
    expect(await listedNames()).toEqual(["a", "b"]);
  });
});

describe("domainId", () => {
  it("is optional on list, get and delete; a foreign one is 403", async () => {
    const created = await create("crm", 1);
    expect(await listedNames()).toEqual(["crm"]);
    expect((await api.get("/contacts/custom-properties/crm")).body).toEqual(created);
    expect((await api.get(`/contacts/custom-properties/${created.customPropertyId}`)).body).toEqual(created);
    expectError(await api.get(`/contacts/custom-properties/crm?domainId=${domainId + 1}`), 403, "FORBIDDEN");
    expectError(await api.delete(`/contacts/custom-properties/crm?domainId=${domainId + 1}`), 403, "FORBIDDEN");
    expect((await api.delete("/contacts/custom-properties/crm")).status).toBe(204);
    expect(await listedNames()).toEqual([]);
  });

  it("PATCH takes domainId in the body (docs example), in the query, or not at all; a foreign one is 403 and changes nothing", async () => {
    await create("crm", 1);
    expect((await api.patch("/contacts/custom-properties/crm", { domainId, displayName: "In body" })).body.displayName).toBe("In body");
    expect((await api.patch(`/contacts/custom-properties/crm?domainId=${domainId}`, { displayName: "In query" })).body.displayName).toBe("In query");
    expect((await api.patch("/contacts/custom-properties/crm", { displayName: "Neither" })).body.displayName).toBe("Neither");
    expectError(await api.patch("/contacts/custom-properties/crm", { domainId: domainId + 1, displayName: "Foreign" }), 403, "FORBIDDEN");
    expectError(await api.patch(`/contacts/custom-properties/crm?domainId=${domainId + 1}`, { displayName: "Foreign" }), 403, "FORBIDDEN");
    expect((await api.get("/contacts/custom-properties/crm")).body.displayName).toBe("Neither");
  });
});

describe("cascade", () => {
  it("deleting a property removes its values from every contact; other values stay", async () => {
    await create("crm");
    await create("rank");
    const values = { crm: { content: "A-1" }, rank: { content: "gold" } };
    const contact = (await api.post("/contacts", contactBody({ customProperties: values }))).body;
    expect(contact.customProperties).toEqual(values);
    expect((await api.delete("/contacts/custom-properties/crm")).status).toBe(204);
    expect((await api.get(`/contacts/${contact.contactId}`)).body.customProperties).toEqual({ rank: { content: "gold" } });
  });
});
