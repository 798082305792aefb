/**
 * Issue 28 items 1 and 3 through the real Pulumi CLI against the emulator process: the delete
 * guard (`lineworks-contacts:maxDeletes`) refuses a run that would delete more than the limit at
 * preview and at `up`, with nothing written, and lets it through once the limit is raised; a
 * custom property definition counts its values; a contact whose key and email change together
 * is warned about, naming previousKeys; a misspelt config key fails `pulumi preview` with the
 * suggestion and no API call, and `validate --stack` reports it.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emulatorDomain, startEmulatorProcess, type EmulatorProcess } from "../../support/emulator-process";
import { expectOk } from "../../support/expect-ok";
import { emulatorProviderEnv } from "../../support/provider-config";
import { createPulumiWorkspace, type PulumiWorkspace } from "../../support/pulumi-workspace";
import { runCli, writes } from "../../support/cli-runs";

const PROGRAM = 'module.exports = require("lineworks-contacts-pulumi/provider/desired-state/program").runRootProgram();\n';
const DOMAIN = 10000001;
const KEYS = Array.from({ length: 12 }, (_, i) => `c${String(i).padStart(2, "0")}`);
/** The first three contacts carry a value for the crm property. */
const WITH_VALUE = new Set(KEYS.slice(0, 3));

function contact(key: string, options: { value?: boolean; email?: string; index?: number } = {}): string {
  const index = options.index ?? Number(key.slice(1));
  return (
    `  ${key}:\n` +
    `    permission: { masterUserId: admin@example.com, accessibleRange: ALL }\n` +
    `    contactName: { lastName: Family${index}, firstName: Given${index} }\n` +
    `    emails: [{ email: ${options.email ?? `${key}@acme.example`}, primary: true }]\n` +
    (options.value ? `    customProperties: { crm: { text: CRM, link: "https://crm.example/${key}" } }\n` : "")
  );
}

function yaml(options: { keys?: readonly string[]; property?: boolean; rename?: [string, string] } = {}): string {
  const { keys = KEYS, property = true, rename } = options;
  const contacts = keys.map((key) =>
    rename && key === rename[0] ? contact(rename[1], { email: `${rename[1]}@new.example`, index: Number(key.slice(1)) }) : contact(key, { value: property && WITH_VALUE.has(key) }),
  );
  return (
    "version: 1\n" +
    (property ? "customProperties:\n  crm: { propertyName: crm_link, displayName: CRM link, propertyType: LINK }\n" : "") +
    `contacts:\n${contacts.join("")}`
  );
}

