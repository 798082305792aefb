/**
 * The four resources through the real `pulumi` CLI against the emulator process:
 * create with references, no-op preview (zero API calls), one PATCH per change,
 * refresh of out-of-band changes, replacement of an immutable property, adoption
 * and conflicts, destroy, and no credential in the state.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createContactApiClient, makeClientConfig, type ContactApi } from "../../../provider/client";
import { startEmulatorProcess, type EmulatorCredentials, type EmulatorProcess, type EmulatorRequestLogEntry } from "../../support/emulator-process";
import { createPulumiWorkspace, type PulumiWorkspace } from "../../support/pulumi-workspace";
import { expectOk } from "../../support/expect-ok";
import { issuedTokens } from "../../support/issued-tokens";
import { emulatorSecretSearch } from "../../support/secret-search";

// Builds the resources from spec.json, so each step only rewrites the desired state.
const PROGRAM = `
const pulumi = require("@pulumi/pulumi");
const lw = require("lineworks-contacts-pulumi");
const spec = require("./spec.json");
const tags = {}, props = {}, contacts = {};
for (const [key, args] of Object.entries(spec.tags ?? {})) tags[key] = new lw.CompanyContactTag(key, args);
for (const [key, args] of Object.entries(spec.userTags ?? {})) tags[key] = new lw.UserContactTag(key, args);
for (const [key, args] of Object.entries(spec.customProperties ?? {})) props[key] = new lw.ContactCustomProperty(key, args);
for (const [key, { tags: tagKeys, custom, ...args }] of Object.entries(spec.contacts ?? {})) {
  contacts[key] = new lw.Contact(key, {
    ...args,
    ...(tagKeys && { contactTagIds: tagKeys.map((t) => tags[t].id) }),
    ...(custom && {
      customProperties: pulumi
        .all(Object.entries(custom).map(([p, value]) => props[p].propertyName.apply((name) => [name, value])))
        .apply(Object.fromEntries),
    }),
  });
}
const ids = (m) => Object.fromEntries(Object.entries(m).map(([k, r]) => [k, r.id]));
exports.tagIds = ids(tags);
exports.propertyIds = ids(props);
exports.contactIds = ids(contacts);
`;

type Spec = Record<string, Record<string, Record<string, unknown>>>;

const baseSpec = (): Spec => ({
  tags: { vip: { contactTagName: "VIP" }, partner: { contactTagName: "Partner" } },
  userTags: { followup: { userId: "sales@example.com", contactTagName: "Follow up" } },
  customProperties: {
    crm: { propertyName: "crm_link", displayName: "CRM link", propertyType: "LINK", displayOrder: 1 },
    notes: { propertyName: "notes", displayName: "Notes", propertyType: "STRING" },
  },
  contacts: {
    taro: {
      permission: { masterUserId: "admin@example.com", accessibleRange: "ALL" },
      contactName: { lastName: "田中", firstName: "太郎" },
      emails: [{ email: "taro@acme.example", primary: true }],
      telephones: [{ type: "CELLPHONE", telephone: "090-1234-5678", primary: true }],
      organizations: [{ name: "ACME", department: "Sales", title: "Manager" }],
      memo: "Key account",
      tags: ["vip", "followup"],
      custom: { crm: { text: "CRM", link: "https://crm.example/1" } },
      photo: "photos/taro.png",
    },
    hanako: {
      permission: {
        masterUserId: "admin@example.com",
        accessibleRange: "MEMBER",
        accessibleMembers: [{ id: "sales@example.com", type: "USER" }],
      },
      contactName: { lastName: "Suzuki", firstName: "Hanako" },
      emails: [{ email: "hanako@partner.example" }],
      messengers: [{ type: "X", id: "@hanako" }],
      tags: ["partner"],
      forceDelete: true,
    },
  },
});

let emulator: EmulatorProcess;
let credentials: EmulatorCredentials;
let workspace: PulumiWorkspace;
let api: ContactApi;
const callsByStep: Record<string, string> = {};

function writeSpec(spec: Spec): void {
  writeFileSync(join(workspace.dir, "spec.json"), JSON.stringify(spec, null, 2));
}

/** API requests since the last call (token requests excluded), as "METHOD route". */
async function takeRequests(step: string): Promise<string[]> {
  const log: EmulatorRequestLogEntry[] = await emulator.requests();
  await emulator.clearRequests();
  const calls = log.filter((r) => r.kind === "api").map((r) => r.route.replace("/v1.0", ""));
  const counts = new Map<string, number>();
  for (const call of calls) counts.set(call, (counts.get(call) ?? 0) + 1);
  callsByStep[step] = `${calls.length} calls: ${[...counts].map(([c, n]) => `${n}x ${c}`).join(", ") || "none"}`;
  return calls;
}

