/**
 * Issue 30 item 1: `lineworks-contacts emulator --import FILE... --var NAME=VALUE` stages a domain
 * from desired-state files, as if people had made it in the app and the admin console: the
 * emulator process's state holds the tags, the user tag, a console-made field (random
 * propertyName), ten contacts with Japanese names, their tags, custom values, memo and photo,
 * with every reference right, and no request in its log. With --data, only a new data file is
 * imported into. A bad file or a non-member fails with the way out, and nothing starts.
 */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI_PATH, REPO_ROOT, emulatorDomain, startEmulatorProcess, type EmulatorProcess } from "../support/emulator-process";

const DOMAIN = 10000001;
const PHOTO = fs.readFileSync(path.join(REPO_ROOT, "examples", "basic", "photos", "tanaka-taro.png"));
const PEOPLE: Array<[string, string, string]> = [
  ["tanaka", "田中", "太郎"],
  ["suzuki", "鈴木", "花子"],
  ["sato", "佐藤", "健二"],
  ["watanabe", "渡辺", "結衣"],
  ["ito", "伊藤", "誠"],
  ["kobayashi", "小林", "芽衣"],
  ["yamamoto", "山本", "健"],
  ["nakamura", "中村", "葵"],
  ["kato", "加藤", "陽子"],
  ["yoshida", "吉田", "翔"],
];

const COMPANY = `version: 1
tags:
  partner: { contactTagName: 協力会社 }
  key-account: { contactTagName: 重要顧客 }
userTags:
  followup: { userId: "\${vars.owner}", contactTagName: 要フォロー }
customProperties:
  region:
    propertyName: console_region
    displayName: 地域
    propertyType: STRING
  crm:
    propertyName: crm_link
    displayName: CRM
    propertyType: LINK
`;

const CONTACTS = [
  "version: 1",
  "contacts:",
  ...PEOPLE.flatMap(([key, last, first], index) => [
    `  ${key}:`,
    "    permission: { masterUserId: admin@example.com, accessibleRange: ALL }",
    `    contactName: { lastName: ${last}, firstName: ${first} }`,
    `    emails: [{ email: ${key}@example.jp, primary: true }]`,
    `    tags: [${index % 2 === 0 ? "partner, followup" : "key-account"}]`,
    "    customProperties:",
    `      region: { content: 関西${index} }`,
    `      crm: { text: ${last}, link: "https://crm.example/${index}" }`,
    ...(index === 0 ? ["    memo: 大事なお客様", "    photo: taro.png"] : []),
  ]),
  "",
].join("\n");

