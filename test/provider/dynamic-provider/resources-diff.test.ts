import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DuplicateNameError } from "../../../provider/client/errors";
import { planContactWrite, primaryEmail, projectContactFields } from "../../../provider/dynamic-provider/contact-plan";
import { changedFieldsFromPrints, recordsFields, storedPrints } from "../../../provider/dynamic-provider/contact-old-state";
import { canonicalContactInputs, storedContact } from "../../../provider/dynamic-provider/contact-state";
import { createOrAdopt, type NaturalKeyKind } from "../../../provider/dynamic-provider/kit";
import { contactHandlers } from "../../../provider/dynamic-provider/contact";
import type { ProviderContext } from "../../../provider/dynamic-provider/context";
import { contactCustomPropertyHandlers, propertyPatch, replacedFields } from "../../../provider/dynamic-provider/custom-property";
import { LiveCache } from "../../../provider/dynamic-provider/live-cache";
import { sha256Hex } from "../../../provider/dynamic-provider/photo";
import { formatPath, issuesAboutKnownValues, UNKNOWN } from "../../../provider/dynamic-provider/pulumi-values";
import { companyContactTagHandlers, userContactTagHandlers } from "../../../provider/dynamic-provider/tags";
import type { Contact, ContactApi } from "../../../provider/client/contact-api";
import { CONTACT_FIELD_NAMES, type ContactInputs } from "../../../provider/seam/types";

const desired: ContactInputs = {
  permission: { masterUserId: "admin@example.com", accessibleRange: "ALL" },
  contactName: { lastName: "田中", firstName: "太郎" },
  emails: [{ email: "taro@acme.example", primary: true }],
  telephones: [{ type: "CELLPHONE", telephone: "090-1234-5678" }],
  messengers: [{ type: "X", id: "@taro" }],
  events: [{ type: "BIRTHDAY", date: "1990-01-02" }],
  contactTagIds: ["t1", "t2"],
  customProperties: { links: [{ link: "https://a.example", represent: true }, { link: "https://b.example" }] },
};

/** What the API gives back for `desired`: defaults filled in, set-like lists reordered, aliases, extra fields. */
const live: Contact = {
  contactId: "c1",
  permission: { masterUserId: "admin@example.com", accessibleRange: "ALL", isCoEditing: true, accessibleMembers: [] },
  contactName: { lastName: "田中", firstName: "太郎", nickName: "" },
  emails: [{ email: "taro@acme.example", primary: true }],
  telephones: [{ type: "CELLPHONE", telephone: "090-1234-5678", primary: false }],
  organizations: [],
  locations: [],
  events: [{ type: "BIRTHDAY", date: "1990-01-02", calendarType: "SOLAR", primary: false }],
  messengers: [{ type: "X", id: "@taro", primary: false }],
  websites: [],
  contactTagIds: ["t2", "t1"],
  customProperties: { links: [{ link: "https://a.example", represent: true }, { link: "https://b.example", represent: false, text: "" }] },
  linkedExternalUser: null,
  createdTime: "2026-01-01T00:00:00+09:00",
  modifiedTime: "2026-01-01T00:00:00+09:00",
};

