/**
 * `pulumi preview --json` names exactly the resources a change touches: references between
 * resources use values that stay known while the referenced resource is being updated (a
 * tag's resource id, a property's propertyName), so renaming a tag does not preview every
 * contact that carries it as an update.
 */
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulatorProcess, type EmulatorProcess } from "../../support/emulator-process";
import { emulatorProviderEnv } from "../../support/provider-config";
import { repoRoot } from "../../support/pulumi-cli";
import { createPulumiWorkspace, type PulumiWorkspace } from "../../support/pulumi-workspace";

// A small company with every kind of resource and reference (see the fixture's YAML files).
const source = path.join(__dirname, "..", "upgrade", "fixtures", "v0.1.0", "project");

interface Step {
  op: string;
  urn: string;
}

/** The steps of a preview that change something, as "op Type::name". */
async function changingSteps(workspace: PulumiWorkspace): Promise<string[]> {
  const result = await workspace.preview(["--json"]);
  expect(result.code, result.stdout + result.stderr).toBe(0);
  const steps = (JSON.parse(result.stdout).steps ?? []) as Step[];
  return steps
    .filter((step) => step.op !== "same")
    .map((step) => `${step.op} ${step.urn.split("$").pop()!.replace("pulumi-nodejs:dynamic/lineworks:", "")}`)
    .sort();
}

describe("previews name only what changes", () => {
  let emulator: EmulatorProcess;
  let workspace: PulumiWorkspace;
  let projectDir: string;
  const file = (name: string) => path.join(projectDir, name);

  /** Applies `edit` to a file for the duration of `body`. */
  async function withEdit(name: string, edit: (text: string) => string, body: () => Promise<void>): Promise<void> {
    const original = fs.readFileSync(file(name), "utf8");
    const edited = edit(original);
    expect(edited).not.toBe(original);
    fs.writeFileSync(file(name), edited);
    try {
      await body();
    } finally {
      fs.writeFileSync(file(name), original);
    }
  }

  beforeAll(async () => {
    emulator = await startEmulatorProcess();
    projectDir = path.join(repoRoot, "test", ".tmp", `preview-${randomBytes(4).toString("hex")}`);
    fs.cpSync(source, projectDir, { recursive: true });
    fs.writeFileSync(file("contacts.yaml"), fs.readFileSync(file("contacts.yaml"), "utf8").replace("type: TWITTER", "type: X"));
    workspace = await createPulumiWorkspace({
      projectDir,
      stack: "preview",
      env: await emulatorProviderEnv(emulator),
      config: {
        "lineworks-contacts:files": JSON.stringify(["company.yaml", "contacts.yaml"]),
        "lineworks-contacts:vars": JSON.stringify({ owner: "admin@example.com", salesLead: "sales@example.com" }),
      },
    });
    const up = await workspace.up();
    expect(up.code, up.stdout + up.stderr).toBe(0);
    expect(await changingSteps(workspace)).toEqual([]);
  }, 180_000);

  afterAll(async () => {
    await workspace?.dispose();
    await emulator?.stop();
    if (projectDir) fs.rmSync(projectDir, { recursive: true, force: true });
  });

  it("a company tag rename previews only the tag, not the contacts carrying it", async () => {
    await withEdit("company.yaml", (t) => t.replace("contactTagName: VIP }", "contactTagName: VIP customers }"), async () => {
      expect(await changingSteps(workspace)).toEqual(["update CompanyContactTag::vip"]);
    });
  });

  it("a user tag rename previews only the user tag", async () => {
    await withEdit("company.yaml", (t) => t.replace("contactTagName: Follow up }", "contactTagName: Follow up soon }"), async () => {
      expect(await changingSteps(workspace)).toEqual(["update UserContactTag::followup"]);
    });
  });

  it("a property display-name change previews only the property", async () => {
    await withEdit("company.yaml", (t) => t.replace("displayName: CRM\n", "displayName: CRM record\n"), async () => {
      expect(await changingSteps(workspace)).toEqual(["update ContactCustomProperty::crm"]);
    });
  });

  it("a contact field change previews only that contact", async () => {
    await withEdit("contacts.yaml", (t) => t.replace("memo: Prefers mornings", "memo: Prefers afternoons"), async () => {
      expect(await changingSteps(workspace)).toEqual(["update Contact::plain"]);
    });
  });

  it("a contact delete previews only that delete", async () => {
    await withEdit("contacts.yaml", (t) => t.slice(0, t.indexOf("  plain:\n")), async () => {
      expect(await changingSteps(workspace)).toEqual(["delete Contact::plain"]);
    });
  });
});