describe("the root program's guards: maxDeletes and unknown config keys", () => {
  let emulator: EmulatorProcess;
  let workspace: PulumiWorkspace;
  let file: string;
  const output = (result: { stdout: string; stderr: string }) => result.stdout + result.stderr;
  const apiRequests = async () => (await emulator.requests()).filter((entry) => entry.kind === "api");

  beforeAll(async () => {
    emulator = await startEmulatorProcess();
    workspace = await createPulumiWorkspace({
      program: PROGRAM,
      env: await emulatorProviderEnv(emulator),
      config: { "lineworks-contacts:files": JSON.stringify(["desired.yaml"]) },
    });
    file = path.join(workspace.dir, "desired.yaml");
    fs.writeFileSync(file, yaml());
    expectOk(await workspace.up());
  });

  afterAll(async () => {
    await workspace?.dispose();
    await emulator?.stop();
  });

  it("11 contact deletes are refused by default at preview and at up, nothing written; maxDeletes 20 lets them through", async () => {
    fs.writeFileSync(file, yaml({ keys: KEYS.slice(0, 1) }));
    try {
      await emulator.clearRequests();
      const preview = await workspace.preview();
      expect(preview.code).not.toBe(0);
      // c00 stays; c01..c11 go (c01 and c02 carry crm values, which go with them, not counted twice).
      expect(output(preview)).toContain("This run would delete 11 objects, more than lineworks-contacts:maxDeletes allows (10)");
      expect(output(preview)).toContain("contacts.c01 (Family1 Given1)");
      expect(output(preview)).toContain("contacts.c11 (Family11 Given11)");
      expect(output(preview)).toContain("pulumi config set lineworks-contacts:maxDeletes 11");
      expect(output(preview)).not.toMatch(/urn:pulumi/);

      const up = await workspace.up();
      expect(up.code).not.toBe(0);
      expect(output(up)).toContain("This run would delete 11 objects");
      expect(writes(await emulator.requests())).toEqual([]);
      expect((await emulatorDomain(emulator, DOMAIN)).contacts).toHaveLength(12);

      await workspace.setConfig("lineworks-contacts:maxDeletes", "20");
      const allowed = await workspace.preview();
      expectOk(allowed);
      expect(allowed.stdout).toMatch(/11 to delete/);
    } finally {
      fs.writeFileSync(file, yaml());
      await workspace.run(["config", "rm", "--stack", workspace.stack, "lineworks-contacts:maxDeletes"]);
    }
  });

  it("deleting a custom property definition counts its values on the stack's contacts", async () => {
    fs.writeFileSync(file, yaml({ property: false }));
    await workspace.setConfig("lineworks-contacts:maxDeletes", "3");
    try {
      await emulator.clearRequests();
      const preview = await workspace.preview();
      expect(preview.code).not.toBe(0);
      expect(output(preview)).toContain("This run would delete 4 objects, more than lineworks-contacts:maxDeletes allows (3)");
      expect(output(preview)).toContain("customProperties.crm (CRM link), with its values on 3 contacts (c00, c01, c02)");
      expect(writes(await emulator.requests())).toEqual([]);

      await workspace.setConfig("lineworks-contacts:maxDeletes", "4");
      expectOk(await workspace.preview());
    } finally {
      fs.writeFileSync(file, yaml());
      await workspace.run(["config", "rm", "--stack", workspace.stack, "lineworks-contacts:maxDeletes"]);
    }
  });

  it("a contact whose key and email change together: the preview warns, naming both keys and previousKeys", async () => {
    fs.writeFileSync(file, yaml({ rename: ["c05", "family5-given5"] }));
    try {
      const preview = await workspace.preview();
      expectOk(preview);
      expect(output(preview)).toContain(
        'contacts.family5-given5 has the same display name "Family5 Given5" as contacts.c05, which this edit removes: ' +
          "as written, the contact is deleted (to the trash) and a new one created with a new id. " +
          "If it is the same object, write previousKeys: [c05] on contacts.family5-given5 to keep it.",
      );
    } finally {
      fs.writeFileSync(file, yaml());
    }
  });

  it("without the stack's state the guard says, once, that it could not count", async () => {
    const preview = await workspace.run(["preview", "--stack", workspace.stack], { env: { LINEWORKS_CONTACTS_RECOGNISE_RENAMES: "false" } });
    expectOk(preview);
    // Pulumi shows a warning on the stack's progress line and once more under Diagnostics: one diagnostic.
    const diagnostics = preview.stdout.slice(preview.stdout.indexOf("Diagnostics:"));
    expect(diagnostics.match(/lineworks-contacts:maxDeletes: the stack's previous state could not be read \(LINEWORKS_CONTACTS_RECOGNISE_RENAMES=false\), so this run's deletes were not counted/g)).toHaveLength(1);
  });

  it("a misspelt lineworks:domainID fails pulumi preview with the suggestion and no API call; validate --stack reports it", async () => {
    await workspace.setConfig("lineworks:domainID", String(DOMAIN));
    try {
      await emulator.clearRequests();
      const preview = await workspace.preview();
      expect(preview.code).not.toBe(0);
      expect(output(preview)).toContain(`unknown config key lineworks:domainID in Pulumi.${workspace.stack}.yaml; did you mean lineworks:domainId?`);
      expect(await apiRequests()).toEqual([]);

      const validate = await runCli(["validate", "--stack", workspace.stack], { cwd: workspace.dir, env: workspace.env });
      expect(validate.code).toBe(1);
      expect(validate.stdout).toContain(`unknown config key lineworks:domainID in Pulumi.${workspace.stack}.yaml; did you mean lineworks:domainId?`);
    } finally {
      await workspace.run(["config", "rm", "--stack", workspace.stack, "lineworks:domainID"]);
    }
    const validate = await runCli(["validate", "--stack", workspace.stack], { cwd: workspace.dir, env: workspace.env });
    expect(validate.code, output(validate)).toBe(0);
  });

  it("pulumi destroy is not guarded: 12 contacts and a property go with the default limit", async () => {
    const destroy = await workspace.destroy();
    expectOk(destroy);
    // 12 contacts, the property, the stack's tenant record, the component and the stack.
    expect(destroy.stdout).toMatch(/16 deleted/);
    expect((await emulatorDomain(emulator, DOMAIN)).contacts).toEqual([]);
  });
});
