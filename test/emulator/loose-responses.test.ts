/**
 * The fault setting `looseResponses` (emulator/loose-responses.ts): GET answers carry a field
 * nobody models in every object, null for absent optional fields, and, at the end of an
 * unfiltered listing, one object of each kind with enum values the docs do not list. What is
 * stored does not change, and writes are answered as usual.
 */
import { describe, expect, it } from "vitest";
import type { EmulatorProcess } from "../support/emulator-process";
import { contactBody, useConformanceEmulator, type Client } from "../support/emulator-http";

let emulator: EmulatorProcess;
let http: Client;
useConformanceEmulator((e, c) => {
  emulator = e;
  http = c;
});

const FUTURE = "emulatorFutureField";

async function seed() {
  const tag = (await http.post("/contact-tags", { contactTagName: "VIP" })).body;
  const property = (await http.post("/contacts/custom-properties", { domainId: 10000001, propertyName: "crm", displayName: "CRM", propertyType: "LINK" })).body;
  const contact = (
    await http.post(
      "/contacts",
      contactBody({ emails: [{ email: "taro@acme.example", primary: true }], contactTagIds: [tag.contactTagId], customProperties: { crm: { text: "CRM", link: "https://crm.example/1" } } }),
    )
  ).body;
  await http.post("/contacts", contactBody({ contactName: { lastName: "Second" } }));
  return { tag, property, contact };
}

describe("looseResponses", () => {
  it("is off by default: no extra field, no null, no extra object", async () => {
    await seed();
    const contacts = (await http.get("/contacts")).body;
    expect(JSON.stringify(contacts)).not.toContain(FUTURE);
    expect(contacts.contacts).toHaveLength(2);
    expect(contacts.contacts[0]).not.toHaveProperty("memo");
  });

  it("adds an unknown field to every object and null for absent optional fields, keeping every value", async () => {
    const { tag, property, contact } = await seed();
    const plain = (await http.get(`/contacts/${contact.contactId}`)).body;
    await emulator.setFaults({ looseResponses: true });
    const loose = (await http.get(`/contacts/${contact.contactId}`)).body;
    expect(loose[FUTURE]).toBeDefined();
    expect(loose.memo).toBeNull();
    expect(loose.contactName).toMatchObject({ ...plain.contactName, nickName: null, middleName: null, [FUTURE]: expect.anything() });
    expect(loose.permission).toMatchObject({ ...plain.permission, accessibleMembers: null, [FUTURE]: expect.anything() });
    expect(loose.telephones).toEqual([{ ...plain.telephones[0], customType: null, [FUTURE]: expect.anything() }]);
    expect(loose.emails).toEqual([{ ...plain.emails[0], [FUTURE]: expect.anything() }]);
    // Custom values: the map's keys stay property names; the value objects get the field.
    expect(Object.keys(loose.customProperties)).toEqual(["crm"]);
    expect(loose.customProperties.crm).toEqual({ ...plain.customProperties.crm, [FUTURE]: expect.anything() });
    expect(loose.contactTagIds).toEqual(plain.contactTagIds);

    expect((await http.get(`/contact-tags/${tag.contactTagId}`)).body).toEqual({ ...tag, userId: null, [FUTURE]: expect.anything() });
    expect((await http.get(`/contacts/custom-properties/${property.customPropertyId}`)).body).toMatchObject({ ...property, [FUTURE]: expect.anything() });
    // Writes are answered as usual; what is stored is unchanged.
    const patched = await http.patch(`/contacts/${contact.contactId}`, { memo: "note" });
    expect(patched.status).toBe(200);
    await emulator.setFaults({});
    expect((await http.get(`/contacts/${contact.contactId}`)).body).toEqual({ ...plain, memo: "note", modifiedTime: expect.any(String) });
  });

  it("ends each unfiltered listing's last page with one object of undocumented enum values", async () => {
    const { tag, property } = await seed();
    await emulator.setFaults({ looseResponses: true });
    const first = (await http.get("/contacts?count=1")).body;
    expect(first.contacts.map((c: any) => c.contactName.lastName)).toEqual(["Customer"]);
    expect(first.responseMetaData[FUTURE]).toBeDefined();
    const last = (await http.get(`/contacts?count=1&cursor=${encodeURIComponent(first.responseMetaData.nextCursor)}`)).body;
    expect(last.contacts.map((c: any) => c.contactId)).toEqual([expect.any(String), "emulator-future-contact"]);
    expect(last.responseMetaData.nextCursor).toBeNull();
    const future = last.contacts[1];
    expect([future.permission.accessibleRange, future.telephones[0].type, future.locations[0].type, future.events[0].type, future.events[0].calendarType, future.messengers[0].type]).toEqual([
      "DEPARTMENT",
      "SATELLITE",
      "BRANCH",
      "GRADUATION",
      "ISLAMIC",
      "MASTODON",
    ]);
    expect(future.permission).not.toHaveProperty("masterUserId");

    const tags = (await http.get("/contact-tags")).body.contactTags;
    expect(tags.map((t: any) => [t.contactTagId, t.type])).toEqual([[tag.contactTagId, "COMPANY"], ["emulator-future-tag", "SHARED"]]);
    const properties = (await http.get("/contacts/custom-properties")).body.customProperties;
    expect(properties.map((p: any) => [p.customPropertyId, p.propertyType, p.domainId])).toEqual([
      [property.customPropertyId, "LINK", 10000001],
      ["emulator-future-property", "DATE", 10000001],
    ]);
    // A filter matches no such object.
    expect((await http.get("/contacts?email=taro@acme.example")).body.contacts.map((c: any) => c.contactId)).toHaveLength(1);
    expect((await http.get("/contact-tags?type=COMPANY")).body.contactTags).toHaveLength(1);
  });
});
