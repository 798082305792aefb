/**
 * Captures the previews `plan`'s unit tests render (test/stories/plan/fixtures/*.json) from the real
 * `pulumi preview --json` against the emulator. Regenerate them with
 *
 *   LWC_CAPTURE_PLAN_FIXTURES=1 npx vitest run test/stories/plan/capture-fixtures.e2e.test.ts
 *
 * (skipped otherwise: the fixtures are committed). Each scenario starts from the applied
 * project (test/stories/plan/project), edits it, previews, and puts the files back. The serialized
 * dynamic provider (`__provider`, some 10 KB per resource) and source positions are left out
 * of the files; nothing else is changed.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, it } from "vitest";
import { appEdits, expectStatus } from "../app/app-edits";
import { PNG } from "../ci-safety/photo-fixtures";
import { expectOk } from "../../support/expect-ok";
import { emulatorDomain } from "../../support/emulator-process";
import { startPlanProject, type PlanProject } from "./plan-project";

const FIXTURES = path.join(__dirname, "fixtures");

/** The preview without what only makes the file big or machine-specific. */
export function slimPreview(json: string): string {
  const preview = JSON.parse(json);
  for (const step of preview.steps ?? []) {
    for (const side of ["oldState", "newState"]) {
      const state = step[side];
      if (!state) continue;
      delete state.sourcePosition;
      delete state.stackTrace;
      delete state.propertyDependencies;
      for (const bag of [state.inputs, state.outputs]) if (bag && "__provider" in bag) bag.__provider = "(serialized provider left out)";
    }
  }
  return `${JSON.stringify(preview, null, 2)}\n`;
}

/** A state's property bag without the serialized provider and secrets (ciphertext, of no use to a fixture). */
function slimBag(bag: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!bag) return bag;
  return Object.fromEntries(Object.entries(bag).filter(([key, value]) => key !== "__provider" && !(typeof value === "object" && value !== null && "ciphertext" in value)));
}

const edit = (project: PlanProject, name: string, pairs: Array<[string, string]>) => {
  let text = project.read(name);
  for (const [from, to] of pairs) {
    if (!text.includes(from)) throw new Error(`${name} has no ${JSON.stringify(from)}`);
    text = text.replace(from, to);
  }
  project.write(name, text);
};

