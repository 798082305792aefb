/**
 * Issue 28 item 3, the pure part: what the delete guard counts from a stack's export and the
 * files (removed entries, retainOnDelete and protect, replacements, a property's values, secret
 * values counted as "at most"), its refusal text, maxDeletes values, and look-alike warnings.
 * The e2e test (delete-guard.e2e.test.ts) runs the same through `pulumi preview`.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { heldEntriesFromExport } from "../../../provider/stack/stack-ids";
import { loadDesiredState, type DesiredState } from "../../../provider/desired-state";
import { countDeletes, deleteGuardRefusal, parseMaxDeletes } from "../../../provider/program/delete-guard";
import { lookAlikeWarnings } from "../../../provider/program/look-alikes";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lwc-guard-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let counter = 0;
function desired(text: string): DesiredState {
  const name = `g${++counter}.yaml`;
  fs.writeFileSync(path.join(dir, name), `version: 1\n${text}`);
  const result = loadDesiredState([name], {}, { baseDir: dir, checkPhotoFiles: false });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.state;
}

const TYPES = { tags: "CompanyContactTag", userTags: "UserContactTag", customProperties: "ContactCustomProperty", contacts: "Contact" };
const SECRET = { "4dabf18193072939515e22adb23310ec": "1b47061264138c4ac30d75fd1eb44270", ciphertext: "v1:abc" };

function resource(kind: keyof typeof TYPES, key: string, inputs: Record<string, unknown>, options: Record<string, unknown> = {}) {
  const type = `pulumi-nodejs:dynamic/lineworks:${TYPES[kind]}`;
  return { urn: `urn:pulumi:dev::p::lineworks-contacts:index:LineWorksContacts$${type}::${key}`, type, id: `id-${key}`, inputs, outputs: {}, ...options };
}

const contactInputs = (last: string, email: string, extra: Record<string, unknown> = {}) => ({
  permission: { masterUserId: "admin@example.com", accessibleRange: "ALL" },
  contactName: { lastName: last, firstName: "Taro" },
  emails: [{ email, primary: true }],
  ...extra,
});
const contactYaml = (key: string, last: string, email: string, extra = "") =>
  `  ${key}:\n    permission: { masterUserId: admin@example.com, accessibleRange: ALL }\n    contactName: { lastName: ${last}, firstName: Taro }\n    emails: [{ email: ${email}, primary: true }]\n${extra}`;
const held = (...resources: unknown[]) => heldEntriesFromExport({ deployment: { resources } });
const crm = { propertyName: "crm_link", displayName: "CRM link", propertyType: "LINK" };

describe("counting a run's deletes", () => {
  it("counts removed entries, not retainOnDelete ones; protected ones apart", () => {
    const before = held(
      resource("tags", "vip", { contactTagName: "VIP" }),
      resource("tags", "press", { contactTagName: "Press" }, { retainOnDelete: true }),
      resource("tags", "partner", { contactTagName: "Partner" }, { protect: true }),
      resource("contacts", "taro", contactInputs("Tanaka", "taro@example.com")),
      resource("contacts", "hana", contactInputs("Sato", "hana@example.com")),
    );
    const counted = countDeletes(desired(`contacts:\n${contactYaml("taro", "Tanaka", "taro@example.com")}`), before);
    expect(counted.count).toBe(2);
    expect(counted.deletes.map((item) => `${item.kind}.${item.key} ${item.label}`)).toEqual(["tags.vip VIP", "contacts.hana Sato Taro"]);
    expect(counted.protectedEntries.map((item) => item.key)).toEqual(["partner"]);
  });

  it("a previous key keeps the entry: nothing is deleted", () => {
    const before = held(resource("contacts", "taro", contactInputs("Tanaka", "taro@example.com")));
    const state = desired(`contacts:\n${contactYaml("tanaka-taro", "Tanaka", "new@example.com", "    previousKeys: [taro]\n")}`);
    expect(countDeletes(state, before).count).toBe(0);
  });

  it("a property counts once and once per contact carrying a value for it, not contacts deleted anyway", () => {
    const before = held(
      resource("customProperties", "crm", crm),
      resource("contacts", "a", contactInputs("A", "a@example.com", { customProperties: { crm_link: { text: "x", link: "https://x" } } })),
      resource("contacts", "b", contactInputs("B", "b@example.com", { customProperties: { crm_link: { text: "y", link: "https://y" } } })),
      resource("contacts", "c", contactInputs("C", "c@example.com", { customProperties: { other: "z" } })),
      resource("contacts", "d", contactInputs("D", "d@example.com", { customProperties: { crm_link: { text: "w", link: "https://w" } } })),
    );
    const state = desired(`contacts:\n${contactYaml("a", "A", "a@example.com")}${contactYaml("b", "B", "b@example.com")}${contactYaml("c", "C", "c@example.com")}`);
    const counted = countDeletes(state, before);
    // crm + its values on a and b (d is deleted itself) + d.
    expect(counted.count).toBe(4);
    expect(counted.atMost).toBe(false);
    expect(counted.deletes.find((item) => item.key === "crm")?.values).toEqual(["a", "b"]);
  });

  it("a contact whose custom values are secret in the state is counted, and the count says at most", () => {
    const before = held(
      resource("customProperties", "crm", crm),
      resource("contacts", "a", contactInputs("A", "a@example.com", { customProperties: SECRET })),
      resource("contacts", "b", contactInputs("B", "b@example.com")),
    );
    const state = desired(`contacts:\n${contactYaml("a", "A", "a@example.com")}${contactYaml("b", "B", "b@example.com")}`);
    const counted = countDeletes(state, before);
    expect(counted.count).toBe(2);
    expect(counted.atMost).toBe(true);
    expect(deleteGuardRefusal(counted, 1, "Pulumi.dev.yaml")).toMatch(/^This run would delete at most 2 objects/);
  });

  it("replacements that delete: a property's propertyType, a user tag's userId; a displayName change is an update", () => {
    const before = held(
      resource("customProperties", "crm", crm),
      resource("customProperties", "note", { propertyName: "note", displayName: "Note", propertyType: "STRING" }),
      resource("userTags", "mine", { userId: "a@example.com", contactTagName: "Mine" }),
      resource("contacts", "a", contactInputs("A", "a@example.com", { customProperties: { crm_link: { text: "x", link: "https://x" } } })),
    );
    const state = desired(
      `customProperties:\n  crm: { propertyName: crm_link, displayName: CRM link, propertyType: STRING }\n  note: { propertyName: note, displayName: Notes, propertyType: STRING }\n` +
        `userTags:\n  mine: { userId: b@example.com, contactTagName: Mine }\ncontacts:\n${contactYaml("a", "A", "a@example.com")}`,
    );
    const counted = countDeletes(state, before);
    expect(counted.deletes.map((item) => [item.key, item.replacedBy])).toEqual([
      ["mine", ["userId"]],
      ["crm", ["propertyType"]],
    ]);
    expect(counted.count).toBe(3);
  });
});

describe("the refusal and maxDeletes", () => {
  const before = held(...Array.from({ length: 11 }, (_, i) => resource("contacts", `c${i}`, contactInputs(`Name${i}`, `c${i}@example.com`))));
  const counted = countDeletes(desired("contacts: {}\n"), before);

  it("over the limit: the count, the limit, each entry by key and name, the way out; never an id", () => {
    const refusal = deleteGuardRefusal(counted, 10, "Pulumi.dev.yaml")!;
    expect(refusal).toMatch(/^This run would delete 11 objects, more than lineworks-contacts:maxDeletes allows \(10\)/);
    expect(refusal).toContain("contacts.c3 (Name3 Taro)");
    expect(refusal).toContain("pulumi config set lineworks-contacts:maxDeletes 11 (it is written to Pulumi.dev.yaml)");
    expect(refusal).not.toContain("id-c3");
  });

  it("at or under the limit: no refusal", () => {
    expect(deleteGuardRefusal(counted, 11, "Pulumi.dev.yaml")).toBeUndefined();
  });

  it("maxDeletes: default 10, a whole number, else an error naming the key", () => {
    expect(parseMaxDeletes(undefined)).toBe(10);
    expect(parseMaxDeletes("0")).toBe(0);
    expect(parseMaxDeletes("20")).toBe(20);
    for (const bad of ["-1", "2.5", "ten"]) expect(() => parseMaxDeletes(bad)).toThrow(/^lineworks-contacts:maxDeletes must be a whole number/);
  });
});

describe("look-alikes", () => {
  it("a contact whose key and email change together, same display name: names both keys and previousKeys", () => {
    const before = held(resource("contacts", "taro", contactInputs("Tanaka", "taro@example.com")));
    const warnings = lookAlikeWarnings(desired(`contacts:\n${contactYaml("tanaka-taro", "Tanaka", "new@example.com")}`), before);
    expect(warnings).toEqual([expect.stringMatching(/^contacts\.tanaka-taro has the same display name "Tanaka Taro" as contacts\.taro, which this edit removes.*previousKeys: \[taro\] on contacts\.tanaka-taro/)]);
  });

  it("the same telephone, written otherwise, is a look-alike; another name and phone is not", () => {
    const phones = (phone: string) => ({ telephones: [{ type: "CELLPHONE", telephone: phone, primary: true }] });
    const before = held(resource("contacts", "taro", contactInputs("Tanaka", "taro@example.com", phones("090-1111-2222"))));
    const state = (phone: string) => desired(`contacts:\n${contactYaml("x", "Other", "x@example.com", `    telephones: [{ type: CELLPHONE, telephone: "${phone}", primary: true }]\n`)}`);
    expect(lookAlikeWarnings(state("09011112222"), before)).toEqual([expect.stringContaining("the same telephone 09011112222 as contacts.taro")]);
    expect(lookAlikeWarnings(state("090-9999-0000"), before)).toEqual([]);
  });

  it("a tag re-keyed and renamed in one edit is a look-alike when the same contacts carry it (soak seed 649009748)", () => {
    const before = held(
      resource("tags", "press", { contactTagName: "Press" }),
      resource("tags", "vip", { contactTagName: "VIP" }),
      resource("contacts", "taro", contactInputs("Tanaka", "taro@example.com", { contactTagIds: ["id-press"] })),
      resource("contacts", "hana", contactInputs("Sato", "hana@example.com", { contactTagIds: ["id-vip"] })),
    );
    const files = (carriedBy: string) =>
      desired(
        `tags:\n  press-r2: { contactTagName: Media }\n  vip: { contactTagName: VIP }\ncontacts:\n` +
          contactYaml("taro", "Tanaka", "taro@example.com", `    tags: [${carriedBy === "taro" ? "press-r2" : "vip"}]\n`) +
          contactYaml("hana", "Sato", "hana@example.com", `    tags: [${carriedBy === "hana" ? "press-r2, vip" : "vip"}]\n`),
      );
    expect(lookAlikeWarnings(files("taro"), before)).toEqual([
      expect.stringMatching(/^tags\.press-r2 has the same contacts \(taro\) as tags\.press, which this edit removes.*previousKeys: \[press\] on tags\.press-r2/),
    ]);
    // Other contacts carry the new tag: nothing pairs it with the removed one.
    expect(lookAlikeWarnings(files("hana"), before)).toEqual([]);
  });

  it("nothing when the entry keeps its key, or names the old one in previousKeys", () => {
    const before = held(resource("contacts", "taro", contactInputs("Tanaka", "taro@example.com")));
    expect(lookAlikeWarnings(desired(`contacts:\n${contactYaml("taro", "Tanaka", "new@example.com")}`), before)).toEqual([]);
    expect(lookAlikeWarnings(desired(`contacts:\n${contactYaml("t2", "Tanaka", "new@example.com", "    previousKeys: [taro]\n")}`), before)).toEqual([]);
  });
});
