/** Export keys from display names (issue 30 item 2): Japanese, emoji, collisions, length, order, owners, --split. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Contact } from "../../../provider/client/contact-api";
import { LineWorksApiError } from "../../../provider/client/errors";
import { formatProblem, loadDesiredState } from "../../../provider/desired-state";
import { toDesiredStateDocument, toDesiredStateFiles, type LiveDomain } from "../../../provider/export/export";
import { KeyMaker, slugOf } from "../../../provider/export/export-keys";
import { readOwnerEmails } from "../../../provider/export/export-owners";
import { filesConfigCommand } from "../../../provider/export/export-split";
import { isValidKey } from "../../../provider/loader/keys";
import { PNG } from "../../stories/ci-safety/photo-fixtures";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lwc-export-keys-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const keysOf = (names: string[], prefix = "tag") => {
  const maker = new KeyMaker();
  return names.map((name) => maker.make(name, prefix));
};

describe("keys from display names", () => {
  it("keep Japanese (kanji, kana, the long vowel mark) and turn what the pattern refuses into one -", () => {
    expect(keysOf(["協力会社", "重要顧客", "パートナー", "営業・技術 部", "株式会社ＡＢＣ（東京）"])).toEqual([
      "協力会社",
      "重要顧客",
      "パートナー",
      "営業-技術-部",
      "株式会社abc-東京",
    ]);
  });

  it("drop emoji; a name that leaves nothing gets a numbered fallback that skips taken keys", () => {
    expect(keysOf(["VIP 🌟", "Tag 1", "🌟🌟", "!!!", "🎉"])).toEqual(["vip", "tag-1", "tag-2", "tag-3", "tag-4"]);
  });

  it("number collisions -2, -3 in the order given (full-width, case and punctuation fold together)", () => {
    expect(keysOf(["VIP", "ＶＩＰ", "vip!", "vip-2"])).toEqual(["vip", "vip-2", "vip-3", "vip-2-2"]);
  });

  it("cut long names to 100 characters, suffix included, counting code points", () => {
    const [long, clash] = keysOf(["a".repeat(150), "a".repeat(120)]);
    expect(long).toBe("a".repeat(100));
    expect(clash).toBe(`${"a".repeat(98)}-2`);
    const [kanji] = keysOf(["𠮷".repeat(120)]);
    expect([...kanji!]).toHaveLength(100);
    expect(slugOf(`${"x".repeat(99)} y`)).toBe("x".repeat(99));
    for (const key of [long, clash, kanji]) expect(isValidKey(key!)).toBe(true);
  });
});

const tanaka = (id: string, createdTime: string, email: string): Contact => ({
  contactId: id,
  permission: { accessibleRange: "ALL", masterUserId: "u-0001", isCoEditing: true },
  contactName: { lastName: "田中", firstName: "太郎" },
  emails: [{ email, primary: true }],
  linkedExternalUser: null,
  createdTime,
});

const live: LiveDomain = {
  tags: [
    { contactTagId: "t2", contactTagName: "重要顧客", type: "COMPANY" },
    { contactTagId: "t1", contactTagName: "協力会社", type: "COMPANY" },
    { contactTagId: "t3", contactTagName: "要フォロー", type: "USER", userId: "u-0001" },
    { contactTagId: "t4", contactTagName: "⭐", type: "COMPANY" },
  ],
  customProperties: [
    { domainId: 1, customPropertyId: "p2", propertyName: "xl3g80pwr2lubath", displayName: "顧客ランク", propertyType: "STRING", multiValued: false, displayOrder: 2 },
    { domainId: 1, customPropertyId: "p1", propertyName: "crm_link", displayName: "CRM", propertyType: "LINK", multiValued: false, displayOrder: 1 },
  ],
  contacts: [
    { ...tanaka("c2", "2025-02-01T00:00:00+09:00", "taro2@example.com"), contactTagIds: ["t1", "t3"], customProperties: { xl3g80pwr2lubath: { content: "A" } } },
    tanaka("c1", "2025-01-01T00:00:00+09:00", "taro1@example.com"),
    { ...tanaka("c3", "2025-03-01T00:00:00+09:00", "hello@example.com"), contactName: { lastName: "🙂" } },
  ],
  owners: { emails: new Map([["u-0001", "sales@example.com"]]), notes: [] },
};

const shuffled: LiveDomain = { ...live, tags: [...live.tags].reverse(), customProperties: [...live.customProperties].reverse(), contacts: [...live.contacts].reverse() };

describe("an exported document", () => {
  const exported = toDesiredStateDocument(live);

  it("is the same bytes whatever order the API listed the objects in", () => {
    expect(toDesiredStateDocument(shuffled).text).toBe(exported.text);
  });

  it("keys tags, the console's field, owners' tags and contacts by name; the earlier contact keeps the plain key", () => {
    fs.writeFileSync(path.join(dir, "one.yaml"), exported.text);
    const loaded = loadDesiredState(["one.yaml"], {}, { baseDir: dir });
    if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join("\n"));
    const { state } = loaded;
    expect(Object.keys(state.tags)).toEqual(["tag-1", "協力会社", "重要顧客"]); // by name: ⭐ (U+2B50) first
    expect(state.userTags["sales-要フォロー"]).toMatchObject({ userId: "sales@example.com", contactTagName: "要フォロー" });
    expect(Object.keys(state.customProperties)).toEqual(["crm", "顧客ランク"]);
    expect(state.customProperties["顧客ランク"]).toMatchObject({ propertyName: "xl3g80pwr2lubath" });
    expect(Object.keys(state.contacts)).toEqual(["田中-太郎", "田中-太郎-2", "hello"]);
    const second = state.contacts["田中-太郎-2"]!;
    expect(second.fields.emails).toEqual([{ email: "taro2@example.com", primary: true }]);
    expect(second.tags).toEqual(["協力会社", "sales-要フォロー"]);
    expect(second.customProperties).toEqual({ 顧客ランク: { content: "A" } });
    expect((second.fields.permission as { masterUserId: string }).masterUserId).toBe("sales@example.com");
    expect(exported.notes.join("\n")).toMatch(/permission\.masterUserId of 3 contacts as login emails/);
    expect(exported.text).not.toMatch(/masterUserId: u-0001|userId: u-0001/);
  });

  it("--split: one file per section in the files' order, loading to the same state as the single document", () => {
    const split = toDesiredStateFiles(shuffled);
    expect(split.files.map((file) => file.name)).toEqual(["tags.yaml", "user-tags.yaml", "custom-properties.yaml", "contacts.yaml"]);
    for (const file of split.files) fs.writeFileSync(path.join(dir, file.name), file.text);
    const loaded = loadDesiredState(split.files.map((file) => file.name), {}, { baseDir: dir });
    const single = loadDesiredState(["one.yaml"], {}, { baseDir: dir });
    if (!loaded.ok || !single.ok) throw new Error("invalid");
    expect(loaded.state).toEqual(single.state);
    expect(split.files.find((file) => file.name === "contacts.yaml")!.text).toContain("# contactId: c1\n  田中-太郎:");
    const withPhoto = toDesiredStateFiles({ ...live, photos: new Map([["c1", PNG]]) }, { photoDir: "photos" });
    expect([...withPhoto.photoFiles.keys()]).toEqual(["photos/田中-太郎.png"]);
    expect(withPhoto.files.find((file) => file.name === "contacts.yaml")!.text).toContain("photo: photos/田中-太郎.png");
    const noUsers = toDesiredStateFiles({ ...live, tags: live.tags.filter((tag) => tag.type === "COMPANY") });
    expect(noUsers.files.map((file) => file.name)).toEqual(["tags.yaml", "custom-properties.yaml", "contacts.yaml"]);
  });

  it("the config line lists the files as a JSON list, quoted for the shell", () => {
    expect(filesConfigCommand(["current/tags.yaml", "it's/contacts.yaml"])).toBe(
      `pulumi config set lineworks-contacts:files '["current/tags.yaml","it'\\''s/contacts.yaml"]'`,
    );
  });
});

describe("owners' login emails", () => {
  const refusal = new LineWorksApiError({ status: 403, code: "FORBIDDEN", description: "scope", method: "GET", path: "/users/x" });

  it("are read once per member named by id; emails are not looked up; an unknown member keeps its id, with a note", async () => {
    const asked: string[] = [];
    const api = { memberEmail: async (id: string) => (asked.push(id), id === "u-1" ? "one@example.com" : undefined) };
    const owners = await readOwnerEmails(api, ["u-1", "a@example.com", "u-1", "u-gone", ""]);
    expect(asked).toEqual(["u-1", "u-gone"]);
    expect([...owners.emails]).toEqual([["u-1", "one@example.com"]]);
    expect(owners.notes.join("\n")).toMatch(/^1 owners are written as the API returned them: the directory knows no member/);
  });

  it("fall back to the ids when the app may not read users, saying how to get emails", async () => {
    const owners = await readOwnerEmails({ memberEmail: async () => Promise.reject(refusal) }, ["u-1", "u-2"]);
    expect(owners.emails.size).toBe(0);
    expect(owners.notes).toEqual([expect.stringMatching(/^2 owners .* user ids rather than login emails: .*Grant it the scope user\.read/)]);
  });

  it("let any other failure through", async () => {
    const down = new LineWorksApiError({ status: 500, code: "INTERNAL", description: "x", method: "GET", path: "/users/x" });
    await expect(readOwnerEmails({ memberEmail: async () => Promise.reject(down) }, ["u-1"])).rejects.toBe(down);
  });
});