describe("contact normalization and planning", () => {
  it("sees no change between the desired contact and the API's rendering of it", () => {
    expect(planContactWrite(live, desired)).toEqual({ method: "none" });
  });

  it("patches only the changed fields, in one request", () => {
    const plan = planContactWrite(live, { ...desired, memo: "Key account", contactTagIds: ["t1"] });
    expect(plan).toEqual({ method: "PATCH", fields: ["memo", "contactTagIds"], body: { memo: "Key account", contactTagIds: ["t1"] } });
  });

  it("sees real changes inside lists and defaults", () => {
    expect(planContactWrite(live, { ...desired, permission: { ...desired.permission!, isCoEditing: false } })).toMatchObject({
      method: "PATCH",
      fields: ["permission"],
    });
    expect(planContactWrite(live, { ...desired, messengers: [{ type: "LINE", id: "@taro" }] })).toMatchObject({ fields: ["messengers"] });
    const reordered = { ...desired, emails: [{ email: "b@x.example" }, { email: "taro@acme.example", primary: true }] };
    expect(planContactWrite(live, reordered)).toMatchObject({ fields: ["emails"] });
  });

  it("uses one PUT with the whole contact when a field is emptied", () => {
    const withMemo = { ...live, memo: "old" };
    const plan = planContactWrite(withMemo, { ...desired, contactTagIds: [] });
    expect(plan.method).toBe("PUT");
    if (plan.method !== "PUT") return;
    expect(plan.fields).toEqual(["memo", "contactTagIds"]);
    expect(plan.body.memo).toBeUndefined();
    expect(plan.body.contactTagIds).toBeUndefined();
    expect(plan.body.emails).toEqual(desired.emails);
    // Each field in canonical form: documented defaults written out.
    expect(plan.body.permission).toEqual({ ...desired.permission, isCoEditing: true });
  });

  it("records the desired spelling when live means the same, and the live value when it drifted", () => {
    expect(projectContactFields(live, desired)).toEqual(desired);
    const drifted = projectContactFields({ ...live, memo: "changed outside" }, desired);
    expect(drifted).toEqual({ ...desired, memo: "changed outside" });
  });

  it("finds the natural key", () => {
    expect(primaryEmail({ emails: [{ email: "a@x" }, { email: "B@X", primary: true }] })).toBe("b@x");
    expect(primaryEmail({ emails: [{ email: "a@x" }] })).toBe("a@x");
    expect(primaryEmail({})).toBeUndefined();
  });
});

describe("custom property planning", () => {
  const current = { propertyName: "crm", displayName: "CRM", propertyType: "LINK" as const, multiValued: false, displayOrder: 1 };

  it("replaces on immutable changes only; multiValued absent means false", () => {
    expect(replacedFields(current, { ...current, multiValued: undefined })).toEqual([]);
    expect(replacedFields(current, { ...current, propertyType: "STRING", multiValued: true })).toEqual(["propertyType", "multiValued"]);
    expect(replacedFields(current, { ...current, propertyName: UNKNOWN })).toEqual(["propertyName"]);
  });

  it("patches the mutable fields that differ, clearing with [] and null", () => {
    const withI18n = { ...current, i18nDisplayNames: [{ language: "ja_JP" as const, name: "CRM" }, { language: "en_US" as const, name: "CRM" }] };
    expect(propertyPatch(withI18n, { ...withI18n, i18nDisplayNames: [...withI18n.i18nDisplayNames].reverse() })).toEqual({});
    expect(propertyPatch(withI18n, { ...current, displayOrder: 2, displayName: "CRM2" })).toEqual({
      displayName: "CRM2",
      i18nDisplayNames: [],
      displayOrder: 2,
    });
  });

  it("leaves displayOrder to the admin console where the file does not set it", () => {
    // Administrators reorder fields by dragging them; a file without displayOrder must not undo that.
    expect(propertyPatch(current, { ...current, displayOrder: null })).toEqual({});
    expect(propertyPatch(current, { ...current, displayOrder: undefined, displayName: "CRM2" })).toEqual({ displayName: "CRM2" });
  });
});

