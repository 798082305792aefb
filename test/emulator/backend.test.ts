/**
 * The domain backend in process (no HTTP): cascades and change notification. Every
 * mutation reaches the store's listeners with what changed, including the contacts a
 * cascade touched, so persistence and a dashboard can follow.
 */
import { describe, expect, it } from "vitest";
import { Backends, type ChangeEvent } from "../../emulator/backend";
import { EmulatorStore, type DomainDefinition } from "../../emulator/store";

const DOMAIN = 10000001;

function setup(settings = { duplicateNameStatus: () => 409 as 400 | 409 }) {
  const definition: DomainDefinition = {
    domainId: DOMAIN,
    credentials: { clientId: "c", clientSecret: "s", serviceAccount: "sa", privateKeyPem: "", publicKeyPem: "" },
    members: [{ userId: "user-admin", email: "admin@example.com" }],
  };
  const store = new EmulatorStore([definition]);
  const events: ChangeEvent[] = [];
  store.onChange((event) => events.push(event));
  const backend = new Backends(store, settings).of(store.defaultDomain);
  const contact = (extra: Record<string, unknown> = {}) =>
    backend.contacts.create({
      permission: { masterUserId: "admin@example.com", accessibleRange: "ALL" },
      contactName: { lastName: "A" },
      emails: [{ email: "a@example.com" }],
      ...extra,
    });
  return { store, backend, events, contact };
}

describe("domain backend", () => {
  it("deleting a tag removes it from the contacts that carry it and announces each change", () => {
    const { backend, events, contact } = setup();
    const vip = backend.tags.create("VIP");
    const other = backend.tags.create("Other");
    const tagged = contact({ contactTagIds: [vip.contactTagId, other.contactTagId] });
    const untagged = contact();
    events.length = 0;
    backend.tags.delete(vip.contactTagId);
    expect(backend.contacts.live(tagged.contactId).fields.contactTagIds).toEqual([other.contactTagId]);
    expect(events).toEqual([
      { entity: "contactTag", action: "deleted", domainId: DOMAIN, id: vip.contactTagId },
      { entity: "contact", action: "updated", domainId: DOMAIN, id: tagged.contactId },
    ]);
    expect(events.some((event) => event.id === untagged.contactId)).toBe(false);
  });

  it("forcedelete removes the photo and pending uploads with the contact", () => {
    const { store, backend, events, contact } = setup();
    const record = contact();
    backend.photos.complete(backend.photos.announce(record.contactId, "a.png", 3), Buffer.from([1, 2, 3]));
    backend.photos.announce(record.contactId, "b.png", 3);
    events.length = 0;
    backend.contacts.forceDelete(record.contactId);
    const data = store.defaultDomain.data;
    expect([data.contacts.size, data.photos.size, data.uploads.size]).toEqual([0, 0, 0]);
    expect(events).toEqual([
      { entity: "photo", action: "deleted", domainId: DOMAIN, id: record.contactId },
      { entity: "contact", action: "deleted", domainId: DOMAIN, id: record.contactId },
    ]);
  });

  it("the duplicate-name status is read from the live settings on each POST; updates stay 409", () => {
    let status: 400 | 409 = 409;
    const { backend } = setup({ duplicateNameStatus: () => status });
    const tag = backend.tags.create("VIP");
    expect(() => backend.tags.create("VIP")).toThrow(expect.objectContaining({ status: 409, code: "CONFLICT" }));
    status = 400;
    expect(() => backend.tags.create("VIP")).toThrow(expect.objectContaining({ status: 400, code: "INVALID_PARAMETER" }));
    const other = backend.tags.create("Other");
    expect(() => backend.tags.rename(other.contactTagId, tag.contactTagName)).toThrow(expect.objectContaining({ status: 409 }));
  });

  it("a listener that throws does not stop the others, and unsubscribing works", () => {
    const { store, backend } = setup();
    const seen: string[] = [];
    const originalWrite = process.stderr.write;
    process.stderr.write = (() => true) as typeof process.stderr.write;
    try {
      store.onChange(() => {
        throw new Error("broken listener");
      });
      const unsubscribe = store.onChange((event) => seen.push(event.action));
      backend.tags.create("One");
      unsubscribe();
      backend.tags.create("Two");
    } finally {
      process.stderr.write = originalWrite;
    }
    expect(seen).toEqual(["created"]);
  });
});
