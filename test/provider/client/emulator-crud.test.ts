/** Every ContactApi method against the emulator process. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ClientConfigError, LineWorksApiError, type Contact } from "../../../provider/client";
import { startEmulatorProcess, type EmulatorProcess } from "../../support/emulator-process";
import { clientFor, collect, newContact } from "./support";

let emulator: EmulatorProcess;
let api: Awaited<ReturnType<typeof clientFor>>["api"];

beforeAll(async () => {
  emulator = await startEmulatorProcess({ requestsPerMinute: 100_000 });
  ({ api } = await clientFor(emulator, { requestsPerMinute: 0 }));
});
afterAll(async () => {
  await emulator?.stop();
});
beforeEach(async () => {
  await emulator.reset();
});

/** The writable part of a fetched contact, as a read-modify-write sends it back. */
function writable(contact: Contact) {
  const { contactId: _id, createdTime: _c, modifiedTime: _m, linkedExternalUser: _l, ...fields } = contact;
  return fields;
}

describe("contacts", () => {
  it("a read-modify-write PUT keeps fields of sub-objects the client does not model", async () => {
    const created = await api.createContact(
      newContact(1, {
        contactName: { lastName: "田中", firstName: "太郎", futureNameField: "kept" },
        emails: [{ email: "taro@acme.example", primary: true, label: "work-ish" }],
        telephones: [{ type: "CELLPHONE", telephone: "090-1234-5678", primary: true, carrier: { name: "x" } }],
      }),
    );
    expect(created.contactName).toMatchObject({ futureNameField: "kept" });
    const fetched = (await api.getContact(created.contactId))!;
    const replaced = await api.replaceContact(created.contactId, { ...writable(fetched), memo: "updated" });
    expect(replaced.memo).toBe("updated");
    const after = (await api.getContact(created.contactId))!;
    expect(after.contactName).toEqual({ lastName: "田中", firstName: "太郎", futureNameField: "kept" });
    expect(after.emails).toEqual([{ email: "taro@acme.example", primary: true, label: "work-ish" }]);
    expect(after.telephones?.[0]).toMatchObject({ carrier: { name: "x" } });
  });

  it("PATCH changes only what it sends; deletes are idempotent, also through forcedelete", async () => {
    const a = await api.createContact(newContact(1, { memo: "first" }));
    const b = await api.createContact(newContact(2));
    const patched = await api.patchContact(a.contactId, { organizations: [{ name: "ACME", primary: true }] });
    expect(patched.memo).toBe("first");
    expect(patched.organizations).toEqual([{ name: "ACME", primary: true }]);
    await api.deleteContact(a.contactId);
    await api.deleteContact(a.contactId);
    await api.deleteContact(b.contactId, { force: true });
    await api.deleteContact(b.contactId, { force: true });
    expect(await api.getContact(a.contactId)).toBeUndefined();
    expect(await collect(api.listContacts())).toEqual([]);
  });

  it("filters are sent as given and the results are typed contacts", async () => {
    await api.createContact(newContact(1));
    await api.createContact(newContact(2, { emails: [{ email: "other@else.example", primary: true }] }));
    // Docs (contact-list): a keyword with "@" is a prefix of the address, one without a part of the local part.
    const emailsOf = async (email: string) =>
      (await collect(api.listContacts({ email, orderBy: "createdTime desc" }))).map((contact) => contact.emails?.[0]?.email);
    expect(await emailsOf("erson")).toEqual(["person1@client-test.example"]);
    expect(await emailsOf("person1@client-")).toEqual(["person1@client-test.example"]);
    expect(await emailsOf("client-test.example")).toEqual([]);
  });

  it("API validation errors keep the API's code and description", async () => {
    const error = (await api
      .createContact({ ...newContact(1), contactName: {} })
      .catch((e: unknown) => e)) as LineWorksApiError;
    expect(error).toBeInstanceOf(LineWorksApiError);
    expect(error.status).toBe(400);
    expect(error.code).toBe("INVALID_PARAMETER");
    expect(error.message).toContain(error.description);
    expect(error.message).toMatch(/^LINE WORKS API POST \/contacts failed: 400 INVALID_PARAMETER: /);
  });
});