describe("diff never calls the API", () => {
  const dir = mkdtempSync(join(tmpdir(), "lwc-photo-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const warnings: string[] = [];
  const ctx: ProviderContext = {
    api: () => {
      throw new Error("diff must not call the API");
    },
    cache: new LiveCache(() => {
      throw new Error("diff must not list");
    }),
    warn: (message) => warnings.push(message),
    baseDir: dir,
  };

  it("contact: compares with the old inputs check() recorded; a new photo is a change; nothing to compare with leaves it to the engine", async () => {
    // A photo is recognised by its first bytes: a JPEG's FF D8 FF.
    const jpeg = (text: string) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.from(text)]);
    writeFileSync(join(dir, "a.jpg"), jpeg("photo-a"));
    const handlers = contactHandlers(ctx);
    const outputs = storedContact({ photo: "a.jpg", photoSha256: sha256Hex(jpeg("photo-a")) });
    const oldInputs = canonicalContactInputs({ ...desired, photo: "a.jpg" }, false);
    const diffOf = async (news: ContactInputs) => {
      const { inputs } = await handlers.check(oldInputs, { __provider: "stub", ...news });
      return handlers.diff("c1", outputs, inputs as ContactInputs);
    };
    // The API's rendering of the contact means the same: no change, and adopt alone is none either.
    expect(await diffOf({ ...(projectContactFields(live, {}) as ContactInputs), photo: "a.jpg", adopt: true })).toEqual({ changes: false });
    expect(await diffOf({ ...desired, photo: "a.jpg", memo: "new" })).toEqual({ changes: true });
    writeFileSync(join(dir, "a.jpg"), jpeg("photo-b"));
    expect(await diffOf({ ...desired, photo: "a.jpg" })).toEqual({ changes: true });
    expect(await diffOf(desired)).toEqual({ changes: true });
    expect(await diffOf({ ...desired, photo: "a.jpg", contactTagIds: ["t1", UNKNOWN] })).toEqual({ changes: true });
    // No recorded old inputs, no loaded listing, outputs of today's shape: the engine's own input diff decides.
    expect(await handlers.diff("c9", storedContact({}), desired)).toEqual({});
    expect(await handlers.diff("c9", storedContact({}), { ...desired, forceDelete: true })).toEqual({ changes: true });
  });

  it("tags: rename updates, a new userId replaces, adopt alone changes nothing", async () => {
    const company = companyContactTagHandlers(ctx);
    const old = { contactTagId: "t1", contactTagName: "VIP", type: "COMPANY" as const };
    expect(await company.diff("t1", old, { contactTagName: "VIP", adopt: true })).toEqual({ changes: false });
    expect(await company.diff("t1", old, { contactTagName: "VIP2" })).toEqual({ changes: true });
    const user = userContactTagHandlers(ctx);
    const oldUser = { contactTagId: "t2", userId: "a@x", contactTagName: "F", type: "USER" as const };
    expect(await user.diff("t2", oldUser, { userId: "b@x", contactTagName: "F" })).toEqual({ changes: true, replaces: ["userId"] });
  });

  it("custom property: immutable change replaces delete-first and warns that values are lost", async () => {
    const handlers = contactCustomPropertyHandlers(ctx);
    const old = { customPropertyId: "p1", propertyName: "crm", displayName: "CRM", propertyType: "LINK" as const };
    expect(await handlers.diff("p1", old, { ...old, displayOrder: 2 })).toEqual({ changes: true });
    expect(warnings).toEqual([]);
    expect(await handlers.diff("p1", old, { ...old, propertyType: "STRING" })).toEqual({
      changes: true,
      replaces: ["propertyType"],
      deleteBeforeReplace: true,
    });
    expect(warnings[0]).toMatch(/values stored on contacts under "crm" will be lost/);
  });
});

