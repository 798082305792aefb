/**
 * A stack written by an earlier version (fixtures/v0.1.0: state exported after `pulumi up`,
 * with the emulator's data file holding the live objects) is imported and run with today's
 * code: a preview shows no change and calls no API, refresh succeeds and rewrites the state
 * in today's shape (secrets still secret), and a second preview is clean too.
 */
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulatorProcess, type EmulatorProcess } from "../support/emulator-process";
import { emulatorProviderEnv } from "../support/provider-config";
import { repoRoot } from "../support/pulumi-cli";
import { createPulumiWorkspace, type PulumiWorkspace } from "../support/pulumi-workspace";
import { expectOk } from "../support/expect-ok";

const fixture = path.join(__dirname, "fixtures", "v0.1.0");
const SECRET_TEXTS = ["Key account since 2019", "Prefers mornings", "crm.example", "Renews in April", "Prefers email"];

describe("upgrade from a stack written by v0.1.0", () => {
  let emulator: EmulatorProcess;
  let workspace: PulumiWorkspace;
  let projectDir: string;
  let scratch: string;

  beforeAll(async () => {
    scratch = fs.mkdtempSync(path.join(repoRoot, "test", ".tmp", "upgrade-data-"));
    const dataFile = path.join(scratch, "emulator.json");
    fs.copyFileSync(path.join(fixture, "emulator-data.json"), dataFile);
    emulator = await startEmulatorProcess({ dataFile });
    projectDir = path.join(repoRoot, "test", ".tmp", `upgrade-${randomBytes(4).toString("hex")}`);
    fs.cpSync(path.join(fixture, "project"), projectDir, { recursive: true });
    fs.copyFileSync(path.join(fixture, "Pulumi.upgrade.yaml"), path.join(projectDir, "Pulumi.upgrade.yaml"));
    // The one edit today's validation asks for: TWITTER is now written X (the same service, so no change).
    const contactsFile = path.join(projectDir, "contacts.yaml");
    const written = fs.readFileSync(contactsFile, "utf8");
    expect(written).toContain("type: TWITTER");
    fs.writeFileSync(contactsFile, written.replace("type: TWITTER", "type: X"));
    workspace = await createPulumiWorkspace({ projectDir, stack: "upgrade", env: await emulatorProviderEnv(emulator) });
    expectOk(await workspace.run(["stack", "import", "--stack", "upgrade", "--file", path.join(fixture, "stack.json")]));
  }, 120_000);

  afterAll(async () => {
    await workspace?.dispose();
    await emulator?.stop();
    for (const dir of [projectDir, scratch]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("previews no change and calls no API", async () => {
    await emulator.clearRequests();
    expectOk(await workspace.preview(["--expect-no-changes"]));
    expect((await emulator.requests()).filter((entry) => entry.kind === "api")).toEqual([]);
  });

  it("refreshes into today's state shape, secrets still secret, then previews and refreshes clean again", async () => {
    const before = await workspace.exportState();
    const contactsBefore = before.deployment.resources.filter((r: any) => r.type.endsWith(":Contact"));
    expect(contactsBefore).toHaveLength(3);
    expect(contactsBefore[0].outputs.fingerprints).toBeUndefined();

    expectOk(await workspace.refresh(["--expect-no-changes"]));
    await emulator.clearRequests();
    expectOk(await workspace.preview(["--expect-no-changes"]));
    expect((await emulator.requests()).filter((entry) => entry.kind === "api")).toEqual([]);

    const after = await workspace.exportState();
    const contacts = after.deployment.resources.filter((r: any) => r.type.endsWith(":Contact"));
    for (const contact of contacts) {
      // Today's outputs hold no field (no values, no prints); the inputs are the live contact's canonical form.
      expect(contact.outputs.fingerprints).toBeUndefined();
      expect(contact.outputs.emails).toBeUndefined();
      expect(contact.outputs.memo).toBeUndefined();
      expect(contact.inputs.permission.masterUserId).toBeDefined();
    }
    const full = contacts.find((r: any) => r.urn.endsWith("::full"));
    expect(full.outputs.photoSha256).toMatch(/^[0-9a-f]{64}$/);
    // memo and the custom values stay secret: encrypted inputs.
    expect(full.inputs.memo).toHaveProperty("ciphertext");
    expect(full.inputs.customProperties).toHaveProperty("ciphertext");
    expect(full.outputs.customProperties).toBeUndefined();
    const backend = workspace.backendText();
    for (const text of SECRET_TEXTS) expect(backend).not.toContain(text);
  });
});
