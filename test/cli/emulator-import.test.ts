/**
 * `emulator --import` (issue 30 item 1): the pure conversion of loaded desired-state files into
 * the plain objects the emulator stages (cli/commands/emulator-import.ts). The staging itself,
 * through the emulator process, is in test/emulator/import.e2e.test.ts.
 */
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeStaged, loadImport, stagedDomainOf } from "../../cli/commands/emulator-import";
import { loadDesiredStateOrThrow } from "../../provider/loader/load";
import { repoRoot } from "../support/repo-root";

const YAML = `version: 1
tags:
  partner: { contactTagName: 協力会社 }
  vip: { contactTagName: 重要顧客 }
userTags:
  followup: { userId: "\${vars.sales}", contactTagName: 要フォロー }
customProperties:
  region:
    propertyName: console_region
    displayName: 地域
    propertyType: STRING
  crm:
    propertyName: crm_link
    displayName: CRM
    propertyType: LINK
    displayOrder: 1
contacts:
  tanaka:
    permission: { masterUserId: admin@example.com, accessibleRange: ALL }
    contactName: { lastName: 田中, firstName: 太郎 }
    emails: [{ email: taro@acme.example }]
    memo: 大事なお客様
    tags: [vip, followup]
    customProperties:
      region: { content: 関西 }
      crm: { text: ACME, link: "https://crm.example/1" }
    photo: taro.png
`;

describe("emulator --import: desired state to staged objects", () => {
  let dir: string;
  let file: string;
  beforeAll(() => {
    dir = path.join(repoRoot, "test", ".tmp", `emulator-import-${randomBytes(4).toString("hex")}`);
    fs.mkdirSync(dir, { recursive: true });
    file = path.join(dir, "domain.yaml");
    fs.writeFileSync(file, YAML);
    fs.writeFileSync(path.join(dir, "taro.png"), fs.readFileSync(path.join(repoRoot, "examples", "basic", "photos", "tanaka-taro.png")));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const staged = () => {
    const read: string[] = [];
    const state = loadDesiredStateOrThrow([file], { sales: "sales@example.com" });
    return { read, staged: stagedDomainOf(state, (photo) => (read.push(photo), Buffer.from(`bytes of ${path.basename(photo)}`))) };
  };

  it("keeps tags by key, and a user tag's owner as the vars made it", () => {
    const { staged: domain } = staged();
    expect(domain.companyTags).toEqual([
      { key: "partner", contactTagName: "協力会社" },
      { key: "vip", contactTagName: "重要顧客" },
    ]);
    expect(domain.userTags).toEqual([{ key: "followup", owner: "sales@example.com", contactTagName: "要フォロー" }]);
  });

  it("leaves out a console_ propertyName (the console's random name) and keeps any other as written", () => {
    const { staged: domain } = staged();
    const [region, crm] = domain.customProperties;
    expect(region).toEqual({ key: "region", displayName: "地域", propertyType: "STRING", multiValued: false });
    expect(region).not.toHaveProperty("propertyName");
    expect(crm).toMatchObject({ key: "crm", propertyName: "crm_link", displayOrder: 1 });
  });

  it("makes a contact's POST body in the provider's canonical form, with tags, values and photo apart by key", () => {
    const { staged: domain, read } = staged();
    const [contact] = domain.contacts;
    expect(contact!.body).toEqual({
      permission: { masterUserId: "admin@example.com", accessibleRange: "ALL", isCoEditing: true },
      contactName: { lastName: "田中", firstName: "太郎" },
      emails: [{ email: "taro@acme.example", primary: false }],
      memo: "大事なお客様",
    });
    expect(contact!.tags).toEqual(["vip", "followup"]);
    expect(contact!.customValues).toEqual({ region: { content: "関西" }, crm: { text: "ACME", link: "https://crm.example/1" } });
    expect(read).toEqual([path.join(dir, "taro.png")]);
    expect(contact!.photo).toEqual({ fileName: "taro.png", bytes: Buffer.from("bytes of taro.png") });
  });

  it("says what was staged in one line", () => {
    expect(describeStaged(staged().staged, ["domain.yaml"])).toBe(
      "imported domain.yaml as made in the app and admin console (no API call): 2 tags, 1 user tag, 2 custom properties " +
        "(1 with a random propertyName, as the console names a field left empty), 1 contact, 1 photo",
    );
  });

  it("needs a value for every variable, as validate --var does, at FILE:LINE:COL", () => {
    const relative = path.relative(process.cwd(), file);
    const result = loadImport([relative], {}, () => undefined);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.problems).toEqual([`${relative}:6:24: undefined variable \${vars.sales}: give --var sales=VALUE`]);
  });
});
