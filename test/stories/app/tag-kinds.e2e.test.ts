/**
 * The app's side, through the real `pulumi` CLI and the CLI against the emulator process:
 *  - tag names are unique within their kind only (lineworks-api.md "Outside the API"): a company
 *    tag and a member's user tag named alike are never taken for each other by validate,
 *    adoption, audit, `pulumi up --refresh` or export;
 *  - a contact the files deleted and someone restored from the trash is reported by audit as a
 *    live contact no file describes, and is not taken back into the stack silently.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectStatus } from "./app-edits";
import { sortedDifferences, startAppStack, type AppStack } from "./e2e-app";
import { expectOk } from "../../support/expect-ok";

const contact = (key: string, last: string, tags?: string) =>
  `  ${key}:\n    permission: { masterUserId: admin@example.com, accessibleRange: ALL }\n    contactName: { lastName: ${last} }\n` +
  `    emails: [{ email: ${key}@kinds.example, primary: true }]\n${tags ? `    tags: [${tags}]\n` : ""}`;

describe("a company tag and a user tag with the same name", () => {
  let stack: AppStack;
  let sales: string;
  let userVip: any;
  let userPartner: any;
  let companyPartner: any;
  let files: string;
  const tagsOf = async () => (await stack.domain()).contactTags as any[];

  beforeAll(async () => {
    stack = await startAppStack();
    sales = (await stack.domain()).members.find((m: any) => m.email === "sales@example.com").userId;
    // Made in the app before the files exist.
    userVip = expectStatus(await stack.app.addUserTag(sales, "VIP"), 201, "user VIP");
    userPartner = expectStatus(await stack.app.addUserTag(sales, "Partner"), 201, "user Partner");
    companyPartner = expectStatus(await stack.app.addCompanyTag("Partner"), 201, "company Partner");
    files =
      `version: 1\nadopt: true\ntags:\n  vip: { contactTagName: VIP }\n  partner: { contactTagName: Partner }\n` +
      `userTags:\n  sales-vip: { userId: ${sales}, contactTagName: VIP }\ncontacts:\n${contact("taro", "Tanaka", "vip, sales-vip, partner")}`;
    stack.write(files);
  });
  afterAll(async () => {
    await stack?.dispose();
  });

  it("validate accepts them; adoption takes each of its own kind and creates the company tag that is missing", async () => {
    const validate = await stack.cli(["validate", "desired.yaml"]);
    expect(validate.code, validate.stdout + validate.stderr).toBe(0);
    await stack.emulator.clearRequests();
    expectOk(await stack.up(), "up");
    const written = (await stack.writes()).map((w) => `${w.method} ${w.path}`).sort();
    expect(written).toEqual(["POST /v1.0/contact-tags", "POST /v1.0/contacts"]);
    const tags = await tagsOf();
    const companyVip = tags.find((t) => t.type === "COMPANY" && t.contactTagName === "VIP");
    expect(companyVip.contactTagId).not.toBe(userVip.contactTagId);
    const taro = (await stack.domain()).contacts[0];
    expect([...taro.contactTagIds].sort()).toEqual([companyVip.contactTagId, userVip.contactTagId, companyPartner.contactTagId].sort());
  });

  it("audit matches each by kind: only the member's own Partner tag is unmanaged", async () => {
    const audit = await stack.audit();
    expect(audit.code, audit.stderr).toBe(2);
    expect(sortedDifferences(audit.report)).toEqual([
      { kind: "userTag", status: "unmanaged", key: null, id: userPartner.contactTagId, name: `${sales}/Partner`, fields: [] },
    ]);
  });

  it("a rename of the company tag in the app is reported for the company tag only, and up --refresh renames only it back", async () => {
    const companyVip = (await tagsOf()).find((t) => t.type === "COMPANY" && t.contactTagName === "VIP");
    expectStatus(await stack.app.renameCompanyTag(companyVip.contactTagId, "VIP Gold"), 200, "rename");
    const audit = await stack.audit();
    const reported = sortedDifferences(audit.report).map((d) => `${d.kind} ${d.status} ${d.name}`);
    expect(reported).toEqual(["contact drifted taro@kinds.example", "tag missing VIP", "tag unmanaged VIP Gold", `userTag unmanaged ${sales}/Partner`]);

    await stack.emulator.clearRequests();
    expectOk(await stack.up(["--refresh"]), "up --refresh");
    expect((await stack.writes()).map((w) => `${w.method} ${w.path}`)).toEqual([`PATCH /v1.0/contact-tags/${companyVip.contactTagId}`]);
    const names = (await tagsOf()).map((t) => `${t.type} ${t.contactTagName}`).sort();
    expect(names).toEqual(["COMPANY Partner", "COMPANY VIP", "USER Partner", "USER VIP"]);
  });

  it("export writes both kinds under distinct keys, and the export validates and converges", async () => {
    const exported = await stack.cli(["export", "--out", "exported.yaml"]);
    expect(exported.code, exported.stderr).toBe(0);
    const text = fs.readFileSync(path.join(stack.workspace.dir, "exported.yaml"), "utf8");
    const document = parse(text);
    const companyKeys = Object.keys(document.tags);
    const userKeys = Object.keys(document.userTags);
    expect(companyKeys.map((k) => document.tags[k].contactTagName).sort()).toEqual(["Partner", "VIP"]);
    expect(userKeys.map((k) => document.userTags[k].contactTagName).sort()).toEqual(["Partner", "VIP"]);
    expect(companyKeys.filter((k) => userKeys.includes(k))).toEqual([]);
    const taro = Object.values<any>(document.contacts)[0];
    const kinds = taro.tags.map((k: string) => (companyKeys.includes(k) ? `company ${document.tags[k].contactTagName}` : `user ${document.userTags[k].contactTagName}`));
    expect(kinds.sort()).toEqual(["company Partner", "company VIP", "user VIP"]);
    const validate = await stack.cli(["validate", "exported.yaml"]);
    expect(validate.code, validate.stdout + validate.stderr).toBe(0);
    const audit = await stack.cli(["audit", "exported.yaml", "--json"]);
    expect(audit.code, audit.stdout + audit.stderr).toBe(0);
  });
});

describe("a contact restored from the trash after the files deleted it", () => {
  let stack: AppStack;
  const both = `version: 1\nadopt: true\ncontacts:\n${contact("taro", "Tanaka")}${contact("hana", "Sato")}`;
  const taroOnly = `version: 1\nadopt: true\ncontacts:\n${contact("taro", "Tanaka")}`;

  beforeAll(async () => {
    stack = await startAppStack();
  });
  afterAll(async () => {
    await stack?.dispose();
  });

  it("is reported by audit as a contact no file describes, and up leaves it out of the stack", async () => {
    stack.write(both);
    expectOk(await stack.up(), "first up");
    const hana = (await stack.domain()).contacts.find((c: any) => c.emails[0].email === "hana@kinds.example");
    stack.write(taroOnly);
    expectOk(await stack.up(), "up without hana");
    expect((await stack.domain()).trashedContacts.map((c: any) => c.contactId)).toEqual([hana.contactId]);

    expectStatus(await stack.app.restoreContact(hana.contactId), 200, "restore");
    const audit = await stack.audit();
    expect(audit.code, audit.stderr).toBe(0);
    expect(audit.report).toEqual({ inSync: true, differences: [], unmanagedContacts: 1 });
    const text = await stack.cli(["audit", "desired.yaml"]);
    expect(text.stdout).toMatch(/1 contact in LINE WORKS that no file describes/);

    await stack.emulator.clearRequests();
    expectOk(await stack.up(["--refresh"]), "up --refresh after the restore");
    expect(await stack.writes()).toEqual([]);
    const state = JSON.stringify((await stack.workspace.exportState()).deployment.resources);
    expect(state).not.toContain(hana.contactId);
    expect((await stack.domain()).contacts.map((c: any) => c.contactId)).toContain(hana.contactId);
  });

  it("written back into the files without adopt, it is refused by name, not duplicated nor taken over", async () => {
    const hana = (await stack.domain()).contacts.find((c: any) => c.emails[0].email === "hana@kinds.example");
    stack.write(both.replace("adopt: true\n", ""));
    await stack.emulator.clearRequests();
    const up = await stack.up();
    expect(up.code).not.toBe(0);
    expect(up.stdout + up.stderr).toContain(hana.contactId);
    expect(up.stdout + up.stderr).toMatch(/adopt: true/);
    expect(await stack.writes()).toEqual([]);
    expect((await stack.domain()).contacts.filter((c: any) => c.emails[0].email === "hana@kinds.example")).toHaveLength(1);
  });
});