describe("photos", () => {
  it("uploads, downloads and deletes a photo", async () => {
    const contact = await api.createContact(newContact(1));
    expect(await api.getContactPhoto(contact.contactId)).toBeUndefined();
    // A JPEG's first bytes (the emulator takes only images), then a pattern.
    const bytes = new Uint8Array(Array.from({ length: 2048 }, (_, i) => [0xff, 0xd8, 0xff][i] ?? (i * 7) % 256));
    await api.uploadContactPhoto(contact.contactId, "face.png", bytes);
    expect(await api.getContactPhoto(contact.contactId)).toEqual(bytes);
    await api.deleteContactPhoto(contact.contactId);
    await api.deleteContactPhoto(contact.contactId);
    expect(await api.getContactPhoto(contact.contactId)).toBeUndefined();
  });

  it("refuses an empty photo before any request", async () => {
    const contact = await api.createContact(newContact(1));
    const before = api.stats().requests;
    await expect(api.uploadContactPhoto(contact.contactId, "x.png", new Uint8Array())).rejects.toThrow(/INVALID_REQUEST/);
    expect(api.stats().requests).toBe(before);
  });
});

describe("tags", () => {
  it("creates, pages through, renames and deletes company and user tags", async () => {
    const names = Array.from({ length: 12 }, (_, i) => `tag-${String(i).padStart(2, "0")}`);
    for (const name of names) await api.createCompanyTag(name);
    const own = await api.createUserTag("sales@example.com", "follow up");
    expect(own).toMatchObject({ type: "USER", contactTagName: "follow up" });

    const company = await collect(api.listContactTags({ type: "COMPANY", orderBy: "name desc", count: 5 }));
    expect(company.map((tag) => tag.contactTagName)).toEqual([...names].reverse());
    const forSales = await collect(api.listUserContactTags("sales@example.com", { count: 5 }));
    expect(forSales.map((tag) => tag.contactTagId)).toContain(own.contactTagId);
    expect(forSales).toHaveLength(13);

    const renamed = await api.renameContactTag(company[0]!.contactTagId, "renamed");
    expect(renamed.contactTagName).toBe("renamed");
    expect(await api.getContactTag(renamed.contactTagId)).toEqual(renamed);
    await api.deleteContactTag(own.contactTagId);
    await api.deleteContactTag(own.contactTagId);
    expect(await api.getContactTag(own.contactTagId)).toBeUndefined();
  });

  it("a duplicate name is a 409 that names the natural key", async () => {
    const tag = await api.createCompanyTag("VIP");
    const error = (await api.createCompanyTag("VIP").catch((e: unknown) => e)) as LineWorksApiError;
    expect(error.isConflict).toBe(true);
    expect(error.message).toContain('contact tag name "VIP"');
    expect(error.message).toContain("adopt: true");
    expect(error.message).toContain(tag.contactTagId);
  });
});

describe("custom properties", () => {
  it("are reached by id or by propertyName, patched, listed and deleted", async () => {
    const created = await api.createCustomProperty({
      propertyName: "crm_link",
      displayName: "CRM",
      propertyType: "LINK",
      multiValued: false,
      displayOrder: 1,
    });
    expect(created).toMatchObject({ propertyName: "crm_link", propertyType: "LINK", multiValued: false, domainId: api.domainId });
    expect(await api.getCustomProperty(created.customPropertyId)).toEqual(created);
    expect(await api.getCustomProperty("crm_link")).toEqual(created);
    const patched = await api.patchCustomProperty("crm_link", { displayName: "CRM link", displayOrder: 2 });
    expect(patched).toMatchObject({ displayName: "CRM link", displayOrder: 2 });
    expect(await api.listCustomProperties()).toEqual([patched]);
    await api.deleteCustomProperty(created.customPropertyId);
    await api.deleteCustomProperty("crm_link");
    expect(await api.getCustomProperty("crm_link")).toBeUndefined();
    expect(await api.listCustomProperties()).toEqual([]);
  });

  it("need the domain id from the configuration", async () => {
    const { api: noDomain } = await clientFor(emulator, {}, { domainId: undefined as unknown as number });
    expect(noDomain.domainId).toBeUndefined();
    await expect(noDomain.listCustomProperties()).rejects.toThrow(ClientConfigError);
    await expect(noDomain.listCustomProperties()).rejects.toThrow(/lineworks:domainId \(LINEWORKS_DOMAIN_ID\)/);
  });
});
