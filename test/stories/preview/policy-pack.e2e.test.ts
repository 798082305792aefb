/**
 * Issue 34 item 1: `pulumi preview --policy-pack examples/policy` with the real CLI against the
 * emulator. The pack's rules match our resource classes (validateResourceOfType(Contact, ...)):
 * a contact that breaks a mandatory rule fails the preview, naming the rule and the contact's
 * key; a clean stack passes; an advisory rule warns without failing. The CLI starts the pack
 * through our language host's RunPlugin (tools/pulumi-language-nodejs/run-plugin.js).
 */
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulatorProcess, type EmulatorProcess } from "../../support/emulator-process";
import { emulatorProviderEnv } from "../../support/provider-config";
import { repoRoot } from "../../support/pulumi-cli";
import { createPulumiWorkspace, type PulumiResult, type PulumiWorkspace } from "../../support/pulumi-workspace";

/**
 * examples/policy as a team would have it: its own folder with this package installed (here a
 * link to this repository, whose dist/ the run loads); @pulumi/policy and @pulumi/pulumi resolve
 * from the repository's node_modules, one copy of the SDK. The pack is TypeScript, type-checked
 * by the run itself (run-policy-pack's ts-node), so its typed rules are checked too.
 */
function stagePack(): string {
  const dir = path.join(repoRoot, "test", ".tmp", `policy-pack-${randomBytes(4).toString("hex")}`);
  fs.cpSync(path.join(repoRoot, "examples", "policy"), dir, { recursive: true });
  fs.mkdirSync(path.join(dir, "node_modules"), { recursive: true });
  fs.symlinkSync(repoRoot, path.join(dir, "node_modules", "lineworks-contacts-pulumi"), "dir");
  return dir;
}
const output = (result: PulumiResult) => result.stdout + result.stderr;

interface Stack {
  /** Contacts as YAML entries under `contacts:`, by key. */
  contacts: Record<string, string>;
  i18n?: string;
}

function yaml(stack: Stack): string {
  return [
    "version: 1",
    "tags:",
    "  customers: { contactTagName: 顧客 }",
    "userTags:",
    "  my-followup: { userId: admin@example.com, contactTagName: 要フォロー }",
    "customProperties:",
    "  crm:",
    "    propertyName: crm_link",
    "    displayName: CRM",
    `    i18nDisplayNames: ${stack.i18n ?? "[{ language: ja_JP, name: 顧客管理 }, { language: en_US, name: CRM record }]"}`,
    "    propertyType: LINK",
    "contacts:",
    ...Object.entries(stack.contacts).map(([key, body]) => `  ${key}:\n${body}`),
    "",
  ].join("\n");
}

function contact(options: { email: string; tags: string; memo?: string; secretMemo?: boolean }): string {
  return [
    "    permission: { masterUserId: admin@example.com, accessibleRange: ALL }",
    "    contactName: { lastName: 加藤, firstName: 陽子 }",
    `    emails: [{ email: ${options.email}, primary: true }]`,
    ...(options.memo === undefined ? [] : [`    memo: "${options.memo}"`]),
    ...(options.secretMemo ? ["    secretFields: [memo]"] : []),
    `    tags: ${options.tags}`,
  ].join("\n");
}

describe("pulumi preview --policy-pack examples/policy", () => {
  let emulator: EmulatorProcess;
  let pack: string;
  const workspaces: PulumiWorkspace[] = [];
  const projectDirs: string[] = [];

  async function preview(stack: Stack): Promise<PulumiResult> {
    const projectDir = path.join(repoRoot, "test", ".tmp", `policy-${randomBytes(4).toString("hex")}`);
    fs.mkdirSync(projectDir, { recursive: true });
    projectDirs.push(projectDir);
    fs.writeFileSync(path.join(projectDir, "company.yaml"), yaml(stack));
    fs.writeFileSync(path.join(projectDir, "index.js"), 'module.exports = require("lineworks-contacts-pulumi/provider/desired-state/program").runRootProgram();\n');
    fs.writeFileSync(path.join(projectDir, "Pulumi.yaml"), "name: policy\nruntime:\n  name: nodejs\n  options:\n    typescript: false\nmain: index.js\n");
    const workspace = await createPulumiWorkspace({
      projectDir,
      stack: "pr",
      env: await emulatorProviderEnv(emulator),
      config: { "lineworks-contacts:files": JSON.stringify(["company.yaml"]) },
    });
    workspaces.push(workspace);
    return workspace.preview(["--policy-pack", pack]);
  }

  async function writes(): Promise<string[]> {
    return (await emulator.requests()).filter((entry) => entry.kind === "api" && entry.method !== "GET").map((entry) => `${entry.method} ${entry.path}`);
  }

  beforeAll(async () => {
    pack = stagePack();
    emulator = await startEmulatorProcess();
  });

  afterAll(async () => {
    for (const workspace of workspaces) await workspace.dispose();
    await emulator?.stop();
    for (const dir of [pack, ...projectDirs]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("a clean stack passes every rule", async () => {
    const result = await preview({ contacts: { "kato-yoko": contact({ email: "yoko.kato@acme.example", tags: "[customers, my-followup]", memo: "met at the 2026 fair" }) } });
    expect(result.code, output(result)).toBe(0);
    // The pack ran (its name in the policy summary) and reported nothing.
    expect(output(result)).toContain("lineworks-contacts-company-rules");
    expect(output(result)).not.toMatch(/contact-has-company-tag|memo-without-phone-numbers|custom-property-translated/);
  });

  it("a contact without a company tag and with a phone number in its (secret) memo fails the preview, naming both rules and its key", async () => {
    const result = await preview({
      contacts: {
        "kato-yoko": contact({ email: "yoko.kato@acme.example", tags: "[customers]" }),
        // A secret memo: the pack reads the value, the preview prints neither it nor the number.
        "ogawa-sho": contact({ email: "sho.ogawa@acme.example", tags: "[my-followup]", memo: "call him on 090-1234-5678 after 6pm", secretMemo: true }),
      },
    });
    const text = output(result);
    expect(result.code, text).not.toBe(0);
    expect(text).toContain("mandatory");
    expect(text).toContain("contact-has-company-tag");
    expect(text).toContain('contact "ogawa-sho" carries no company tag');
    expect(text).toContain("memo-without-phone-numbers");
    expect(text).toContain('contact "ogawa-sho" (加藤 陽子): its memo holds a telephone number');
    // The clean contact is not named, the secret memo is not shown, and the preview wrote nothing.
    expect(text).not.toContain('contact "kato-yoko"');
    expect(text).not.toContain("090-1234-5678");
    expect(await writes()).toEqual([]);
  });

  it("an advisory rule (a custom property without an English display name) warns and the preview passes", async () => {
    const result = await preview({
      i18n: "[{ language: ja_JP, name: 顧客管理 }]",
      contacts: { "kato-yoko": contact({ email: "yoko.kato@acme.example", tags: "[customers]" }) },
    });
    expect(result.code, output(result)).toBe(0);
    expect(output(result)).toContain("custom-property-translated");
    expect(output(result)).toContain('custom property "crm" (crm_link) has no display name in en_US');
  });
});