describe("check", () => {
  const ctx = { baseDir: tmpdir() } as ProviderContext;

  it("names nested fields and ignores values not known yet", async () => {
    const handlers = contactHandlers(ctx);
    const result = await handlers.check({}, {
      __provider: "stub",
      ...desired,
      emails: [{ email: "x".repeat(300) + "@b.example" }],
      contactTagIds: [UNKNOWN],
      customProperties: UNKNOWN,
      photo: "does-not-exist.jpg",
    } as unknown as Record<string, unknown>);
    expect(result.failures).toEqual([
      { property: "emails[0].email", reason: "must be at most 256 characters" },
      { property: "photo", reason: expect.stringMatching(/^photo file not found: does-not-exist\.jpg$/) },
    ]);
    expect(result.inputs).not.toHaveProperty("__provider");
  });

  it("does not check again inputs the state holds unchanged; a change is checked whole, and the photo file always", async () => {
    const handlers = contactHandlers(ctx);
    // Stored by a run whose rules let a 300-character address through: a check today refuses it.
    const stored = { ...desired, emails: [{ email: "x".repeat(300) + "@b.example", primary: true }] };
    const olds = { __provider: "stub", ...canonicalContactInputs(stored, true) } as Record<string, unknown>;
    const unchanged = await handlers.check(olds, { __provider: "stub", ...stored } as unknown as Record<string, unknown>);
    expect(unchanged.failures).toEqual([]);
    expect(unchanged.inputs).toEqual(canonicalContactInputs(stored, true));
    // The same contact with one field changed is checked as a whole, the old address too.
    const changed = await handlers.check(olds, { ...stored, memo: "new" } as unknown as Record<string, unknown>);
    expect(changed.failures).toEqual([{ property: "emails[0].email", reason: "must be at most 256 characters" }]);
    // A photo that is gone is found even when nothing else changed.
    const withPhoto = { ...stored, photo: "gone.jpg" };
    const photoOlds = canonicalContactInputs(withPhoto, true) as Record<string, unknown>;
    expect((await handlers.check(photoOlds, withPhoto as unknown as Record<string, unknown>)).failures).toEqual([
      { property: "photo", reason: expect.stringMatching(/^photo file not found: gone\.jpg$/) },
    ]);
    // Tags and custom properties alike: unchanged inputs pass as they are, a change is checked.
    const tag = companyContactTagHandlers(ctx);
    const longName = { contactTagName: "T".repeat(500) };
    expect((await tag.check({ __provider: "stub", ...longName }, { __provider: "stub", ...longName })).failures).toEqual([]);
    expect((await tag.check({ __provider: "stub", contactTagName: "VIP" }, longName)).failures).toEqual([
      { property: "contactTagName", reason: expect.stringMatching(/at most/) },
    ]);
  });

  it("keeps issues under known values only", () => {
    const issues = [{ path: ["a", 0, "b"], message: "x" }, { path: ["c"], message: "y" }];
    expect(issuesAboutKnownValues({ a: UNKNOWN, c: 1 }, issues)).toEqual([{ path: ["c"], message: "y" }]);
    expect(issuesAboutKnownValues({ a: [UNKNOWN], c: UNKNOWN }, issues)).toEqual([]);
    expect(formatPath(["customProperties", "crm-link", 0, "link"])).toBe('customProperties["crm-link"][0].link');
  });
});

describe("slim contact state", () => {
  it("keeps compact canonical inputs and, as outputs, only the photo facts and forceDelete", () => {
    const checked = canonicalContactInputs({ ...desired, contactTagIds: ["t2", "t1"], memo: "", adopt: true, forceDelete: false }, false);
    expect(checked.contactTagIds).toEqual(["t1", "t2"]);
    // Compact: documented defaults left out (written or not), other values kept.
    expect(checked.permission).toEqual(desired.permission);
    expect(canonicalContactInputs({ ...desired, permission: { ...desired.permission!, isCoEditing: true } }, true).permission).toEqual(desired.permission);
    expect(canonicalContactInputs({ ...desired, permission: { ...desired.permission!, isCoEditing: false } }, true).permission).toEqual({ ...desired.permission, isCoEditing: false });
    expect(canonicalContactInputs(live as ContactInputs, true).events).toEqual(desired.events);
    // An empty secret field keeps its name, as null (so a value a refresh records there stays secret).
    expect(checked.memo).toBeNull();
    expect(canonicalContactInputs({ ...desired, customProperties: undefined }, true).customProperties).toBeNull();
    expect(checked).not.toHaveProperty("forceDelete");
    expect(checked.adopt).toBe(true);
    // Once the contact exists adopt is dropped; canonical forms are stable.
    expect(canonicalContactInputs(checked, true)).toEqual({ ...checked, adopt: undefined });
    expect(canonicalContactInputs({ ...checked, forceDelete: UNKNOWN as unknown as boolean }, true).forceDelete).toBe(UNKNOWN);
    expect(storedContact({ photo: "a.jpg", photoSha256: "ab", forceDelete: false })).toEqual({ photo: "a.jpg", photoSha256: "ab" });
  });

  it("read: records the live contact's canonical inputs, equal to the checked ones when nothing drifted", async () => {
    let current: Contact = { ...live, memo: "secret note" };
    const reader = (): ProviderContext => ({
      api: () => {
        throw new Error("read finds the contact in the listing");
      },
      cache: new LiveCache(() => ({ async *listContacts() { yield current; } }) as Pick<ContactApi, "listContacts"> as ContactApi),
      warn: () => {},
      baseDir: tmpdir(),
    });
    const outputs = storedContact({ forceDelete: true });
    const checked = canonicalContactInputs({ ...desired, memo: "secret note", forceDelete: true }, true);
    const handlers = contactHandlers(reader());
    const same = await handlers.read("c1", outputs);
    expect(same.props).toEqual(outputs);
    expect(same.inputs).toEqual(checked);
    // The refresh's diff (new outputs, old inputs) compares with the live contact read() saw.
    expect(await handlers.diff("c1", outputs, checked)).toEqual({ changes: false });
    current = { ...current, memo: "edited in the app" };
    const drifting = contactHandlers(reader());
    const drifted = await drifting.read("c1", outputs);
    expect(drifted.inputs).toMatchObject({ memo: "edited in the app", emails: checked.emails });
    expect(await drifting.diff("c1", outputs, checked)).toEqual({ changes: true });
  });

  it("reads a print string written for another field list as every field changed", () => {
    expect(changedFieldsFromPrints(storedPrints({ contactId: "c1", fingerprints: "a.b" }), { ...desired, memo: "secret note" })).toEqual([...CONTACT_FIELD_NAMES]);
  });
});

