/**
 * A memo and a custom value someone adds in the LINE WORKS app, on contacts whose files set
 * neither: `pulumi refresh` records them (the drift shows) and `pulumi up` removes them again.
 * On a contact with `secretFields: [memo, customProperties]` they are encrypted in the state
 * (the fields are registered as secrets even when empty, so the engine keeps what a refresh
 * writes there secret); on a contact without, they are plain and a preview names the field.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ContactApi } from "../../../provider/client";
import { startEmulatorProcess, type EmulatorProcess } from "../../support/emulator-process";
import { emulatorApiClient, emulatorProviderEnv } from "../../support/provider-config";
import { createPulumiWorkspace, type PulumiWorkspace } from "../../support/pulumi-workspace";
import { expectOk } from "../../support/expect-ok";

const PROGRAM = `
const lw = require("lineworks-contacts-pulumi");
new lw.ContactCustomProperty("notes", { propertyName: "notes", displayName: "Notes", propertyType: "STRING" });
const contact = new lw.Contact("plain", {
  permission: { masterUserId: "admin@example.com", accessibleRange: "ALL" },
  contactName: { lastName: "Plain" },
  emails: [{ email: "plain@example.com", primary: true }],
  secretFields: ["memo", "customProperties"],
});
const open = new lw.Contact("open", {
  permission: { masterUserId: "admin@example.com", accessibleRange: "ALL" },
  contactName: { lastName: "Open" },
  emails: [{ email: "open@example.com", primary: true }],
});
exports.contactId = contact.id;
exports.openId = open.id;
`;
const APP_MEMO = "added in the app: call after 5pm";
const APP_VALUE = "private note from the app";
const OPEN_MEMO = "plain memo typed in the app";

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
    const { contactId, openId } = (await workspace.outputs()) as { contactId: string; openId: string };
    await api.patchContact(contactId, { memo: APP_MEMO, customProperties: { notes: { content: APP_VALUE } } });
    await api.patchContact(openId, { memo: OPEN_MEMO });

    // A plain field's drift shows with its name and value in a refreshing preview.
    const preview = await workspace.preview(["--refresh", "--diff"]);
    expectOk(preview);
    expect(preview.stdout).toMatch(/lineworks:Contact::open\][\s\S]*-\s*memo\s*:\s*"plain memo typed in the app"/);
    expect(preview.stdout).not.toContain(APP_MEMO);

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
    const open = state.deployment.resources.find((r: any) => r.urn.endsWith("::open"));
    expect(open.inputs.memo).toBe(OPEN_MEMO);

    expectOk(await workspace.up());
    const live = await api.getContact(contactId);
    expect(live?.memo ?? "").toBe("");
    expect(live?.customProperties ?? {}).toEqual({});
    expect((await api.getContact(openId))?.memo ?? "").toBe("");
    expectOk(await workspace.preview(["--expect-no-changes"]));
    expectOk(await workspace.refresh(["--expect-no-changes"]));
  });
});