async function domainState(): Promise<any> {
  const state = await emulator.state();
  return state.domains.find((d: any) => d.domainId === credentials.domainId);
}

async function outputs(): Promise<{ tagIds: Record<string, string>; propertyIds: Record<string, string>; contactIds: Record<string, string> }> {
  return (await workspace.outputs()) as any;
}

beforeAll(async () => {
  emulator = await startEmulatorProcess();
  credentials = await emulator.credentials();
  workspace = await createPulumiWorkspace({
    program: PROGRAM,
    config: {
      "lineworks:apiBaseUrl": emulator.apiBaseUrl,
      "lineworks:authUrl": emulator.authUrl,
      "lineworks:clientId": credentials.clientId,
      "lineworks:serviceAccount": credentials.serviceAccount,
      "lineworks:domainId": String(credentials.domainId),
      "lineworks:clientSecret": { value: credentials.clientSecret, secret: true },
      "lineworks:privateKey": { value: credentials.privateKey, secret: true },
    },
  });
  mkdirSync(join(workspace.dir, "photos"));
  // A PNG's first bytes (photos are recognised by their content), then filler.
  writeFileSync(join(workspace.dir, "photos", "taro.png"), Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(" fake image bytes")]));
  api = createContactApiClient(
    makeClientConfig({ ...credentials, apiBaseUrl: emulator.apiBaseUrl, authUrl: emulator.authUrl }),
    { requestsPerMinute: 0 },
  );
});

afterAll(async () => {
  console.log(`API calls per operation:\n${Object.entries(callsByStep).map(([s, c]) => `  ${s}: ${c}`).join("\n")}`);
  await workspace?.dispose();
  await emulator?.stop();
});

