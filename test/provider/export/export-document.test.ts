import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Contact } from "../../../provider/client/contact-api";
import { formatProblem, loadDesiredState } from "../../../provider/desired-state";
import { toDesiredStateDocument, type LiveDomain } from "../../../provider/export/export";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lwc-export-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const contact = (id: string, fields: Partial<Contact>): Contact => ({
  contactId: id,
  permission: { accessibleRange: "ALL", masterUserId: "admin@example.com", isCoEditing: true },
  contactName: { lastName: "Tanaka" },
  linkedExternalUser: null,
  createdTime: "2024-01-01T00:00:00+09:00",
  ...fields,
});

const live: LiveDomain = {
  tags: [
    { contactTagId: "ctag0001-a", contactTagName: "VIP", type: "COMPANY" },
    { contactTagId: "ctag0002-b", contactTagName: "取引先", type: "COMPANY" },
    { contactTagId: "ctag0003-c", contactTagName: "vip!", type: "COMPANY" },
    { contactTagId: "ctag0004-d", contactTagName: "Follow up", type: "USER", userId: "sales@example.com" },
  ],
  customProperties: [
    { domainId: 1, customPropertyId: "p1", propertyName: "crm_link", displayName: "CRM", propertyType: "LINK", multiValued: false, displayOrder: 1 },
  ],
  contacts: [
    contact("c1", {
      contactName: { lastName: "Tanaka", firstName: "Taro" },
      emails: [{ email: "taro@example.com", primary: true, verifiedBy: "server" }],
      telephones: [],
      memo: "costs ${vars.price} yen",
      contactTagIds: ["ctag0001-a", "ctag0002-b", "ctag0004-d"],
      customProperties: { crm_link: { text: "CRM", link: "https://crm.example/1" } },
      unmodelled: { x: 1 },
    }),
    contact("c2", { contactName: { lastName: "田中" }, emails: [{ email: "tanaka2@example.com" }] }),
    contact("c3", { telephones: [{ type: "CELLPHONE", telephone: "090-0000-0000" }] }),
    contact("c4", { emails: [{ email: "same@example.com" }] }),
    contact("c5", { emails: [{ email: "SAME@example.com" }] }),
    contact("c6", { emails: [{ email: "line@example.com" }], linkedExternalUser: { id: "u", type: "LINE" } }),
  ],
};

describe("export document", () => {
  const exported = toDesiredStateDocument(live);
  fs.writeFileSync(path.join(dir, "exported.yaml"), exported.text);
  const loaded = loadDesiredState(["exported.yaml"], {}, { baseDir: dir });

  it("is a valid desired state with the live values, keyed by readable unique keys", () => {
    if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join("\n"));
    const { state } = loaded;
    expect(Object.keys(state.tags).sort()).toEqual(["vip", "vip-2", "取引先"]);
    expect(state.userTags["sales-follow-up"]).toMatchObject({ userId: "sales@example.com", contactTagName: "Follow up", adopt: true });
    expect(state.customProperties.crm).toMatchObject({ propertyName: "crm_link", adopt: true });
    const taro = state.contacts["tanaka-taro"]!;
    expect(taro.tags).toEqual(["vip", "取引先", "sales-follow-up"]);
    expect(taro.customProperties).toEqual({ crm: { text: "CRM", link: "https://crm.example/1" } });
    expect(taro.fields.memo).toBe("costs ${vars.price} yen");
    expect(taro.fields.emails).toEqual([{ email: "taro@example.com", primary: true }]);
    expect(taro.fields).not.toHaveProperty("telephones");
    expect(state.contacts["田中"]).toBeDefined();
  });

  it("leaves out what adopt could not find or the API could not create, and says so", () => {
    if (!loaded.ok) throw new Error("invalid");
    expect(Object.keys(loaded.state.contacts).sort()).toEqual(["tanaka-taro", "田中"]);
    expect(exported.notes.join("\n")).toMatch(/1 external message contacts/);
    expect(exported.notes.join("\n")).toMatch(/1 contacts without an email.*c3/);
    expect(exported.notes.join("\n")).toMatch(/2 contacts whose primary email is not unique: c4, c5/);
    expect(exported.notes.join("\n")).toMatch(/tanaka-taro: dropped fields the format does not model: emails\[0\]\.verifiedBy, unmodelled/);
  });

  it("names every object's id in a comment", () => {
    expect(exported.text).toContain("# contactTagId: ctag0002-b\n  取引先:");
    expect(exported.text).toContain("# contactId: c1\n  tanaka-taro:");
    expect(exported.text).toContain("# customPropertyId: p1\n  crm:");
  });
});