/**
 * States written by earlier versions, as the real `pulumi` CLI exported them after `pulumi up`
 * with that version's code (test/stories/upgrade/fixtures/NAME/stack-plain.json, secrets shown as the
 * engine hands them to the provider; capture-fixture.sh). Each contact's desired state is the
 * one that version's program passed (its inputs in the same state), TWITTER written X as today's
 * files must. Built by today's functions, these shapes would follow any drift in normalization.
 */
describe("old state shapes, as captured", () => {
  const fixtures = join(__dirname, "..", "..", "stories", "upgrade", "fixtures");
  const SECRET_SIG = "4dabf18193072939515e22adb298388d";
  const reveal = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(reveal);
    if (typeof value !== "object" || value === null) return value;
    const bag = value as Record<string, unknown>;
    if (SECRET_SIG in bag) return reveal(JSON.parse(bag.plaintext as string));
    return Object.fromEntries(Object.entries(bag).map(([k, v]) => [k, reveal(v)]));
  };
  const captured = (name: string) =>
    (reveal(JSON.parse(readFileSync(join(fixtures, name, "stack-plain.json"), "utf8"))) as any).deployment.resources
      .filter((r: any) => r.type.endsWith(":Contact"))
      .map((r: any) => {
        const { __provider: _p, ...inputs } = r.inputs;
        const messengers = inputs.messengers?.map((m: any) => (m.type === "TWITTER" ? { ...m, type: "X" } : m));
        return { key: String(r.urn).split("::").pop()!, id: r.id as string, olds: r.inputs, outputs: r.outputs, desired: { ...inputs, ...(messengers && { messengers }) } };
      });
  const handlersFor = (name: string) =>
    contactHandlers({
      api: () => {
        throw new Error("diff must not call the API");
      },
      cache: new LiveCache(() => {
        throw new Error("diff must not list");
      }),
      warn: () => {},
      baseDir: join(fixtures, name, "project"),
    } as ProviderContext);
  const checkedDiff = async (handlers: ReturnType<typeof contactHandlers>, contact: ReturnType<typeof captured>[number], olds: object, news: object) => {
    const { inputs, failures } = await handlers.check(olds as Record<string, unknown>, { __provider: "stub", ...news });
    expect(failures).toEqual([]);
    return handlers.diff(contact.id, contact.outputs, inputs as ContactInputs);
  };

  it.each(["v0.1.0", "object-prints", "string-prints", "secret-inputs"])(
    "%s: compared with the old inputs check() saw, only a real change is one",
    async (name) => {
      const contacts = captured(name);
      expect(contacts.map((c: any) => c.key).sort()).toEqual(["full", "phone-only", "plain"]);
      for (const contact of contacts) {
        const handlers = handlersFor(name);
        expect(await checkedDiff(handlers, contact, contact.olds, contact.desired), `${name} ${contact.key}`).toEqual({ changes: false });
        expect(await checkedDiff(handlers, contact, contact.olds, { ...contact.desired, memo: "changed" })).toEqual({ changes: true });
        const telephones = [{ type: "HOME", telephone: "03-0000-0000" }];
        expect(await checkedDiff(handlers, contact, contact.olds, { ...contact.desired, telephones })).toEqual({ changes: true });
      }
    },
  );

  it.each(["v0.1.0", "object-prints", "string-prints"])(
    "%s: with nothing recorded, compares with the values or prints the outputs kept",
    async (name) => {
      for (const contact of captured(name)) {
        const handlers = handlersFor(name);
        expect(recordsFields(contact.outputs)).toBe(true);
        expect(await checkedDiff(handlers, contact, {}, contact.desired), `${name} ${contact.key}`).toEqual({ changes: false });
        expect(await checkedDiff(handlers, contact, {}, { ...contact.desired, memo: "changed" })).toEqual({ changes: true });
        const emails = [{ email: "someone-else@acme.example", primary: true }];
        expect(await checkedDiff(handlers, contact, {}, { ...contact.desired, emails, telephones: [{ type: "WORK", telephone: "1234" }] })).toEqual({ changes: true });
      }
      const full = captured(name).find((c: any) => c.key === "full")!;
      const withoutCustom = { ...full.desired, customProperties: undefined };
      expect(await checkedDiff(handlersFor(name), full, {}, withoutCustom)).toEqual({ changes: true });
      expect(changedFieldsFromPrints(storedPrints(full.outputs), full.desired as ContactInputs)).toEqual([]);
    },
  );
});

