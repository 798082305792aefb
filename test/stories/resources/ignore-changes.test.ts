/**
 * `ignoreChanges: ["memo"]` keeps a memo edited in the LINE WORKS app, even through
 * `pulumi up --refresh`: read() returns inputs made from the live values, so the ignored
 * field's old input is the app's value. With `secretFields: ["memo"]` the engine keeps those
 * inputs secret (it re-annotates them from the old, secret inputs, as the dynamic provider takes
 * no secrets): the app's memo is never written to the state in clear.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ContactApi } from "../../../provider/client";
import { startEmulatorProcess, type EmulatorProcess } from "../../support/emulator-process";
import { emulatorApiClient, emulatorProviderEnv } from "../../support/provider-config";
import { createPulumiWorkspace, type PulumiWorkspace } from "../../support/pulumi-workspace";
import { expectOk } from "../../support/expect-ok";

const PROGRAM = `
const lw = require("lineworks-contacts-pulumi");
const memo = process.env.DESIRED_MEMO;
const contact = new lw.Contact("kept", {
  permission: { masterUserId: "admin@example.com", accessibleRange: "ALL" },
  contactName: { lastName: "Kept" },
  emails: [{ email: "kept@example.com", primary: true }],
  memo,
  organizations: [{ name: process.env.DESIRED_ORG }],
  secretFields: ["memo"],
}, { ignoreChanges: ["memo"] });
exports.contactId = contact.id;
`;

describe("ignoreChanges on a contact field", () => {
  let emulator: EmulatorProcess;
  let workspace: PulumiWorkspace;
  let api: ContactApi;

  beforeAll(async () => {
    emulator = await startEmulatorProcess();
    const env = await emulatorProviderEnv(emulator);
    workspace = await createPulumiWorkspace({ program: PROGRAM, env: { ...env, DESIRED_MEMO: "written by pulumi", DESIRED_ORG: "ACME" } });
    api = await emulatorApiClient(emulator);
  });

  afterAll(async () => {
    await workspace?.dispose();
    await emulator?.stop();
  });

  it("keeps the app's memo through `up --refresh`, changes the other fields, and keeps a secret memo secret", async () => {
    expectOk(await workspace.up());
    const { contactId } = (await workspace.outputs()) as { contactId: string };
    await api.patchContact(contactId, { memo: "edited in the app by a member" });

    const env = { DESIRED_MEMO: "written by pulumi", DESIRED_ORG: "ACME Holdings" };
    expectOk(await workspace.run(["up", "--yes", "--skip-preview", "--refresh", "--stack", workspace.stack], { env }));
    const live = await api.getContact(contactId);
    expect(live?.organizations?.[0]?.name).toBe("ACME Holdings");
    expect(live?.memo).toBe("edited in the app by a member");
    expectOk(await workspace.run(["preview", "--expect-no-changes", "--stack", workspace.stack], { env }));

    const backend = workspace.backendText();
    expect(backend).not.toContain("edited in the app by a member");
    expect(backend).not.toContain("written by pulumi");
  });
});