describe("lineworks resources through the pulumi CLI", () => {
  it("creates all four kinds with references between them, then previews no change with zero API calls", async () => {
    writeSpec(baseSpec());
    expectOk(await workspace.up());
    const created = await takeRequests("up (create 3 tags, 2 properties, 2 contacts, 1 photo)");
    // One POST per object, plus the photo announcement and the byte upload to the storage URL
    // (the emulator logs photo transfers like every API call).
    expect(created.filter((c) => c.startsWith("POST"))).toHaveLength(3 + 2 + 2 + 1 + 1);
    expect(created).toContain("POST /contacts/:contactId/photo");

    const { tagIds, propertyIds, contactIds } = await outputs();
    const domain = await domainState();
    expect(domain.contactTags.map((t: any) => t.contactTagName).sort()).toEqual(["Follow up", "Partner", "VIP"]);
    expect(domain.customProperties.map((p: any) => p.customPropertyId).sort()).toEqual(Object.values(propertyIds).sort());
    const taro = domain.contacts.find((c: any) => c.contactId === contactIds.taro);
    expect(taro.contactTagIds.sort()).toEqual([tagIds.vip, tagIds.followup].sort());
    expect(taro.customProperties).toEqual({ crm_link: { text: "CRM", link: "https://crm.example/1" } });
    expect(domain.photos).toEqual([expect.objectContaining({ contactId: contactIds.taro, fileName: "taro.png" })]);

    expectOk(await workspace.preview(["--expect-no-changes"]));
    expect(await takeRequests("preview (no change)")).toEqual([]);

    const state = await workspace.exportState();
    const resources = state.deployment.resources.filter((r: any) => r.type.startsWith("pulumi-nodejs:dynamic/lineworks:"));
    expect(resources.map((r: any) => r.type.split(":").pop()).sort()).toEqual(
      ["CompanyContactTag", "CompanyContactTag", "Contact", "Contact", "ContactCustomProperty", "ContactCustomProperty", "UserContactTag"],
    );
    for (const resource of resources) expect(resource.inputs.__provider.length).toBeLessThan(1024);
    const taroState = resources.find((r: any) => r.id === contactIds.taro);
    expect(taroState.outputs.photoSha256).toMatch(/^[0-9a-f]{64}$/);
    // The outputs keep only the photo facts (and forceDelete); the fields are in the inputs once, in
    // compact canonical form (set-like lists sorted, documented defaults left out).
    expect(Object.keys(taroState.outputs).sort()).toEqual(["__provider", "photo", "photoSha256"]);
    expect(taroState.inputs.contactTagIds).toEqual([tagIds.vip, tagIds.followup].sort());
    expect(taroState.inputs.permission).not.toHaveProperty("isCoEditing");
    expect(taroState.additionalSecretOutputs ?? []).toEqual([]);
    // The SDK still records where the resource was declared, as one frame of the user's program
    // (the line that loads the company), not of this package or the SDK's run loop.
    expect(taroState.sourcePosition).toMatch(/^project:\/\/\/index\.js#\d+,\d+$/);
    expect(taroState.stackTrace).toEqual([{ sourcePosition: taroState.sourcePosition }]);
    // memo and customProperties are plain values unless the stack or the entry names them in secretFields.
    expect(taroState.inputs.memo).toBe("Key account");
    expect(JSON.stringify(taroState.inputs.customProperties)).toContain("crm.example");
  });

  it("sends exactly one PATCH for a rename, a contact field change and a tag list change", async () => {
    const spec = baseSpec();
    spec.tags!.vip!.contactTagName = "VIP customers";
    spec.contacts!.taro!.memo = "Key account since 2020";
    spec.contacts!.hanako!.tags = ["partner", "vip"];
    writeSpec(spec);
    expectOk(await workspace.up());
    const calls = await takeRequests("up (rename tag, change memo, change tag list)");
    expect(calls.sort()).toEqual(["PATCH /contact-tags/:contactTagId", "PATCH /contacts/:contactId", "PATCH /contacts/:contactId"]);

    const { contactIds } = await outputs();
    const domain = await domainState();
    expect(domain.contactTags.map((t: any) => t.contactTagName)).toContain("VIP customers");
    expect(domain.contacts.find((c: any) => c.contactId === contactIds.taro).memo).toBe("Key account since 2020");
    expect(domain.contacts.find((c: any) => c.contactId === contactIds.hanako).contactTagIds).toHaveLength(2);

    expectOk(await workspace.preview(["--expect-no-changes"]));
    expect(await takeRequests("preview (no change)")).toEqual([]);
  });

  it("shows out-of-band changes on refresh and undoes them with up", async () => {
    const { tagIds, contactIds, propertyIds } = await outputs();
    await api.patchContact(contactIds.taro!, { memo: "edited in the app" });
    await api.renameContactTag(tagIds.partner!, "Partners (renamed)");
    await api.deleteCustomProperty(propertyIds.notes!);
    await takeRequests("out-of-band edits");

    const refresh = await workspace.refresh();
    expectOk(refresh);
    expect(refresh.stdout).toMatch(/~\s+pulumi-nodejs:dynamic\/lineworks:Contact taro updated/);
    expect(refresh.stdout).toMatch(/~\s+pulumi-nodejs:dynamic\/lineworks:CompanyContactTag partner updated/);
    expect(refresh.stdout).toMatch(/-\s+pulumi-nodejs:dynamic\/lineworks:ContactCustomProperty notes deleted/);
    expect(refresh.stdout).toMatch(/~ 2 updated/);
    expect(refresh.stdout).toMatch(/- 1 deleted/);
    const refreshCalls = await takeRequests("refresh (7 resources)");
    expect(refreshCalls.every((c) => c.startsWith("GET"))).toBe(true);
    // One listing per kind (contacts, company tags, the member's tags, properties), plus one GET
    // confirming each object missing from its listing (the deleted property).
    expect(refreshCalls.length).toBe(5);

    const preview = await workspace.preview(["--expect-no-changes"]);
    expect(preview.code).not.toBe(0);
    // The planned re-create of the deleted property is looked up once (preflight: is its name taken
    // outside the stack?); the updates of the drifted tag and contact need no call.
    expect(await takeRequests("preview (drift pending)")).toEqual(["GET /contacts/custom-properties"]);

    expectOk(await workspace.up());
    expect((await takeRequests("up (undo drift)")).sort()).toEqual([
      "GET /contacts/custom-properties",
      "PATCH /contact-tags/:contactTagId",
      "PATCH /contacts/:contactId",
      "POST /contacts/custom-properties",
    ]);
    const domain = await domainState();
    expect(domain.contacts.find((c: any) => c.contactId === contactIds.taro).memo).toBe("Key account since 2020");
    expect(domain.contactTags.find((t: any) => t.contactTagId === tagIds.partner).contactTagName).toBe("Partner");

    expectOk(await workspace.refresh(["--expect-no-changes"]));
    await takeRequests("refresh (no drift)");
  });

  it("replaces a custom property whose multiValued changes, deleting it first and warning about lost values", async () => {
    const before = (await outputs()).propertyIds.notes;
    const spec = baseSpec();
    spec.tags!.vip!.contactTagName = "VIP customers";
    spec.contacts!.taro!.memo = "Key account since 2020";
    spec.contacts!.hanako!.tags = ["partner", "vip"];
    spec.customProperties!.notes!.multiValued = true;
    writeSpec(spec);

    const preview = await workspace.preview();
    expectOk(preview);
    const previewText = preview.stdout + preview.stderr;
    expect(previewText).toMatch(/\+-\s+pulumi-nodejs:dynamic\/lineworks:ContactCustomProperty notes/);
    expect(previewText).toContain('the values stored on contacts under "notes" will be lost');
    await takeRequests("preview (replacement)");

    expectOk(await workspace.up());
    expect(await takeRequests("up (replace property)")).toEqual([
      "DELETE /contacts/custom-properties/:customPropertyId",
      "POST /contacts/custom-properties",
    ]);
    const after = (await outputs()).propertyIds.notes;
    expect(after).not.toBe(before);
    const property = (await domainState()).customProperties.find((p: any) => p.customPropertyId === after);
    expect(property).toMatchObject({ propertyName: "notes", multiValued: true });
  });

  it("fails clearly on a name conflict without adopt, and adopts existing objects with adopt: true", async () => {
    const existingTag = await api.createCompanyTag("Existing");
    const existingContact = await api.createContact({
      permission: { masterUserId: "admin@example.com", accessibleRange: "ALL" },
      contactName: { lastName: "Adopted" },
      emails: [{ email: "adoptee@example.com", primary: true }],
      memo: "made by hand",
    });
    const existingProperty = await api.createCustomProperty({ propertyName: "legacy_id", displayName: "Legacy", propertyType: "STRING" });
    await takeRequests("out-of-band creates");

    const spec = baseSpec();
    spec.tags!.vip!.contactTagName = "VIP customers";
    spec.contacts!.taro!.memo = "Key account since 2020";
    spec.contacts!.hanako!.tags = ["partner", "vip"];
    spec.customProperties!.notes!.multiValued = true;
    spec.tags!.existing = { contactTagName: "Existing" };
    writeSpec(spec);
    const conflict = await workspace.up();
    expect(conflict.code).not.toBe(0);
    const conflictText = conflict.stdout + conflict.stderr;
    expect(conflictText).toContain(`contactTagId ${existingTag.contactTagId}`);
    expect(conflictText).toContain("adopt: true");
    await takeRequests("up (conflict)");

    spec.tags!.existing = { contactTagName: "Existing", adopt: true };
    spec.contacts!.adoptee = {
      adopt: true,
      permission: { masterUserId: "admin@example.com", accessibleRange: "ALL" },
      contactName: { lastName: "Adopted", firstName: "Now" },
      emails: [{ email: "adoptee@example.com", primary: true }],
      tags: ["existing"],
      custom: { legacy: { content: "L-1" } },
    };
    spec.customProperties!.legacy = { adopt: true, propertyName: "legacy_id", displayName: "Legacy ID", propertyType: "STRING" };
    writeSpec(spec);
    expectOk(await workspace.up());
    const calls = await takeRequests("up (adopt a tag, a property and a contact)");
    expect(calls.filter((c) => c.startsWith("POST"))).toEqual([]);
    // The tag already matches; the property gets its new displayName; the contact loses its memo (PUT).
    expect(calls.filter((c) => !c.startsWith("GET")).sort()).toEqual([
      "PATCH /contacts/custom-properties/:customPropertyId",
      "PUT /contacts/:contactId",
    ]);

    const { tagIds, contactIds, propertyIds } = await outputs();
    expect(tagIds.existing).toBe(existingTag.contactTagId);
    expect(contactIds.adoptee).toBe(existingContact.contactId);
    expect(propertyIds.legacy).toBe(existingProperty.customPropertyId);
    const adopted = (await domainState()).contacts.find((c: any) => c.contactId === existingContact.contactId);
    expect(adopted.contactName).toEqual({ lastName: "Adopted", firstName: "Now" });
    expect(adopted.memo).toBeUndefined();
    expect(adopted.contactTagIds).toEqual([existingTag.contactTagId]);
    expect(adopted.customProperties).toEqual({ legacy_id: { content: "L-1" } });

    expectOk(await workspace.preview(["--expect-no-changes"]));
    await takeRequests("preview (no change)");
  });

  it("destroys everything and keeps no credential in the state", async () => {
    const backend = workspace.backendText();
    expect(backend).not.toContain("Bearer");
    // No credential, nor access or refresh token the provider obtained (the emulator lists every
    // one it issued), in any form (test/support/secret-search.ts).
    const issued = await issuedTokens(emulator);
    expect(issued.filter((token) => token.kind === "access").length).toBeGreaterThan(0);
    expect((await emulatorSecretSearch(emulator)).findIn([["the state", backend]])).toEqual([]);

    const { contactIds } = await outputs();
    expectOk(await workspace.destroy());
    const calls = await takeRequests("destroy (4 tags, 3 properties, 3 contacts)");
    expect(calls).toContain("DELETE /contacts/:contactId/forcedelete");
    const domain = await domainState();
    expect(domain.contactTags).toEqual([]);
    expect(domain.customProperties).toEqual([]);
    expect(domain.contacts).toEqual([]);
    // Without forceDelete a contact goes to the API's trash (with its photo); hanako had forceDelete: true.
    expect(domain.trashedContacts.map((c: any) => c.contactId).sort()).toEqual([contactIds.adoptee, contactIds.taro].sort());
    expect(domain.photos.map((p: any) => p.contactId)).toEqual([contactIds.taro]);
  });
});
