/**
 * Issue 28 item 1: `pulumi preview` fails where `up` would, with up's message and nothing
 * applied: no credentials, a contact's primary email or a tag name that exists outside the stack,
 * an owner who is not a member. A takeover (adopt: true) is announced; a name handed from one
 * entry to another in the same edit is not refused; a preview that changes nothing makes no call.
 */
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { appEdits, expectStatus } from "../app/app-edits";
import { expectOk } from "../../support/expect-ok";
import { startEmulatorProcess, type EmulatorProcess } from "../../support/emulator-process";
import { emulatorProviderEnv } from "../../support/provider-config";
import { repoRoot } from "../../support/pulumi-cli";
import { blankCredentials } from "../../support/root-project";
import { createPulumiWorkspace, type PulumiResult, type PulumiWorkspace } from "../../support/pulumi-workspace";

const DOMAIN = 10000001;

function companyYaml(options: { owner?: string; tagName?: string; extraTags?: string; adopt?: boolean } = {}): string {
  return [
    "version: 1",
    ...(options.adopt ? ["adopt: true"] : []),
    "tags:",
    `  vip: { contactTagName: ${options.tagName ?? "VIP"} }`,
    ...(options.extraTags ? [options.extraTags] : []),
    "contacts:",
    "  kato-yoko:",
    `    permission: { masterUserId: ${options.owner ?? "admin@example.com"}, accessibleRange: ALL }`,
    "    contactName: { lastName: 加藤, firstName: 陽子 }",
    "    emails: [{ email: yoko.kato@acme.example, primary: true }]",
    "    memo: first",
    "    tags: [vip]",
    "",
  ].join("\n");
}

const output = (result: PulumiResult) => result.stdout + result.stderr;
const occurrences = (text: string, needle: string) => text.split(needle).length - 1;

