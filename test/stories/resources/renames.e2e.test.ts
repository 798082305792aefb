/**
 * Issue 19's cases, through the real Pulumi CLI against the emulator process: a key rename
 * never deletes (recognised from the stack's state, or refused naming previousKeys, and the
 * adopt path forgets instead of deleting); tag name swaps and chains converge in one `up`
 * with every contact keeping its tags; `audit --stack` matches by the stack's ids, so a tag
 * renamed in the app is drift of its name, not missing + unmanaged.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../support/cli-runs";
import { client, requestToken, type Client } from "../../support/emulator-http";
import { emulatorDomain, startEmulatorProcess, type EmulatorProcess } from "../../support/emulator-process";
import { expectOk } from "../../support/expect-ok";
import { emulatorProviderEnv } from "../../support/provider-config";
import { createPulumiWorkspace, type PulumiWorkspace } from "../../support/pulumi-workspace";

const PROGRAM = 'module.exports = require("lineworks-contacts-pulumi/provider/desired-state/program").runRootProgram();\n';
const DOMAIN = 10000001;

const contact = (key: string, email: string, tags: string[]) => `  ${key}:
    permission: { masterUserId: admin@example.com, accessibleRange: ALL }
    contactName: { lastName: ${email.split("@")[0]} }
    emails: [{ email: ${email}, primary: true }]
    tags: [${tags.join(", ")}]
`;

function company(tags: Record<string, string>, contacts: string[], extra = ""): string {
  const tagLines = Object.entries(tags).map(([key, name]) => `  ${key}: { contactTagName: ${name} }`);
  return `version: 1\ntags:\n${tagLines.join("\n")}\n${extra}contacts:\n${contacts.join("")}`;
}

describe("renames never delete; swaps converge; audit --stack matches by id", () => {
  let emulator: EmulatorProcess;
  let env: Record<string, string>;
  let workspace: PulumiWorkspace;
  let app: Client;
  let file: string;

  const domain = () => emulatorDomain(emulator, DOMAIN);
  const apiCalls = async () => (await emulator.requests()).filter((entry) => entry.kind === "api").map((entry) => `${entry.method} ${entry.path}`);
  const deletes = async () => (await apiCalls()).filter((call) => call.startsWith("DELETE"));
  const write = (text: string) => fs.writeFileSync(file, text);
  const tagsOf = async (email: string) => {
    const live = await domain();
    const found = live.contacts.find((c: any) => c.emails?.[0]?.email === email);
    return (found.contactTagIds as string[]).map((id) => live.contactTags.find((t: any) => t.contactTagId === id)?.contactTagName).sort();
  };

  beforeAll(async () => {
    emulator = await startEmulatorProcess();
    env = await emulatorProviderEnv(emulator);
    workspace = await createPulumiWorkspace({ program: PROGRAM, env, config: { "lineworks-contacts:files": JSON.stringify(["desired.yaml"]) } });
    file = path.join(workspace.dir, "desired.yaml");
    app = client(emulator, (await requestToken(emulator)).access_token);
  });

  afterAll(async () => {
    await workspace?.dispose();
    await emulator?.stop();
  });

  it("a renamed contact key is recognised from the stack's state: no create, no delete, one contact", async () => {
    write(company({ vip: "VIP", partner: "Partner" }, [contact("kato-yuki", "yuki@acme.example", ["vip"]), contact("sato", "sato@acme.example", ["partner"])]));
    expectOk(await workspace.up());
    const before = (await workspace.outputs()).contactIds as Record<string, string>;

    write(company({ vip: "VIP", partner: "Partner" }, [contact("yuki-kato", "yuki@acme.example", ["vip"]), contact("sato", "sato@acme.example", ["partner"])]));
    await emulator.clearRequests();
    const up = await workspace.up();
    expectOk(up);
    expect(up.stdout + up.stderr).toMatch(/key "yuki-kato" holds the same primary email as "kato-yuki"[\s\S]*previousKeys: \[kato-yuki\]/);
    expect((await apiCalls()).filter((call) => !call.startsWith("GET"))).toEqual([]);
    const after = (await workspace.outputs()).contactIds as Record<string, string>;
    expect(after["yuki-kato"]).toBe(before["kato-yuki"]);
    expect((await domain()).contacts.filter((c: any) => c.emails?.[0]?.email === "yuki@acme.example")).toHaveLength(1);
    expectOk(await workspace.preview(["--expect-no-changes"]));
  });

  it("without the stack's state, a rename is refused naming previousKeys; adopt: true then forgets the old key instead of deleting", async () => {
    const noState = { LINEWORKS_CONTACTS_RECOGNISE_RENAMES: "false" };
    const contactId = ((await workspace.outputs()).contactIds as Record<string, string>)["yuki-kato"];
    write(company({ vip: "VIP", partner: "Partner" }, [contact("kato", "yuki@acme.example", ["vip"]), contact("sato", "sato@acme.example", ["partner"])]));
    await emulator.clearRequests();
    const failed = await workspace.run(["up", "--yes", "--skip-preview", "--stack", workspace.stack], { env: noState });
    expect(failed.code).not.toBe(0);
    expect(failed.stdout + failed.stderr).toMatch(/already exists \(contactId [^)]+\)\. If this stack manages it under another key[\s\S]*previousKeys: \[old-key\]/);
    expect(await deletes()).toEqual([]);

    // The advice for objects made outside the stack, followed here anyway: nothing is deleted.
    write(company({ vip: "VIP", partner: "Partner" }, [contact("kato", "yuki@acme.example", ["vip"]).replace("    tags:", "    adopt: true\n    tags:"), contact("sato", "sato@acme.example", ["partner"])]));
    await emulator.clearRequests();
    const adopted = await workspace.run(["up", "--yes", "--skip-preview", "--stack", workspace.stack], { env: noState });
    expectOk(adopted);
    expect(adopted.stdout + adopted.stderr).toMatch(/was not deleted: a resource of this stack adopted it in this run/);
    expect(await deletes()).toEqual([]);
    expect((await domain()).contacts.map((c: any) => c.contactId)).toContain(contactId);
    expect(((await workspace.outputs()).contactIds as Record<string, string>).kato).toBe(contactId);
    expectOk(await workspace.preview(["--expect-no-changes"]));
  });

  it("two tags swap names (VIP <-> Partner) and a chain moves on, in one up, nothing deleted, contacts keep their tags", async () => {
    const tagIds = (await workspace.outputs()).tagIds as Record<string, string>;
    write(company({ vip: "Partner", partner: "VIP" }, [contact("kato", "yuki@acme.example", ["vip"]), contact("sato", "sato@acme.example", ["partner"])]));
    await emulator.clearRequests();
    expectOk(await workspace.up());
    expect(await deletes()).toEqual([]);
    const live = (await domain()).contactTags;
    expect(live.find((t: any) => t.contactTagId === tagIds.vip).contactTagName).toBe("Partner");
    expect(live.find((t: any) => t.contactTagId === tagIds.partner).contactTagName).toBe("VIP");
    expect(await tagsOf("yuki@acme.example")).toEqual(["Partner"]);
    expect(await tagsOf("sato@acme.example")).toEqual(["VIP"]);
    expectOk(await workspace.preview(["--expect-no-changes"]));

    // A chain: Partner -> Customer while VIP -> Partner.
    write(company({ vip: "Customer", partner: "Partner" }, [contact("kato", "yuki@acme.example", ["vip"]), contact("sato", "sato@acme.example", ["partner"])]));
    await emulator.clearRequests();
    expectOk(await workspace.up());
    expect(await deletes()).toEqual([]);
    expect((await domain()).contactTags.map((t: any) => t.contactTagName).sort()).toEqual(["Customer", "Partner"]);
    expectOk(await workspace.preview(["--expect-no-changes"]));
  });

  it("audit --stack: a tag renamed in the app is drifted (contactTagName); the contacts that carry it are in sync", async () => {
    const tagIds = (await workspace.outputs()).tagIds as Record<string, string>;
    expect((await app.put(`/contact-tags/${tagIds.vip}`, { contactTagName: "Key accounts" })).status).toBe(200);
    const result = await runCli(["audit", "--stack", workspace.stack, "--cwd", workspace.dir, "--json"], { cwd: workspace.dir, env: { ...workspace.env, ...env } });
    expect(result.code, result.stderr).toBe(2);
    expect(JSON.parse(result.stdout)).toEqual({
      inSync: false,
      differences: [{ kind: "tag", status: "drifted", key: "vip", id: tagIds.vip, name: "Customer", fields: ["contactTagName"] }],
      unmanagedContacts: 0,
    });

    // Without a readable state (no pulumi CLI on the PATH), it matches by name and says so.
    const blind = await runCli(["audit", "--stack", workspace.stack, "--cwd", workspace.dir, "--json"], {
      cwd: workspace.dir,
      env: { ...workspace.env, ...env, LINEWORKS_PULUMI: path.join(workspace.dir, "no-such-pulumi") },
    });
    expect(blind.code).toBe(2);
    expect(blind.stderr).toMatch(/could not be read \(no pulumi CLI on the PATH\); matching by natural key/);
    const statuses = JSON.parse(blind.stdout).differences.filter((d: any) => d.kind === "tag").map((d: any) => d.status).sort();
    expect(statuses).toEqual(["missing", "unmanaged"]);
  });

  it("taking the name of an entry removed in the same edit is refused before anything changes, naming both; two steps converge, and up --refresh deletes the removed entry", async () => {
    const tagIds = (await workspace.outputs()).tagIds as Record<string, string>;
    write(company({ vip: "Partner" }, [contact("kato", "yuki@acme.example", ["vip"]), contact("sato", "sato@acme.example", [])]));
    await emulator.clearRequests();
    const refused = await workspace.preview();
    expect(refused.code).not.toBe(0);
    expect(refused.stdout + refused.stderr).toMatch(/tags\.vip: contactTagName "Partner" is still held by tags\.partner, which this edit removes[\s\S]*two steps/);
    expect((await apiCalls()).filter((call) => !call.startsWith("GET"))).toEqual([]);

    // Step 1, with --refresh (the tag was renamed in the app above): the removed entry is deleted, not forgotten.
    write(company({ vip: "Customer" }, [contact("kato", "yuki@acme.example", ["vip"]), contact("sato", "sato@acme.example", [])]));
    await emulator.clearRequests();
    expectOk(await workspace.up(["--refresh"]));
    expect(await deletes()).toEqual(["DELETE /v1.0/contact-tags/" + tagIds.partner]);
    // Step 2: the name is free.
    write(company({ vip: "Partner" }, [contact("kato", "yuki@acme.example", ["vip"]), contact("sato", "sato@acme.example", [])]));
    expectOk(await workspace.up());
    expect((await domain()).contactTags.map((t: any) => [t.contactTagId, t.contactTagName])).toEqual([[tagIds.vip, "Partner"]]);
    expectOk(await workspace.preview(["--expect-no-changes"]));
  });
});
