/**
 * Issue 29 item 5, the cuts: "did you mean" for enum values (`MOBILE`, `cellphone`) and for a
 * misspelt `lineworks-contacts:file`, in `validate` and in `pulumi preview`; `validate` with
 * neither FILE nor --stack validates the stack pulumi has selected; one message per missing var,
 * naming the config key to set and never telling pulumi users to pass --var; an audit summary
 * that names only the statuses that occur.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatAuditText } from "../../provider/audit/format";
import { runCli } from "../support/cli-runs";
import { createPulumiWorkspace, type PulumiWorkspace } from "../support/pulumi-workspace";

const PROGRAM = 'module.exports = require("lineworks-contacts-pulumi/provider/desired-state/program").runRootProgram();\n';
// ${vars.owner} used four times; two telephone types and a property type in other spellings.
const CONTACTS = `version: 1
customProperties:
  crm: { propertyName: crm_link, displayName: CRM link, propertyType: link }
contacts:
  a:
    permission: { masterUserId: "\${vars.owner}", accessibleRange: ALL }
    contactName: { lastName: A }
    emails: [{ email: a@example.com, primary: true }]
    telephones: [{ type: MOBILE, telephone: "090-1234-5678", primary: true }, { type: cellphone, telephone: "090-1234-5679" }]
  b:
    permission: { masterUserId: "\${vars.owner}", accessibleRange: ALL }
    contactName: { lastName: B }
    emails: [{ email: b@example.com, primary: true }]
  c:
    permission: { masterUserId: "\${vars.owner}", accessibleRange: ALL }
    contactName: { lastName: C, firstName: "\${vars.owner}" }
    emails: [{ email: c@example.com, primary: true }]
`;
const SET_OWNER = "pulumi config set --path 'lineworks-contacts:vars.owner' VALUE";

describe("the cuts of issue 29", () => {
  let ws: PulumiWorkspace;
  let env: Record<string, string>;

  beforeAll(async () => {
    // A stack whose files key is misspelt; `pulumi stack init` selects it.
    ws = await createPulumiWorkspace({ program: PROGRAM, projectName: "lwc-cuts", stack: "team", config: { "lineworks-contacts:file": JSON.stringify(["contacts.yaml"]) } });
    fs.writeFileSync(path.join(ws.dir, "contacts.yaml"), CONTACTS);
    env = { ...ws.env };
  }, 300_000);
  afterAll(async () => {
    await ws?.dispose();
  });

  it("enum values: the value meant, for another case, a synonym or a close spelling", async () => {
    const result = await runCli(["validate", "contacts.yaml", "--var", "owner=admin@example.com"], { cwd: ws.dir, env: env, onlyEnv: true });
    expect(result.code).toBe(1);
    const lines = result.stdout.trim().split("\n");
    expect(lines.filter((line) => /telephones\[\d\]\.type: must be one of .*; did you mean "CELLPHONE"\?$/.test(line))).toHaveLength(2);
    expect(lines).toContainEqual(expect.stringMatching(/customProperties\.crm\.propertyType: must be one of "STRING", "LINK"; did you mean "LINK"\?$/));
  });

  it("lineworks-contacts:file: validate --stack and pulumi preview both name lineworks-contacts:files", async () => {
    const validate = await runCli(["validate", "--stack", "team"], { cwd: ws.dir, env: env, onlyEnv: true });
    expect(validate.code).toBe(1);
    expect(validate.stderr).toMatch(/lineworks-contacts:files is not set: unknown config key lineworks-contacts:file in Pulumi\.team\.yaml; did you mean lineworks-contacts:files\? Rename it: pulumi config rm lineworks-contacts:file/);
    const preview = await ws.run(["preview", "--stack", "team"]);
    expect(preview.code).toBe(1);
    expect(preview.stdout + preview.stderr).toMatch(/unknown config key lineworks-contacts:file in Pulumi\.team\.yaml; did you mean lineworks-contacts:files\?/);
  }, 300_000);

  it("a missing var: one message naming the config key, in pulumi preview (no --var) and in validate on the selected stack", async () => {
    expect((await ws.run(["config", "rm", "--stack", "team", "lineworks-contacts:file"])).code).toBe(0);
    expect((await ws.run(["config", "set", "--stack", "team", "lineworks-contacts:files", '["contacts.yaml"]'])).code).toBe(0);
    const preview = await ws.run(["preview", "--stack", "team"]);
    expect(preview.code).toBe(1);
    const output = preview.stdout + preview.stderr;
    const messages = output.split("\n").filter((line) => line.includes("undefined variable ${vars.owner}"));
    expect(messages.length, output).toBeGreaterThan(0);
    // Pulumi may echo a diagnostic in its summary; each line is the one message, with every place.
    expect(new Set(messages.map((line) => line.trim().replace(/^error:\s*/, "")))).toHaveProperty("size", 1);
    expect(messages[0]).toContain(`undefined variable \${vars.owner}: set it with ${SET_OWNER} (also at `);
    expect(output).not.toMatch(/--var/);

    // Neither FILE nor --stack: the selected stack (team), said on stderr.
    const validate = await runCli(["validate"], { cwd: ws.dir, env: env, onlyEnv: true });
    expect(validate.code).toBe(1);
    expect(validate.stderr).toContain("validate: no FILE or --stack given: validating the selected stack team");
    const undefinedLines = validate.stdout.split("\n").filter((line) => line.includes("undefined variable"));
    expect(undefinedLines).toEqual([expect.stringMatching(new RegExp(`^contacts\\.yaml:6:\\d+: undefined variable \\$\\{vars\\.owner\\}: set it with ${SET_OWNER.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} --stack team \\(or give --var owner=VALUE\\) \\(also at 11:\\d+, 15:\\d+, 16:\\d+\\)$`))]);
  }, 300_000);

  it("validate of files alone, without --var: one note per variable, with every place", async () => {
    const result = await runCli(["validate", "contacts.yaml"], { cwd: ws.dir, env: env, onlyEnv: true });
    const notes = result.stderr.split("\n").filter((line) => line.startsWith("note:"));
    expect(notes).toEqual([expect.stringMatching(/^note: contacts\.yaml:6:\d+: \$\{vars\.owner\} has no value offline; give --var owner=VALUE to check the fields that use it \(also at 11:\d+, 15:\d+, 16:\d+\)$/)]);
  });

  it("validate with neither FILE nor --stack and no selected stack: a usage error naming both ways out", async () => {
    const elsewhere = fs.mkdtempSync(path.join(ws.backendDir, "..", "no-project-"));
    const result = await runCli(["validate"], { cwd: elsewhere, env: env, onlyEnv: true });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toMatch(/^error: give desired-state FILEs or --stack NAME \(no selected stack to validate: .*; select one with pulumi stack select NAME\)$/);
  });

  it("the audit summary names only the statuses that occur", () => {
    const inSyncCount = { tag: 2, userTag: 0, customProperty: 1, contact: 3 };
    const drifted = { kind: "tag" as const, status: "drifted" as const, key: "vip", id: "t1", name: "VIP", fields: ["contactTagName"] };
    const text = formatAuditText({ report: { inSync: false, differences: [drifted], unmanagedContacts: 0 }, inSyncCount, contactsWithoutEmail: [] });
    expect(text.trim().split("\n").pop()).toBe("not in sync: 1 drifted; in sync: 2 company tags, 0 user tags, 1 custom property, 3 contacts");
    expect(text).not.toMatch(/\b0 (unmanaged|missing|drifted)/);
    const withContacts = formatAuditText({ report: { inSync: false, differences: [drifted], unmanagedContacts: 4 }, inSyncCount, contactsWithoutEmail: [] });
    expect(withContacts).toContain("4 contacts in LINE WORKS that no file describes\n");
    expect(withContacts).not.toMatch(/unmanaged contacts/);
  });
});