describe("resource kit: the conflict path", () => {
  const kind = (existing: string[], converge = async (id: string) => id): NaturalKeyKind<{ name: string; adopt?: boolean }, string> => ({
    describe: (inputs) => `Tag "${inputs.name}"`,
    keyField: "name",
    idName: "tagId",
    idOf: (id) => id,
    findByKey: async () => existing,
    converge,
    apiRefusesDuplicates: true,
  });
  const duplicate = () =>
    new DuplicateNameError({ status: 400, code: "INVALID_PARAMETER", description: "dup", method: "POST", path: "/contact-tags", naturalKey: "name", existingId: "t-9" });

  it("on the API's duplicate-name answer, names the existing id, or adopts it with adopt: true", async () => {
    const fail = async (): Promise<string> => {
      throw duplicate();
    };
    await expect(createOrAdopt(kind(["t-1"]), { name: "VIP" }, fail)).rejects.toThrow(/Tag "VIP" already exists \(tagId t-1\).*adopt: true/);
    await expect(createOrAdopt(kind([]), { name: "VIP" }, fail)).rejects.toThrow(/\(tagId t-9\)/);
    expect(await createOrAdopt(kind(["t-1"]), { name: "VIP", adopt: true }, fail)).toEqual({ live: "t-1", adopted: true });
  });

  it("looks first when the API would accept a duplicate, and refuses to adopt one of several", async () => {
    const looking = { ...kind(["c-1"]), apiRefusesDuplicates: false };
    let created = 0;
    const create = async () => `new-${++created}`;
    await expect(createOrAdopt(looking, { name: "a@x" }, create)).rejects.toThrow(/\(tagId c-1\)/);
    await expect(createOrAdopt({ ...looking, findByKey: async () => ["c-1", "c-2"] }, { name: "a@x", adopt: true }, create)).rejects.toThrow(
      /2 objects match/,
    );
    expect(created).toBe(0);
    expect(await createOrAdopt({ ...looking, findByKey: async () => [] }, { name: "a@x" }, create)).toEqual({ live: "new-1", adopted: false });
  });
});
