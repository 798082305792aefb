/**
 * Custom fields and the admin console, through the real `pulumi` CLI and the CLI's audit/export
 * against the emulator process (lineworks-api.md "Outside the API"):
 *  - administrators reorder fields by dragging: that is drift only where the files set
 *    displayOrder, `pulumi up --refresh` puts those back, and `ignoreChanges: [displayOrder]`
 *    leaves the console's order alone, also after a refresh;
 *  - a field made in the console with a random propertyName is exported, adopted and managed from
 *    then on, its generated propertyName kept.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sortedDifferences, startAppStack, type AppStack } from "./e2e-app";
import { expectOk } from "../../support/expect-ok";
import { expectStatus } from "./app-edits";

const FIELDS = `version: 1
customProperties:
  crm: { propertyName: crm_link, displayName: CRM, propertyType: LINK, displayOrder: 1 }
  region: { propertyName: region, displayName: Region, propertyType: STRING }
`;

describe("field order: drift only where the files manage displayOrder", () => {
  let stack: AppStack;
  const order = async () =>
    Object.fromEntries(((await stack.domain()).customProperties as any[]).map((p) => [p.propertyName, p.displayOrder]));
  const ids = async () => Object.fromEntries(((await stack.domain()).customProperties as any[]).map((p) => [p.propertyName, p.customPropertyId]));

  beforeAll(async () => {
    stack = await startAppStack();
    stack.write(FIELDS);
    expectOk(await stack.up(), "first up");
  });
  afterAll(async () => {
    await stack?.dispose();
  });

  it("a drag in the console: audit names only the field whose order the files set; up --refresh puts it back", async () => {
    expect(await order()).toEqual({ crm_link: 1, region: null });
    const { crm_link, region } = await ids();
    expectStatus(await stack.app.reorderFields([region!, crm_link!]), 200, "drag region first");
    expect(await order()).toEqual({ crm_link: 2, region: 1 });

    const audit = await stack.audit();
    expect(audit.code, audit.stderr).toBe(2);
    expect(sortedDifferences(audit.report)).toEqual([
      { kind: "customProperty", status: "drifted", key: "crm", id: crm_link, name: "crm_link", fields: ["displayOrder"] },
    ]);

    await stack.emulator.clearRequests();
    expectOk(await stack.up(["--refresh"]), "up --refresh");
    expect(await order()).toEqual({ crm_link: 1, region: 1 });
    expect((await stack.writes()).map((w) => `${w.method} ${w.path}`)).toEqual([`PATCH /v1.0/contacts/custom-properties/${crm_link}`]);
    expect((await stack.audit()).code).toBe(0);
    const preview = await stack.workspace.preview(["--expect-no-changes"]);
    expect(preview.code, preview.stdout + preview.stderr).toBe(0);
  });

  it("ignoreChanges: [displayOrder] leaves the console's order alone, in audit and after up --refresh", async () => {
    stack.write(FIELDS.replace("displayOrder: 1 }", "displayOrder: 1, ignoreChanges: [displayOrder] }"));
    expectOk(await stack.up(), "up with ignoreChanges");
    const { crm_link, region } = await ids();
    expectStatus(await stack.app.reorderFields([region!, crm_link!]), 200, "drag again");
    expect(await order()).toEqual({ crm_link: 2, region: 1 });

    const audit = await stack.audit();
    expect(audit.code, JSON.stringify(audit.report)).toBe(0);
    await stack.emulator.clearRequests();
    expectOk(await stack.up(["--refresh"]), "up --refresh");
    expect(await stack.writes()).toEqual([]);
    expect(await order()).toEqual({ crm_link: 2, region: 1 });
    const preview = await stack.workspace.preview(["--refresh", "--expect-no-changes"]);
    expect(preview.code, preview.stdout + preview.stderr).toBe(0);
  });
});

describe("a custom field made in the admin console", () => {
  let stack: AppStack;

  beforeAll(async () => {
    stack = await startAppStack();
  });
  afterAll(async () => {
    await stack?.dispose();
  });

  it("is exported, adopted and managed with its generated propertyName kept", async () => {
    const made = expectStatus(await stack.app.addField({ displayName: "Segment", propertyType: "STRING", multiValued: true }), 201, "console field");
    expect(made.propertyName).toMatch(/^[a-z][a-z0-9]{15}$/);

    const exported = await stack.cli(["export", "--out", "exported.yaml"]);
    expect(exported.code, exported.stderr).toBe(0);
    const document = parse(fs.readFileSync(path.join(stack.workspace.dir, "exported.yaml"), "utf8"));
    expect(document.adopt).toBe(true);
    const [key, entry] = Object.entries<any>(document.customProperties)[0]!;
    expect(entry).toMatchObject({ propertyName: made.propertyName, displayName: "Segment", propertyType: "STRING", multiValued: true });

    // The exported entry as the files' own, with a contact that fills it in.
    const files = {
      version: 1,
      customProperties: { [key]: { ...entry, adopt: true } },
      contacts: {
        kenji: {
          permission: { masterUserId: "admin@example.com", accessibleRange: "ALL" },
          contactName: { lastName: "Sato", firstName: "Kenji" },
          emails: [{ email: "kenji@segment.example", primary: true }],
          customProperties: { [key]: [{ content: "Enterprise", represent: true }] },
        },
      },
    };
    stack.write(JSON.stringify(files));
    const validate = await stack.cli(["validate", "desired.yaml"]);
    expect(validate.code, validate.stdout + validate.stderr).toBe(0);
    await stack.emulator.clearRequests();
    expectOk(await stack.up(), "adopting up");
    const written = (await stack.writes()).map((w) => `${w.method} ${w.path}`);
    expect(written).not.toContain("POST /v1.0/contacts/custom-properties");
    expect(written).toContain("POST /v1.0/contacts");
    const live = await stack.domain();
    expect(live.customProperties.map((p: any) => [p.customPropertyId, p.propertyName])).toEqual([[made.customPropertyId, made.propertyName]]);
    expect(live.contacts[0].customProperties).toEqual({ [made.propertyName]: [{ content: "Enterprise", represent: true }] });

    // Managed from now on: a new display name is a PATCH of the same field, propertyName unchanged.
    files.customProperties[key] = { ...entry, displayName: "Segment 2026" };
    stack.write(JSON.stringify(files));
    await stack.emulator.clearRequests();
    expectOk(await stack.up(), "rename up");
    expect((await stack.writes()).map((w) => `${w.method} ${w.path}`)).toEqual([`PATCH /v1.0/contacts/custom-properties/${made.customPropertyId}`]);
    const after = (await stack.domain()).customProperties;
    expect(after.map((p: any) => [p.customPropertyId, p.propertyName, p.displayName])).toEqual([[made.customPropertyId, made.propertyName, "Segment 2026"]]);
    const state = await stack.workspace.exportState();
    expect(JSON.stringify(state.deployment.resources)).toContain(made.propertyName);
    expect((await stack.audit()).code).toBe(0);
    const preview = await stack.workspace.preview(["--expect-no-changes"]);
    expect(preview.code, preview.stdout + preview.stderr).toBe(0);
  });
});
