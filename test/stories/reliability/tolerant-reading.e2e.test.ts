/**
 * Responses are read tolerantly (README "Provider configuration"; lineworks-api.md "Tolerant
 * reading"), through the real commands: with the emulator's `looseResponses` fault (every GET
 * answer carries fields nobody models and null for absent optional fields, and each unfiltered
 * listing ends with a tag, a custom property and a contact holding enum values the docs do not
 * list), `pulumi refresh` and `pulumi preview` of a stack find no change, `export` writes its
 * file, and `audit` reports the managed objects in sync and only the three strangers as what
 * they are. And `audit` reads with list calls only: the routes it calls are asserted, not only
 * the absence of writes.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../support/cli-runs";
import { startEmulatorProcess, type EmulatorProcess } from "../../support/emulator-process";
import { expectOk } from "../../support/expect-ok";
import { emulatorProviderEnv } from "../../support/provider-config";
import { createPulumiWorkspace, type PulumiWorkspace } from "../../support/pulumi-workspace";

const PROGRAM = 'module.exports = require("lineworks-contacts-pulumi/provider/desired-state/program").runRootProgram();\n';
const DESIRED = `version: 1
tags:
  vip: { contactTagName: VIP }
userTags:
  followup: { userId: sales@example.com, contactTagName: Follow up }
customProperties:
  crm: { propertyName: crm_link, displayName: CRM link, propertyType: LINK, displayOrder: 1 }
  notes: { propertyName: notes, displayName: Notes, propertyType: STRING, multiValued: true }
contacts:
  taro:
    permission: { masterUserId: admin@example.com, accessibleRange: ALL }
    contactName: { lastName: Tanaka, firstName: Taro }
    emails: [{ email: taro@acme.example, primary: true }]
    telephones: [{ type: CELLPHONE, telephone: "090-1234-5678", primary: true }]
    events: [{ type: BIRTHDAY, date: "1980-01-02" }]
    memo: Key account
    tags: [vip, followup]
    customProperties:
      crm: { text: CRM, link: "https://crm.example/1" }
      notes: [{ content: Renews in April, represent: true }, { content: Met in Osaka }]
  hana:
    permission: { masterUserId: admin@example.com, accessibleRange: MEMBER, accessibleMembers: [{ id: support@example.com, type: USER }] }
    contactName: { lastName: Sato }
    emails: [{ email: hana@acme.example }]
    telephones: [{ type: WORK, telephone: "03-1111-2222" }]
`;
/** The listings audit may call (lineworks-api.md "Endpoints"): nothing by id, nothing that writes. */
const LIST_ROUTES = ["GET /v1.0/contact-tags", "GET /v1.0/users/:userId/contact-tags", "GET /v1.0/contacts/custom-properties", "GET /v1.0/contacts"];

describe("tolerant reading through refresh, preview, export and audit", () => {
  let emulator: EmulatorProcess;
  let env: Record<string, string>;
  let workspace: PulumiWorkspace;

  const audit = () => runCli(["audit", "desired.yaml", "--json"], { cwd: workspace.dir, env });
  const apiRoutes = async () => (await emulator.requests()).filter((entry) => entry.kind === "api");

  beforeAll(async () => {
    emulator = await startEmulatorProcess({ requestsPerMinute: 100_000 });
    env = await emulatorProviderEnv(emulator);
    workspace = await createPulumiWorkspace({ program: PROGRAM, env, config: { "lineworks-contacts:files": JSON.stringify(["desired.yaml"]) } });
    fs.writeFileSync(path.join(workspace.dir, "desired.yaml"), DESIRED);
    expectOk(await workspace.up());
  });

  afterAll(async () => {
    await workspace?.dispose();
    await emulator?.stop();
  });

  it("audit reads with list calls only, and finds the stack in sync", async () => {
    await emulator.clearRequests();
    const result = await audit();
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ inSync: true, differences: [], unmanagedContacts: 0 });
    const calls = await apiRoutes();
    expect(calls.length).toBeGreaterThan(0);
    expect([...new Set(calls.map((entry) => entry.route))].filter((route) => !LIST_ROUTES.includes(route))).toEqual([]);
    // The tags, the custom properties and the contacts were read.
    expect(calls.map((entry) => entry.route)).toEqual(expect.arrayContaining(["GET /v1.0/contact-tags", "GET /v1.0/contacts/custom-properties", "GET /v1.0/contacts"]));
  });

  describe("with looseResponses", () => {
    beforeAll(async () => {
      await emulator.setFaults({ looseResponses: true });
    });
    afterAll(async () => {
      await emulator.setFaults({});
    });

    it("pulumi refresh reads every object, strangers in the listings included, and finds no change", async () => {
      await emulator.clearRequests();
      expectOk(await workspace.refresh(["--expect-no-changes"]));
      const calls = await apiRoutes();
      expect(calls.every((entry) => entry.method === "GET" && entry.status === 200)).toBe(true);
      // The refresh read an unfiltered contact listing's last page: the one that carries the stranger.
      const listings = calls.filter((entry) => entry.route === "GET /v1.0/contacts");
      expect(listings.some((entry) => Object.keys(entry.query).every((name) => ["count", "cursor", "orderBy"].includes(name)))).toBe(true);
      expectOk(await workspace.preview(["--expect-no-changes"]));
    });

    it("export writes its file, naming what it left out", async () => {
      const result = await runCli(["export", "--out", "exported.yaml"], { cwd: workspace.dir, env });
      expect(result.code, result.stdout + result.stderr).toBe(0);
      expect(fs.readFileSync(path.join(workspace.dir, "exported.yaml"), "utf8")).toContain("taro@acme.example");
      // The stranger contact has no masterUserId (a response may lack it): left out, and said so.
      expect(result.stderr).toMatch(/left out .*emulator-future-contact/);
      // A tag of an unknown type is left out (not written as a company tag), and the file validates:
      // fields a newer API adds inside custom values are not copied.
      expect(fs.readFileSync(path.join(workspace.dir, "exported.yaml"), "utf8")).not.toContain("Shared with partners");
      const validate = await runCli(["validate", "exported.yaml"], { cwd: workspace.dir, env });
      expect(validate.code, validate.stdout + validate.stderr).toBe(0);
    });

    it("audit finds the managed objects in sync and reports only the strangers, with list calls only", async () => {
      await emulator.clearRequests();
      const result = await audit();
      expect(result.code, result.stdout + result.stderr).toBe(2);
      const report = JSON.parse(result.stdout);
      expect(report.inSync).toBe(false);
      // The managed objects match (nulls and unknown fields are no drift); the strangers are unmanaged.
      expect(report.differences.map((d: any) => `${d.kind} ${d.status} ${d.id}`).sort()).toEqual([
        "customProperty unmanaged emulator-future-property",
        "tag unmanaged emulator-future-tag",
      ]);
      expect(report.unmanagedContacts).toBe(1);
      const routes = new Set((await apiRoutes()).map((entry) => entry.route));
      expect([...routes].filter((route) => !LIST_ROUTES.includes(route))).toEqual([]);
    });
  });
});