describe.skipIf(!process.env.LWC_CAPTURE_PLAN_FIXTURES)("capture plan fixtures", () => {
  let project: PlanProject;
  const capture = async (name: string, extraArgs: string[] = []) => {
    fs.writeFileSync(path.join(FIXTURES, `${name}.json`), slimPreview(await project.previewJson(extraArgs)));
    project.restoreFiles();
  };

  beforeAll(async () => {
    fs.mkdirSync(FIXTURES, { recursive: true });
    project = await startPlanProject();
    // What `plan --stack` reads for names the plan lacks: the applied project's state (ids and names only).
    const exported = await project.workspace.exportState();
    const resources = exported.deployment.resources
      .filter((resource: any) => String(resource.type).includes("lineworks:"))
      .map(({ urn, type, id, inputs, outputs }: any) => ({ urn, type, id, inputs: slimBag(inputs), outputs: slimBag(outputs) }));
    fs.writeFileSync(path.join(FIXTURES, "stack-export.json"), `${JSON.stringify({ version: 3, deployment: { resources } }, null, 2)}\n`);
  }, 300_000);
  afterAll(async () => project?.dispose());

  it("update: fields, tags, values, photo bytes, a tag and a property renamed, new tag and contact", async () => {
    edit(project, "contacts.yaml", [
      ["memo: Prefers mornings", "memo: Prefers afternoons"],
      ["tags: [vip]\n", "tags: [partner]\n"],
      ['link: "https://crm.example/1"', 'link: "https://crm.example/2"'],
      ['      - { type: CELLPHONE, telephone: "090-1234-5678" }\n', '      - { type: CELLPHONE, telephone: "090-1234-5678" }\n      - { type: HOME, telephone: "03-9999-0000" }\n'],
      ["tags: [prospect, followup]", "tags: [followup, prospect]"],
      ["  test-customer:\n", "  suzuki-ichiro:\n    permission: { masterUserId: \"${vars.owner}\", accessibleRange: ALL }\n    contactName: { lastName: 鈴木, firstName: 一郎 }\n    emails: [{ email: ichiro@press.example, primary: true }]\n    tags: [press, vip]\n\n  test-customer:\n"],
    ]);
    edit(project, "company.yaml", [
      ["prospect: { contactTagName: 見込み客 }", "prospect: { contactTagName: 見込み顧客 }\n  press: { contactTagName: 報道 }"],
      ["displayName: Region,", "displayName: 地域,"],
    ]);
    project.write("photos/kato-yoko.png", Buffer.concat([PNG, Buffer.from("second version")]));
    await capture("update");
  }, 180_000);

  it("rename: keys renamed with previousKeys", async () => {
    edit(project, "contacts.yaml", [["  tanaka-taro:\n", "  taro-tanaka:\n    previousKeys: [tanaka-taro]\n"], ["tags: [vip, partner]", "tags: [vip, client]"]]);
    edit(project, "company.yaml", [["  partner: { contactTagName: 取引先 }", "  client: { contactTagName: 取引先, previousKeys: [partner] }"]]);
    await capture("rename");
  }, 180_000);

  it("delete: a contact removed, a property replaced", async () => {
    const text = project.read("contacts.yaml");
    project.write("contacts.yaml", text.slice(0, text.indexOf("  test-customer:\n")));
    edit(project, "company.yaml", [["propertyName: sales_region", "propertyName: area"]]);
    await capture("delete");
  }, 180_000);

  it("adoption: entries with adopt: true for objects made in the app", async () => {
    const app = appEdits(project.emulator.url, (await project.emulator.credentials()).domainId);
    expectStatus(await app.addCompanyTag("報道"), 201, "add tag");
    expectStatus(
      await app.addContact({
        contactName: { lastName: "鈴木", firstName: "一郎" },
        emails: [{ email: "Ichiro@press.example", primary: true }],
        permission: { masterUserId: "admin@example.com", accessibleRange: "ALL" },
      }),
      201,
      "add contact",
    );
    edit(project, "company.yaml", [["  prospect: { contactTagName: 見込み客 }", "  prospect: { contactTagName: 見込み客 }\n  press: { contactTagName: 報道, adopt: true }"]]);
    edit(project, "contacts.yaml", [
      ["  test-customer:\n", "  suzuki-ichiro:\n    adopt: true\n    permission: { masterUserId: \"${vars.owner}\", accessibleRange: ALL }\n    contactName: { lastName: 鈴木, firstName: 一郎 }\n    emails: [{ email: ichiro@press.example, primary: true }]\n\n  test-customer:\n"],
    ]);
    await capture("adoption");
  }, 180_000);

  it("drift: edits in the app found by preview --refresh, beside a file change", async () => {
    const domainId = (await project.emulator.credentials()).domainId;
    const app = appEdits(project.emulator.url, domainId);
    const domain = await emulatorDomain(project.emulator, domainId);
    const tagId = (name: string) => domain.contactTags.find((t: any) => t.contactTagName === name).contactTagId;
    const contactId = (email: string) => domain.contacts.find((c: any) => c.emails?.[0]?.email === email).contactId;
    expectStatus(await app.renameCompanyTag(tagId("VIP"), "VIP顧客"), 200, "rename tag");
    expectStatus(await app.editContact(contactId("yoko.kato@acme.example"), { memo: "Edited in the app", contactTagIds: [tagId("VIP"), tagId("取引先")] }), 200, "edit contact");
    edit(project, "contacts.yaml", [["memo: Used to try changes", "memo: Used to try changes (kept)"]]);
    await capture("drift", ["--refresh"]);
    expectOk(await project.workspace.up());
  }, 180_000);

  it("secret: a memo changed under secretFields", async () => {
    await project.workspace.setConfig("lineworks-contacts:secretFields", JSON.stringify(["memo", "customProperties"]));
    expectOk(await project.workspace.up());
    edit(project, "contacts.yaml", [["memo: Prefers mornings", "memo: Prefers afternoons"], ["region: { content: 関西 }", "region: { content: 近畿 }"]]);
    await capture("secret");
  }, 180_000);
});