describe("emulator --import", () => {
  let dir: string;
  let dataFile: string;
  let emulator: EmulatorProcess | undefined;
  const file = (name: string) => path.join(dir, name);

  beforeAll(() => {
    dir = path.join(REPO_ROOT, "test", ".tmp", `emulator-import-${randomBytes(4).toString("hex")}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(file("company.yaml"), COMPANY);
    fs.writeFileSync(file("contacts.yaml"), CONTACTS);
    fs.writeFileSync(file("taro.png"), PHOTO);
    fs.writeFileSync(file("other.yaml"), "version: 1\ntags:\n  other: { contactTagName: 別のタグ }\n");
    dataFile = file("staged.emulator.json");
  });
  afterAll(async () => {
    await emulator?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const importArgs = (...names: string[]) => ["--import", ...names.map(file), "--var", "owner=sales@example.com"];

  it("stages tags, a user tag, a console-made field and ten contacts with every reference, and no request", async () => {
    emulator = await startEmulatorProcess({ dataFile, extraArgs: importArgs("company.yaml", "contacts.yaml") });
    const domain = await emulatorDomain(emulator, DOMAIN);
    const sales = domain.members.find((member: { email: string }) => member.email === "sales@example.com");
    const tagName = new Map<string, string>(domain.contactTags.map((tag: any) => [tag.contactTagId, tag.contactTagName]));
    expect(domain.contactTags.map((tag: any) => [tag.contactTagName, tag.type, tag.userId ?? null])).toEqual([
      ["協力会社", "COMPANY", null],
      ["重要顧客", "COMPANY", null],
      ["要フォロー", "USER", sales.userId],
    ]);

    const [region, crm] = domain.customProperties;
    expect(region).toMatchObject({ displayName: "地域", propertyType: "STRING", displayOrder: 1 });
    expect(region.propertyName).toMatch(/^[a-z][a-z0-9]{15}$/);
    expect(crm).toMatchObject({ displayName: "CRM", propertyName: "crm_link", propertyType: "LINK", displayOrder: 2 });

    expect(domain.contacts).toHaveLength(10);
    domain.contacts.forEach((contact: any, index: number) => {
      const [key, last, first] = PEOPLE[index]!;
      expect(contact.contactName).toEqual({ lastName: last, firstName: first });
      expect(contact.emails).toEqual([{ email: `${key}@example.jp`, primary: true }]);
      expect(contact.contactTagIds.map((id: string) => tagName.get(id))).toEqual(index % 2 === 0 ? ["協力会社", "要フォロー"] : ["重要顧客"]);
      expect(contact.customProperties).toEqual({
        [region.propertyName]: { content: `関西${index}` },
        crm_link: { text: last, link: `https://crm.example/${index}` },
      });
    });
    const tanaka = domain.contacts[0];
    expect(tanaka.memo).toBe("大事なお客様");
    expect(domain.photos).toEqual([{ contactId: tanaka.contactId, fileName: "taro.png", contentType: "image/png", size: PHOTO.length }]);
    const photo = await fetch(`${emulator.url}/_emulator/photos/${DOMAIN}/${tanaka.contactId}`);
    expect(Buffer.from(await photo.arrayBuffer()).equals(PHOTO)).toBe(true);

    const log = await (await fetch(`${emulator.url}/_emulator/requests?include=token,app`)).json();
    expect(log).toEqual([]);
  });

  it("with --data, imports only into a new data file: a second start says it skipped and keeps the domain", async () => {
    const before = await emulatorDomain(emulator!, DOMAIN);
    expect(await emulator!.stop()).toBe(0);
    emulator = await startEmulatorProcess({ dataFile, extraArgs: importArgs("other.yaml") });
    expect(emulator.stderr()).toContain(
      `emulator: --import skipped: the data file ${dataFile} already holds a domain, kept as it is; to stage the files, start with a new --data FILE or without --data`,
    );
    const after = await emulatorDomain(emulator, DOMAIN);
    expect(after.contactTags).toEqual(before.contactTags);
    expect(after.customProperties).toEqual(before.customProperties);
    expect(after.contacts).toEqual(before.contacts);
    expect(after.photos).toEqual(before.photos);
  });

  it("a bad file fails at FILE:LINE:COL, exits non-zero and starts nothing", () => {
    fs.writeFileSync(
      file("bad.yaml"),
      [
        "version: 1",
        "contacts:",
        "  yamada:",
        "    permission: { masterUserId: admin@example.com, accessibleRange: ALL }",
        "    contactName: { lastName: 山田 }",
        "    emails: [{ email: yamada@example.jp }]",
        "    tags: [no-such-tag]",
        "",
      ].join("\n"),
    );
    const fresh = file("bad.emulator.json");
    const result = spawnSync(process.execPath, [CLI_PATH, "emulator", "--port", "0", "--data", fresh, ...importArgs("bad.yaml")], {
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(new RegExp(`^${file("bad.yaml").replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:7:\\d+: .*no-such-tag`, "m"));
    expect(result.stderr).toContain("emulator: not started: fix the problem above in the --import files and start again");
    expect(fs.existsSync(fresh)).toBe(false);
  });

  it("an owner who is not a member fails naming the entry and the way out, and writes no data file", () => {
    fs.writeFileSync(file("stranger.yaml"), 'version: 1\nuserTags:\n  followup: { userId: "${vars.owner}", contactTagName: 要フォロー }\n');
    const fresh = file("stranger.emulator.json");
    const result = spawnSync(
      process.execPath,
      [CLI_PATH, "emulator", "--port", "0", "--data", fresh, "--import", file("stranger.yaml"), "--var", "owner=nobody@example.com"],
      { encoding: "utf8", timeout: 30_000 },
    );
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("--import: cannot stage userTags.followup (要フォロー): user nobody@example.com is not a member of the domain;");
    expect(result.stderr).toContain("or add the member with --seed FILE");
    expect(fs.existsSync(fresh)).toBe(false);
  });
});