describe("preview sees what up would fail on", () => {
  let emulator: EmulatorProcess;
  let providerEnv: Record<string, string>;
  let projectDir: string;
  let workspace: PulumiWorkspace | undefined;
  const app = () => appEdits(emulator.url, DOMAIN);

  async function project(yaml: string, env: Record<string, string> = providerEnv): Promise<PulumiWorkspace> {
    await workspace?.dispose();
    projectDir = path.join(repoRoot, "test", ".tmp", `preflight-${randomBytes(4).toString("hex")}`);
    fs.mkdirSync(projectDir, { recursive: true });
    fs.writeFileSync(path.join(projectDir, "company.yaml"), yaml);
    fs.writeFileSync(path.join(projectDir, "index.js"), 'module.exports = require("lineworks-contacts-pulumi/provider/desired-state/program").runRootProgram();\n');
    fs.writeFileSync(path.join(projectDir, "Pulumi.yaml"), "name: preflight\nruntime:\n  name: nodejs\n  options:\n    typescript: false\nmain: index.js\n");
    workspace = await createPulumiWorkspace({
      projectDir,
      stack: "pr",
      env: { ...blankCredentials(process.env), ...env },
      config: { "lineworks-contacts:files": JSON.stringify(["company.yaml"]) },
    });
    return workspace;
  }

  /** API calls that change something (the token endpoint and reads do not). */
  async function writes(): Promise<string[]> {
    return (await emulator.requests()).filter((entry) => entry.kind === "api" && entry.method !== "GET").map((entry) => `${entry.method} ${entry.path}`);
  }

  beforeAll(async () => {
    emulator = await startEmulatorProcess();
    providerEnv = await emulatorProviderEnv(emulator);
  });

  beforeEach(async () => {
    await emulator.reset();
    await emulator.clearRequests();
  });

  afterAll(async () => {
    await workspace?.dispose();
    await emulator?.stop();
  });

  it("no credentials: the preview fails once, naming the keys to set, and calls nothing", async () => {
    const ws = await project(companyYaml(), {});
    const preview = await ws.preview();
    expect(preview.code, output(preview)).not.toBe(0);
    const text = output(preview);
    expect(text).toContain("LINE WORKS credentials are missing");
    expect(text).toContain("lineworks:clientId");
    // One resource reports it (the event line and its diagnostic), not every resource.
    expect(occurrences(text, "LINE WORKS credentials are missing")).toBeLessThanOrEqual(2);
    expect(text).not.toMatch(/\n\s+at .*\.(ts|js):\d+/);
    expect(await emulator.requests()).toEqual([]);
  });

  it("a contact a person already made in the app fails the preview with up's message, and nothing is written", async () => {
    expectStatus(
      await app().addContact({
        contactName: { lastName: "加藤", firstName: "陽子" },
        emails: [{ email: "Yoko.Kato@acme.example", primary: true }],
        permission: { masterUserId: "admin@example.com", accessibleRange: "ALL" },
      }),
      201,
      "app contact",
    );
    const preview = await (await project(companyYaml())).preview();
    expect(preview.code, output(preview)).not.toBe(0);
    expect(output(preview)).toContain("A contact with primary email yoko.kato@acme.example already exists");
    expect(output(preview)).toContain("adopt: true");
    expect(await writes()).toEqual([]);
  });

  it("a tag name that exists outside the stack fails the preview", async () => {
    expectStatus(await app().addCompanyTag("VIP"), 201, "app tag");
    const preview = await (await project(companyYaml())).preview();
    expect(preview.code, output(preview)).not.toBe(0);
    expect(output(preview)).toContain('Company contact tag "VIP" already exists');
    expect(await writes()).toEqual([]);
  });

  it("an owner who is not a member fails the preview", async () => {
    const preview = await (await project(companyYaml({ owner: "admin@exmaple.com" }))).preview();
    expect(preview.code, output(preview)).not.toBe(0);
    expect(output(preview)).toContain('permission.masterUserId "admin@exmaple.com" is not a member of the domain');
    expect(await writes()).toEqual([]);
  });

  it("with adopt: true the preview announces the takeover; up takes the object over", async () => {
    const made = expectStatus(await app().addCompanyTag("VIP"), 201, "app tag");
    const ws = await project(companyYaml({ adopt: true }));
    const preview = await ws.preview();
    expectOk(preview);
    expect(output(preview)).toContain('lineworks-contacts: takes over CompanyContactTag "VIP"');
    expect(output(preview)).not.toContain('takes over Contact "yoko.kato@acme.example"');
    expect(await writes()).toEqual([]);
    expectOk(await ws.up());
    expect((await ws.outputs()).tagIds).toEqual({ vip: made.contactTagId });
  });

  it("a preview that changes nothing makes no call; an edit without credentials fails at preview, without a stack trace", async () => {
    const ws = await project(companyYaml());
    expectOk(await ws.up());
    await emulator.clearRequests();
    expectOk(await ws.preview(["--expect-no-changes"]));
    expect(await emulator.requests()).toEqual([]);

    fs.writeFileSync(path.join(projectDir, "company.yaml"), companyYaml().replace("memo: first", "memo: second"));
    const bare = await ws.run(["preview", "--non-interactive"], { env: blankCredentials(providerEnv) });
    expect(bare.code, output(bare)).not.toBe(0);
    expect(output(bare)).toContain("LINE WORKS credentials are missing");
    expect(output(bare)).not.toMatch(/\n\s+at .*\.(ts|js):\d+/);
  });

  it("a name handed from one entry to another in the same edit is not refused", async () => {
    const ws = await project(companyYaml());
    expectOk(await ws.up());
    // vip gives "VIP" up; a new entry takes it.
    fs.writeFileSync(path.join(projectDir, "company.yaml"), companyYaml({ tagName: "VIP (old)", extraTags: "  gold: { contactTagName: VIP }" }));
    expectOk(await ws.preview());
    expectOk(await ws.up());
    expectOk(await ws.preview(["--expect-no-changes"]));
  });
});
