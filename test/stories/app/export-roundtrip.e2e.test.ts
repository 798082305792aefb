/**
 * Issue 30 item 2, its Show section: a domain people filled by hand (tags with Japanese names, a
 * member's user tag, a field made in the admin console with a random propertyName, ten contacts
 * with Japanese names, two of them namesakes), staged through the emulator's app endpoints, is
 * exported with `--split` into files a team commits as they are: keys from display names, the
 * user tag's owner as a login email, one file per section and the `pulumi config set` line that
 * lists them. Those files validate, audit in sync, preview as 14 take-overs with no write, `up`
 * takes over all 14 (same ids, no POST, no write at all), and a second export is byte-identical.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, writes } from "../../support/cli-runs";
import { CLI_PATH, startEmulatorProcess, type EmulatorProcess } from "../../support/emulator-process";
import { emulatorProviderEnv } from "../../support/provider-config";
import { createPulumiWorkspace, type PulumiWorkspace } from "../../support/pulumi-workspace";
import { appEdits, expectStatus } from "./app-edits";
import { PROGRAM } from "./e2e-app";
import { expectOk } from "../../support/expect-ok";

const DOMAIN = 10000001;
const OWNER = "admin@example.com";
const PEOPLE: Array<[string, string, string]> = [
  ["田中", "太郎", "taro.tanaka@kyoryoku.example"],
  ["鈴木", "花子", "hanako.suzuki@kyoryoku.example"],
  ["佐藤", "健二", "kenji.sato@juyo.example"],
  ["高橋", "美咲", "misaki.takahashi@juyo.example"],
  ["伊藤", "誠", "makoto.ito@example.jp"],
  ["渡辺", "葵", "aoi.watanabe@example.jp"],
  ["山本", "翔太", "shota.yamamoto@example.jp"],
  ["中村", "さくら", "sakura.nakamura@example.jp"],
  ["小林", "陽子", "yoko.kobayashi@example.jp"],
  ["田中", "太郎", "taro.tanaka2@example.jp"],
];
const FILES = ["tags.yaml", "user-tags.yaml", "custom-properties.yaml", "contacts.yaml"];

describe("export --split of a domain people filled by hand, taken over as it is", () => {
  let emulator: EmulatorProcess;
  let env: Record<string, string>;
  let workspace: PulumiWorkspace;
  const staged = new Map<string, string>();
  let fieldName: string;
  let firstExport: Map<string, string>;
  const dir = () => path.join(workspace.dir, "current");
  const cli = (args: string[]) => runCli(args, { cwd: workspace.dir, env });
  const readFiles = () => new Map(fs.readdirSync(dir()).sort().map((name) => [name, fs.readFileSync(path.join(dir(), name), "utf8")]));

  beforeAll(async () => {
    emulator = await startEmulatorProcess({ requestsPerMinute: 100_000 });
    env = await emulatorProviderEnv(emulator, { domainId: DOMAIN });
    workspace = await createPulumiWorkspace({ program: PROGRAM, env });
    const app = appEdits(emulator.url, DOMAIN);
    const sales = (await emulator.state()).domains.find((d: any) => d.domainId === DOMAIN).members.find((m: any) => m.email === "sales@example.com");
    const partner = expectStatus(await app.addCompanyTag("協力会社"), 201, "tag").contactTagId;
    const key = expectStatus(await app.addCompanyTag("重要顧客"), 201, "tag").contactTagId;
    // A member adds a tag of their own: the app names the member by user id.
    const followUp = expectStatus(await app.addUserTag(sales.userId, "要フォロー"), 201, "user tag").contactTagId;
    const field = expectStatus(await app.addField({ displayName: "顧客ランク", propertyType: "STRING" }), 201, "console field");
    fieldName = field.propertyName;
    for (const [name, id] of [["協力会社", partner], ["重要顧客", key], ["要フォロー", followUp], ["顧客ランク", field.customPropertyId]]) staged.set(name!, id!);
    for (const [index, [lastName, firstName, email]] of PEOPLE.entries()) {
      const contact = expectStatus(
        await app.addContact({
          contactName: { lastName, firstName },
          emails: [{ email, primary: true }],
          permission: { masterUserId: OWNER, accessibleRange: "ALL" },
          contactTagIds: index < 2 ? [partner, followUp] : index < 4 ? [key] : [],
          ...(index < 4 ? { customProperties: { [fieldName]: { content: index < 2 ? "A" : "B" } } } : {}),
        }),
        201,
        `contact ${email}`,
      );
      staged.set(email, contact.contactId);
    }
  }, 120_000);

  afterAll(async () => {
    await workspace?.dispose();
    await emulator?.stop();
  });

  it("writes one file per section, keyed by display names, and prints the config line that lists them", async () => {
    const exported = await cli(["export", "--split", "current"]);
    expect(exported.code, exported.stderr).toBe(0);
    expect(fs.readdirSync(dir()).sort()).toEqual([...FILES].sort());
    const line = `pulumi config set lineworks-contacts:files '${JSON.stringify(FILES.map((file) => `current/${file}`))}'`;
    expect(exported.stderr.split("\n")).toContain(line);
    firstExport = readFiles();
    await workspace.setConfig("lineworks-contacts:files", JSON.stringify(FILES.map((file) => `current/${file}`)));
    const doc = (file: string) => parse(firstExport.get(file)!);
    expect(doc("tags.yaml")).toEqual({ version: 1, adopt: true, tags: { 協力会社: { contactTagName: "協力会社" }, 重要顧客: { contactTagName: "重要顧客" } } });
    expect(doc("user-tags.yaml").userTags).toEqual({ "sales-要フォロー": { userId: "sales@example.com", contactTagName: "要フォロー" } });
    expect(doc("custom-properties.yaml").customProperties).toEqual({
      顧客ランク: { propertyName: fieldName, displayName: "顧客ランク", propertyType: "STRING", multiValued: false, displayOrder: 1 },
    });
    const contacts = doc("contacts.yaml").contacts;
    expect(Object.keys(contacts).sort()).toEqual(["中村-さくら", "伊藤-誠", "佐藤-健二", "小林-陽子", "山本-翔太", "渡辺-葵", "田中-太郎", "田中-太郎-2", "鈴木-花子", "高橋-美咲"]);
    // The namesakes: -2 goes to the later one (creation time, then id); each keeps its own email and values.
    const taros = ["田中-太郎", "田中-太郎-2"].map((key) => contacts[key]);
    expect(taros.map((taro) => taro.emails[0].email).sort()).toEqual(["taro.tanaka2@example.jp", "taro.tanaka@kyoryoku.example"]);
    const first = taros.find((taro) => taro.emails[0].email === "taro.tanaka@kyoryoku.example");
    expect(first).toMatchObject({ permission: { masterUserId: OWNER }, tags: ["協力会社", "sales-要フォロー"], customProperties: { 顧客ランク: { content: "A" } } });
    // Ids only as comments: no key and no value is one.
    const text = [...firstExport.values()].join("\n");
    for (const id of staged.values()) expect(text).not.toMatch(new RegExp(`^(?!\\s*#).*${id}`, "m"));
  });

  it("validates and audits in sync (the owner's email and the app's user id are one member)", async () => {
    const validate = await cli(["validate", ...FILES.map((file) => `current/${file}`)]);
    expect(validate.code, validate.stdout + validate.stderr).toBe(0);
    expect(validate.stdout).toMatch(/\(2 tags, 1 user tag, 1 custom property, 10 contacts\)/);
    const audit = await cli(["audit", ...FILES.map((file) => `current/${file}`), "--json"]);
    expect(audit.code, audit.stdout + audit.stderr).toBe(0);
    expect(JSON.parse(audit.stdout)).toEqual({ inSync: true, differences: [], unmanagedContacts: 0 });
  });

  it("previews 14 take-overs with no write, and lineworks-contacts plan says take over", async () => {
    await emulator.clearRequests();
    const preview = await workspace.preview(["--json"]);
    expect(preview.code, preview.stdout + preview.stderr).toBe(0);
    expect(writes(await emulator.requests())).toEqual([]);
    const previewFile = path.join(workspace.dir, "preview.json");
    fs.writeFileSync(previewFile, preview.stdout);
    const { stdout } = await promisify(execFile)(process.execPath, [CLI_PATH, "plan", previewFile, "--format", "text"], { env: { ...process.env, ...env } });
    expect(stdout.split("\n")[0]).toMatch(/: 14 to take over$/);
    expect(stdout).not.toMatch(/to create/);
  }, 180_000);

  it("up takes over all 14 objects with their ids and writes nothing; a second export is byte-identical", async () => {
    await emulator.clearRequests();
    expectOk(await workspace.up(), "up");
    const log = await emulator.requests();
    expect(log.filter((entry) => entry.kind === "api" && entry.method === "POST")).toEqual([]);
    expect(writes(log)).toEqual([]);
    const ids = (await workspace.exportState()).deployment.resources.map((resource: any) => resource.id).filter(Boolean);
    const takenOver = [...staged.values()].filter((id) => ids.includes(id));
    expect(takenOver).toHaveLength(14);

    expectOk(await workspace.preview(["--expect-no-changes"]), "preview after up");
    const again = await cli(["export", "--split", "current"]);
    expect(again.code, again.stderr).toBe(0);
    expect(readFiles()).toEqual(firstExport);
  }, 300_000);
});
