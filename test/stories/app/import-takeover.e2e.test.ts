/**
 * Issue 30, its Show section end to end: a domain staged from files with `emulator --import` (tags
 * with Japanese names, a member's user tag, a field made in the admin console (random
 * propertyName), ten contacts with Japanese names) is exported with `--split`; the files preview as
 * take-overs with no write, `up` takes over 14 objects and creates none (the provider's closing
 * line says so), and a second export is byte-identical.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, writes } from "../../support/cli-runs";
import { startEmulatorProcess, type EmulatorProcess } from "../../support/emulator-process";
import { emulatorProviderEnv } from "../../support/provider-config";
import { createPulumiWorkspace, type PulumiWorkspace } from "../../support/pulumi-workspace";
import { PROGRAM } from "./e2e-app";
import { expectOk } from "../../support/expect-ok";

const PEOPLE = ["田中 太郎", "鈴木 花子", "佐藤 健二", "高橋 美咲", "伊藤 誠", "渡辺 葵", "山本 翔太", "中村 さくら", "小林 陽子", "加藤 健"];
const FILES = ["tags.yaml", "user-tags.yaml", "custom-properties.yaml", "contacts.yaml"];

/** The hand-filled domain, as files for `--import`. */
function stagedFiles(dir: string): string {
  const contacts = PEOPLE.map((name, index) => {
    const [lastName, firstName] = name.split(" ");
    return [
      `  person-${index}:`,
      "    permission: { masterUserId: admin@example.com, accessibleRange: ALL }",
      `    contactName: { lastName: ${lastName}, firstName: ${firstName} }`,
      `    emails: [{ email: person${index}@example.jp, primary: true }]`,
      `    tags: [${index < 3 ? "partner, followup" : "key"}]`,
      ...(index < 4 ? [`    customProperties: { rank: { content: ${index < 2 ? "A" : "B"} } }`] : []),
    ].join("\n");
  });
  const file = path.join(dir, "live.yaml");
  fs.writeFileSync(
    file,
    [
      "version: 1",
      "tags:",
      "  partner: { contactTagName: 協力会社 }",
      "  key: { contactTagName: 重要顧客 }",
      "userTags:",
      "  followup: { userId: sales@example.com, contactTagName: 要フォロー }",
      "customProperties:",
      "  rank: { propertyName: console_rank, displayName: 顧客ランク, propertyType: STRING }",
      "contacts:",
      ...contacts,
      "",
    ].join("\n"),
  );
  return file;
}

describe("a domain staged with emulator --import, exported with --split and taken over", () => {
  let emulator: EmulatorProcess;
  let env: Record<string, string>;
  let workspace: PulumiWorkspace;
  let stagingDir: string;
  let firstExport: Map<string, string>;
  const dir = () => path.join(workspace.dir, "live");
  const cli = (args: string[]) => runCli(args, { cwd: workspace.dir, env });
  const readFiles = () => new Map(fs.readdirSync(dir()).sort().map((name) => [name, fs.readFileSync(path.join(dir(), name), "utf8")]));

  beforeAll(async () => {
    stagingDir = fs.mkdtempSync(path.join(os.tmpdir(), "lwc-import-"));
    emulator = await startEmulatorProcess({ requestsPerMinute: 100_000, extraArgs: ["--import", stagedFiles(stagingDir)] });
    env = await emulatorProviderEnv(emulator);
    workspace = await createPulumiWorkspace({ program: PROGRAM, env });
  }, 120_000);

  afterAll(async () => {
    await workspace?.dispose();
    await emulator?.stop();
    if (stagingDir) fs.rmSync(stagingDir, { recursive: true, force: true });
  });

  it("exports readable keys, one file per section, the console field under its random propertyName", async () => {
    const exported = await cli(["export", "--split", "live"]);
    expect(exported.code, exported.stderr).toBe(0);
    expect(fs.readdirSync(dir()).sort()).toEqual([...FILES].sort());
    firstExport = readFiles();
    const doc = (file: string) => parse(firstExport.get(file)!);
    expect(Object.keys(doc("tags.yaml").tags).sort()).toEqual(["協力会社", "重要顧客"]);
    expect(doc("user-tags.yaml").userTags).toEqual({ "sales-要フォロー": { userId: "sales@example.com", contactTagName: "要フォロー" } });
    const [property] = Object.values(doc("custom-properties.yaml").customProperties) as Array<{ propertyName: string }>;
    expect(property!.propertyName).not.toBe("console_rank");
    expect(Object.keys(doc("contacts.yaml").contacts)).toContain("田中-太郎");
    await workspace.setConfig("lineworks-contacts:files", JSON.stringify(FILES.map((file) => `live/${file}`)));
  });

  it("previews with no write; up takes over 14 and creates 0; a second export is byte-identical", async () => {
    await emulator.clearRequests();
    expectOk(await workspace.preview(), "preview");
    expect(writes(await emulator.requests())).toEqual([]);

    const up = await workspace.up();
    expectOk(up, "up");
    expect(up.stdout + up.stderr).toContain("this up took over 14 existing objects and created 0 new ones");
    expect(writes(await emulator.requests())).toEqual([]);

    expectOk(await workspace.preview(["--expect-no-changes"]), "preview after up");
    const again = await cli(["export", "--split", "live"]);
    expect(again.code, again.stderr).toBe(0);
    expect(readFiles()).toEqual(firstExport);
  }, 300_000);
});
