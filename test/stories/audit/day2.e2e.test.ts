/**
 * Day-2 operations through the real Pulumi CLI and the CLI's `audit`, against the emulator
 * process: out-of-band changes made by direct HTTP calls are reported exactly and read-only;
 * `pulumi up --refresh` restores managed fields and leaves ignored ones; protect and
 * retainOnDelete behave as Pulumi's options; bad options fail `pulumi preview` before any call.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { problemLines, runCli, writes } from "../../support/cli-runs";
import { client, requestToken, type Client } from "../../support/emulator-http";
import { emulatorDomain, startEmulatorProcess, type EmulatorProcess } from "../../support/emulator-process";
import { emulatorProviderEnv } from "../../support/provider-config";
import { createPulumiWorkspace, type PulumiWorkspace } from "../../support/pulumi-workspace";

const PROGRAM = 'module.exports = require("lineworks-contacts-pulumi/provider/desired-state/program").runRootProgram();\n';
const DOMAIN = 10000001;
const APP_MEMO = "app-only memo 7f3a";
const DESIRED = `version: 1
tags:
  vip: { contactTagName: VIP }
  partner: { contactTagName: Partner, protect: true }
  press: { contactTagName: Press, retainOnDelete: true }
customProperties:
  crm: { propertyName: crm_link, displayName: CRM link, propertyType: LINK }
contacts:
  taro:
    permission: { masterUserId: admin@example.com, accessibleRange: ALL }
    contactName: { lastName: Tanaka, firstName: Taro }
    emails: [{ email: taro@acme.example, primary: true }]
    memo: Key account
    ignoreChanges: [memo]
    tags: [vip, partner]
    customProperties: { crm: { text: CRM, link: "https://crm.example/1" } }
  hana:
    permission: { masterUserId: admin@example.com, accessibleRange: ALL }
    contactName: { lastName: Sato, firstName: Hana }
    emails: [{ email: hana@acme.example, primary: true }]
    telephones: [{ type: CELLPHONE, telephone: "090-1111-2222", primary: true }]
    memo: Supplier
`;

interface LiveTag {
  contactTagId: string;
  contactTagName: string;
}

describe("day 2: audit, refresh with ignoreChanges, protect, retainOnDelete", () => {
  let emulator: EmulatorProcess;
  let env: Record<string, string>;
  let workspace: PulumiWorkspace;
  let app: Client;
  let file: string;

  const domain = () => emulatorDomain(emulator, DOMAIN);
  const liveTags = async (): Promise<LiveTag[]> => (await domain()).contactTags;
  const liveContact = async (email: string) => (await domain()).contacts.find((c: any) => c.emails?.[0]?.email === email);
  const audit = (args: string[] = []) => runCli(["audit", "desired.yaml", ...args], { cwd: workspace.dir, env });

  beforeAll(async () => {
    emulator = await startEmulatorProcess();
    env = await emulatorProviderEnv(emulator);
    workspace = await createPulumiWorkspace({
      program: PROGRAM,
      env,
      config: { "lineworks-contacts:files": JSON.stringify(["desired.yaml"]) },
    });
    file = path.join(workspace.dir, "desired.yaml");
    fs.writeFileSync(file, DESIRED);
    app = client(emulator, (await requestToken(emulator)).access_token);
  });

  afterAll(async () => {
    await workspace?.dispose();
    await emulator?.stop();
  });

  it("an unknown ignoreChanges field fails pulumi preview at FILE:LINE:COL before any API call", async () => {
    fs.writeFileSync(file, DESIRED.replace("ignoreChanges: [memo]", "ignoreChanges: [memo, colour]"));
    try {
      await emulator.clearRequests();
      const preview = await workspace.preview();
      expect(preview.code).not.toBe(0);
      expect(problemLines(preview.stdout + preview.stderr)).toContainEqual(
        expect.stringMatching(/^desired\.yaml:14:27: contacts\.taro\.ignoreChanges\[1\]: unknown field "colour" for contacts/),
      );
      expect((await emulator.requests()).filter((entry) => entry.kind === "api")).toEqual([]);
    } finally {
      fs.writeFileSync(file, DESIRED);
    }
  });

  it("after up, audit finds the domain in sync (exit 0) and makes only GET calls", async () => {
    const up = await workspace.up();
    expect(up.code, up.stdout + up.stderr).toBe(0);
    await emulator.clearRequests();
    const result = await audit(["--json"]);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ inSync: true, differences: [], unmanagedContacts: 0 });
    const log = await emulator.requests();
    expect(log.filter((entry) => entry.kind === "api").length).toBeGreaterThan(0);
    expect(writes(log)).toEqual([]);

    // Contacts people add in the app are the normal life of a domain: counted, not drift.
    const stranger = await app.post("/contacts", {
      permission: { masterUserId: "admin@example.com", accessibleRange: "ALL" },
      contactName: { lastName: "Stranger" },
      emails: [{ email: "stranger@elsewhere.example", primary: true }],
    });
    expect(stranger.status).toBe(201);
    const withStranger = await audit(["--json"]);
    expect(withStranger.code, withStranger.stderr).toBe(0);
    expect(JSON.parse(withStranger.stdout)).toEqual({ inSync: true, differences: [], unmanagedContacts: 1 });
    const text = await audit([]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/1 contact in LINE WORKS that no file describes/);
  });

  it("reports out-of-band changes exactly, read-only, exit 2, without printing secret values", async () => {
    const vip = (await liveTags()).find((tag) => tag.contactTagName === "VIP")!;
    const taro = await liveContact("taro@acme.example");
    const hana = await liveContact("hana@acme.example");
    expect((await app.patch(`/contact-tags/${vip.contactTagId}`, { contactTagName: "VIP Gold" })).status).toBe(200);
    const added = await app.post("/contact-tags", { contactTagName: "Hand made" });
    expect(added.status).toBe(201);
    expect((await app.patch(`/contacts/${taro.contactId}`, { memo: APP_MEMO })).status).toBe(200);
    expect((await app.patch(`/contacts/${hana.contactId}`, { memo: APP_MEMO })).status).toBe(200);

    await emulator.clearRequests();
    const json = await audit(["--json"]);
    expect(json.code, json.stderr).toBe(2);
    const report = JSON.parse(json.stdout);
    expect(report.inSync).toBe(false);
    expect(report.unmanagedContacts).toBe(1);
    const sortKey = (d: any) => `${d.kind} ${d.status} ${d.name}`;
    expect([...report.differences].sort((a: any, b: any) => sortKey(a).localeCompare(sortKey(b)))).toEqual([
      { kind: "contact", status: "drifted", key: "hana", id: hana.contactId, name: "hana@acme.example", fields: ["memo"] },
      // taro's memo is in ignoreChanges: not compared. Its tag now has another name.
      { kind: "contact", status: "drifted", key: "taro", id: taro.contactId, name: "taro@acme.example", fields: ["tags"] },
      { kind: "tag", status: "missing", key: "vip", id: null, name: "VIP", fields: [] },
      { kind: "tag", status: "unmanaged", key: null, id: added.body.contactTagId, name: "Hand made", fields: [] },
      { kind: "tag", status: "unmanaged", key: null, id: vip.contactTagId, name: "VIP Gold", fields: [] },
    ]);

    const text = await audit();
    expect(text.code).toBe(2);
    expect(text.stdout).toMatch(/^contact hana "hana@acme\.example" id \S+: drifted \(memo\)$/m);
    expect(text.stdout).toMatch(/^company tag - "Hand made" id \S+: unmanaged/m);
    expect(text.stdout).toMatch(/^1 contact in LINE WORKS that no file describes$/m);
    expect(text.stdout.trim().split("\n").pop()).toMatch(/^not in sync: 2 drifted, 1 missing, 2 unmanaged; in sync: /);
    for (const output of [json.stdout, json.stderr, text.stdout, text.stderr]) {
      expect(output).not.toContain(APP_MEMO);
      expect(output).not.toContain("Supplier");
    }
    expect(writes(await emulator.requests())).toEqual([]);
  });

  it("pulumi up --refresh renames the tag back and keeps the ignored memo's app value", async () => {
    const up = await workspace.up(["--refresh"]);
    expect(up.code, up.stdout + up.stderr).toBe(0);
    const names = (await liveTags()).map((tag) => tag.contactTagName).sort();
    expect(names).toEqual(["Hand made", "Partner", "Press", "VIP"]);
    expect((await liveContact("hana@acme.example")).memo).toBe("Supplier");
    expect((await liveContact("taro@acme.example")).memo).toBe(APP_MEMO);
  });

  it("removing a protected entry fails and deletes nothing", async () => {
    fs.writeFileSync(file, DESIRED.replace("  partner: { contactTagName: Partner, protect: true }\n", "").replace("tags: [vip, partner]", "tags: [vip]"));
    await emulator.clearRequests();
    const up = await workspace.up();
    expect(up.code).not.toBe(0);
    expect(up.stdout + up.stderr).toMatch(/protect/);
    expect((await emulator.requests()).filter((entry) => entry.kind === "api" && entry.method === "DELETE")).toEqual([]);
    expect((await liveTags()).map((tag) => tag.contactTagName)).toContain("Partner");
  });

  it("unprotect, then remove; a retained entry removed from the files stays in LINE WORKS", async () => {
    fs.writeFileSync(file, DESIRED.replace("protect: true", "protect: false"));
    const unprotect = await workspace.up();
    expect(unprotect.code, unprotect.stdout + unprotect.stderr).toBe(0);

    fs.writeFileSync(
      file,
      DESIRED.replace("  partner: { contactTagName: Partner, protect: true }\n", "")
        .replace("  press: { contactTagName: Press, retainOnDelete: true }\n", "")
        .replace("tags: [vip, partner]", "tags: [vip]"),
    );
    const up = await workspace.up();
    expect(up.code, up.stdout + up.stderr).toBe(0);
    const names = (await liveTags()).map((tag) => tag.contactTagName);
    expect(names).not.toContain("Partner");
    expect(names).toContain("Press");
    const state = await workspace.exportState();
    expect(JSON.stringify(state.deployment.resources)).not.toContain('"press"');
  });

  it("wrong credentials or an unreachable endpoint: exit 1 with a one-line reason", async () => {
    const wrong = await runCli(["audit", "desired.yaml"], { cwd: workspace.dir, env: { ...env, LINEWORKS_CLIENT_SECRET: "wrong" } });
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toBe("");
    expect(wrong.stderr.trim().split("\n")).toHaveLength(1);
    expect(wrong.stderr).not.toContain("wrong\n");
    const unreachable = await runCli(["audit", "desired.yaml"], {
      cwd: workspace.dir,
      env: { ...env, LINEWORKS_API_BASE_URL: "http://127.0.0.1:9/v1.0", LINEWORKS_AUTH_URL: "http://127.0.0.1:9/oauth2/v2.0/token" },
    });
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr.trim().split("\n")).toHaveLength(1);
  }, 120_000);
});
