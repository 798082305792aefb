/**
 * A memo and a custom value someone adds in the LINE WORKS app, on a contact whose files set
 * neither: `pulumi refresh` records them (the drift shows), encrypted in the state like every
 * memo, and `pulumi up` removes them again. The program registers memo and customProperties as
 * secrets even when empty, so the engine keeps what a refresh writes there secret.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ContactApi } from "../../provider/client";
import { startEmulatorProcess, type EmulatorProcess } from "../support/emulator-process";
import { emulatorApiClient, emulatorProviderEnv } from "../support/provider-config";
import { createPulumiWorkspace, type PulumiWorkspace } from "../support/pulumi-workspace";
import { expectOk } from "../support/expect-ok";

const PROGRAM = `
const lw = require("lineworks-contacts-pulumi");
new lw.ContactCustomProperty("notes", { propertyName: "notes", displayName: "Notes", propertyType: "STRING" });
const contact = new lw.Contact("plain", {
  permission: { masterUserId: "admin@example.com", accessibleRange: "ALL" },
  contactName: { lastName: "Plain" },
  emails: [{ email: "plain@example.com", primary: true }],
});
exports.contactId = contact.id;
`;
const APP_MEMO = "added in the app: call after 5pm";
const APP_VALUE = "private note from the app";

describe("secret fields added in the app", () => {
  let emulator: EmulatorProcess;
  let workspace: PulumiWorkspace;
  let api: ContactApi;

  beforeAll(async () => {
    emulator = await startEmulatorProcess();
    workspace = await createPulumiWorkspace({ program: PROGRAM, env: await emulatorProviderEnv(emulator) });
    api = await emulatorApiClient(emulator);
  });

  afterAll(async () => {
    await workspace?.dispose();
    await emulator?.stop();
  });

  it("are recorded by refresh encrypted, and removed by up", async () => {
    expectOk(await workspace.up());
    const { contactId } = (await workspace.outputs()) as { contactId: string };
    await api.patchContact(contactId, { memo: APP_MEMO, customProperties: { notes: { content: APP_VALUE } } });

    const refresh = await workspace.refresh();
    expectOk(refresh);
    expect(refresh.stdout).toMatch(/~\s+pulumi-nodejs:dynamic\/lineworks:Contact plain updated/);
    const state = await workspace.exportState();
    const contact = state.deployment.resources.find((r: any) => r.urn.endsWith("::plain"));
    expect(contact.inputs.memo).toHaveProperty("ciphertext");
    expect(contact.inputs.customProperties).toHaveProperty("ciphertext");
    const backend = workspace.backendText();
    expect(backend).not.toContain(APP_MEMO);
    expect(backend).not.toContain(APP_VALUE);

    expectOk(await workspace.up());
    const live = await api.getContact(contactId);
    expect(live?.memo ?? "").toBe("");
    expect(live?.customProperties ?? {}).toEqual({});
    expectOk(await workspace.preview(["--expect-no-changes"]));
    expectOk(await workspace.refresh(["--expect-no-changes"]));
  });
});
