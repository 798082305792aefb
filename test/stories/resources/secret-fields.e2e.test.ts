/**
 * Secrets by choice (CONTRACT §5, §7), through the real Pulumi CLI and the root program: memo
 * and custom values are plain in the state by default; `lineworks-contacts:secretFields` (the
 * stack), `secretFields` (an entry) and a value from a secure var keep them encrypted. The test
 * reads the backend's files, as someone with the state bucket would.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulatorProcess, type EmulatorProcess } from "../../support/emulator-process";
import { expectOk } from "../../support/expect-ok";
import { emulatorProviderEnv } from "../../support/provider-config";
import { createPulumiWorkspace, type PulumiWorkspace } from "../../support/pulumi-workspace";

const PROGRAM = 'module.exports = require("lineworks-contacts-pulumi/provider/desired-state/program").runRootProgram();\n';

const PLAIN_MEMO = "plain memo 41c2";
const PLAIN_VALUE = "plain value 41c2";
const ENTRY_SECRET_VALUE = "entry-secret value 9d07";
const VAR_SECRET_MEMO = "secure-var memo 5b1e";

const contact = (key: string, memo: string, value: string, extra = "") => `  ${key}:
    permission: { masterUserId: admin@example.com, accessibleRange: ALL }
    contactName: { lastName: ${key} }
    emails: [{ email: ${key}@acme.example, primary: true }]
    memo: "${memo}"
    customProperties: { notes: { content: "${value}" } }
${extra}`;

const DESIRED = (secretEntry: boolean) => `version: 1
customProperties:
  notes: { propertyName: notes, displayName: Notes, propertyType: STRING }
contacts:
${contact("open", PLAIN_MEMO, PLAIN_VALUE)}${contact("guarded", "guarded memo", ENTRY_SECRET_VALUE, secretEntry ? "    secretFields: [customProperties]\n" : "")}${contact("vaulted", "${vars.secretMemo}", "vaulted value")}`;

describe("secretFields: plain by default, secret where asked", () => {
  let emulator: EmulatorProcess;
  let workspace: PulumiWorkspace;
  let file: string;

  const resource = async (key: string) => (await workspace.exportState()).deployment.resources.find((r: any) => r.urn.endsWith(`Contact::${key}`));

  beforeAll(async () => {
    emulator = await startEmulatorProcess();
    workspace = await createPulumiWorkspace({
      program: PROGRAM,
      env: await emulatorProviderEnv(emulator),
      config: { "lineworks-contacts:files": JSON.stringify(["desired.yaml"]) },
    });
    await workspace.run(["config", "set", "--stack", workspace.stack, "--secret", "--path", "lineworks-contacts:vars.secretMemo", VAR_SECRET_MEMO]);
    file = path.join(workspace.dir, "desired.yaml");
  });

  afterAll(async () => {
    await workspace?.dispose();
    await emulator?.stop();
  });

  it("stores memo and custom values in clear by default; a secure var's value stays encrypted", async () => {
    fs.writeFileSync(file, DESIRED(false));
    expectOk(await workspace.up());
    const open = await resource("open");
    expect(open.inputs.memo).toBe(PLAIN_MEMO);
    expect(open.inputs.customProperties).toEqual({ notes: { content: PLAIN_VALUE } });
    const vaulted = await resource("vaulted");
    expect(vaulted.inputs.memo).toHaveProperty("ciphertext");
    const backend = workspace.backendText();
    expect(backend).toContain(PLAIN_MEMO);
    expect(backend).not.toContain(VAR_SECRET_MEMO);
  });

  it("the stack's secretFields and an entry's secretFields encrypt those fields, with no API call to change it", async () => {
    fs.writeFileSync(file, DESIRED(true));
    await workspace.setConfig("lineworks-contacts:secretFields", JSON.stringify(["memo"]));
    await emulator.clearRequests();
    expectOk(await workspace.preview(["--expect-no-changes"]));
    expectOk(await workspace.up());
    expect((await emulator.requests()).filter((entry) => entry.kind === "api" && entry.method !== "GET")).toEqual([]);

    const open = await resource("open");
    expect(open.inputs.memo).toHaveProperty("ciphertext");
    expect(open.inputs.customProperties).toEqual({ notes: { content: PLAIN_VALUE } });
    const guarded = await resource("guarded");
    expect(guarded.inputs.memo).toHaveProperty("ciphertext");
    expect(guarded.inputs.customProperties).toHaveProperty("ciphertext");
    // The stack's current checkpoint (the history folder keeps the first run's plain memo, as written then).
    const latest = fs.readFileSync(path.join(workspace.backendDir, ".pulumi", "stacks", "lwc-test", `${workspace.stack}.json`), "utf8");
    for (const hidden of [PLAIN_MEMO, ENTRY_SECRET_VALUE, VAR_SECRET_MEMO, "guarded memo"]) expect(latest.includes(hidden), hidden).toBe(false);
    expect(latest).toContain(PLAIN_VALUE);
    expectOk(await workspace.preview(["--expect-no-changes"]));
  });

  it("a wrong secretFields value fails before any API call, naming the key", async () => {
    await workspace.setConfig("lineworks-contacts:secretFields", JSON.stringify(["memo", "emails"]));
    await emulator.clearRequests();
    const preview = await workspace.preview();
    expect(preview.code).not.toBe(0);
    expect(preview.stdout + preview.stderr).toMatch(/lineworks-contacts:secretFields\[1\]: "emails" cannot be made secret \(expected one of memo, customProperties\)/);
    expect((await emulator.requests()).filter((entry) => entry.kind === "api")).toEqual([]);
  });
});
