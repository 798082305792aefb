/**
 * The service's limits and spellings outside the API reference, through the real `pulumi` CLI
 * against the emulator process:
 *  - a domain at its cap on external contacts, with contacts in the trash (they count), refuses a
 *    create; `pulumi up` fails naming the cap and the trash and creates nothing; once the trash
 *    is emptied (the admin console, here its endpoint) the next `up` converges;
 *  - a domain that answers `messenger[].protocol.type` (the docs' Japanese notes) previews clean,
 *    audits in sync and exports its messengers.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contactBody } from "../../support/emulator-http";
import { expectStatus } from "./app-edits";
import { startAppStack, type AppStack } from "./e2e-app";
import { expectOk } from "../../support/expect-ok";

const contact = (key: string, extra = "") =>
  `  ${key}:\n    permission: { masterUserId: admin@example.com, accessibleRange: ALL }\n    contactName: { lastName: ${key} }\n` +
  `    emails: [{ email: ${key}@limits.example, primary: true }]\n${extra}`;

describe("the cap on external contacts, trash included", () => {
  let stack: AppStack;
  const two = `version: 1\ncontacts:\n${contact("ann")}${contact("ben")}`;
  const three = `${two}${contact("cho")}`;

  beforeAll(async () => {
    stack = await startAppStack({ domainId: 60000001, seed: "externalContactCap: 3" });
  });
  afterAll(async () => {
    await stack?.dispose();
  });

  it("at the cap with a contact in the trash, pulumi up fails naming the cap and the trash, and creates nothing", async () => {
    const old = expectStatus(await stack.app.addContact(contactBody({ contactName: { lastName: "Old" } })), 201, "app contact");
    expect((await stack.app.trashContact(old.contactId)).status).toBe(204);
    stack.write(two);
    expectOk(await stack.up(), "up of two contacts");
    expect((await stack.domain()).console).toMatchObject({ externalContactCap: 3, externalContactsInUse: 3 });

    stack.write(three);
    await stack.emulator.clearRequests();
    const up = await stack.up();
    expect(up.code).not.toBe(0);
    const output = up.stdout + up.stderr;
    expect(output).toMatch(/403 LIMIT_EXCEEDED/);
    expect(output).toMatch(/cap on external \(customer\/client\) contacts/);
    expect(output).toMatch(/contacts in the contacts trash count/);
    expect(output).toMatch(/Empty the trash/);
    const posts = (await stack.writes()).filter((w) => w.method === "POST");
    expect(posts.map((w) => w.status)).toEqual([403]);
    const domain = await stack.domain();
    expect(domain.contacts.map((c: any) => c.contactName.lastName).sort()).toEqual(["ann", "ben"]);
    expect(JSON.stringify((await stack.workspace.exportState()).deployment.resources)).not.toContain("cho@limits.example");
  });

  it("after the trash is emptied, the next up converges", async () => {
    expect(expectStatus(await stack.app.emptyTrash(), 200, "empty the trash")).toEqual({ deleted: 1 });
    expectOk(await stack.up(), "up after emptying the trash");
    expect((await stack.domain()).contacts.map((c: any) => c.contactName.lastName).sort()).toEqual(["ann", "ben", "cho"]);
    const preview = await stack.workspace.preview(["--expect-no-changes"]);
    expect(preview.code, preview.stdout + preview.stderr).toBe(0);
  });
});

describe("answers spelled messenger[].protocol.type", () => {
  let stack: AppStack;
  const messengers = "    messengers: [{ type: LINE, id: ann-line, primary: true }, { type: CUSTOM, customType: Signal, id: ann-signal }]\n";

  beforeAll(async () => {
    stack = await startAppStack({ domainId: 60000002, seed: "messengerSpelling: protocol" });
  });
  afterAll(async () => {
    await stack?.dispose();
  });

  it("are read: up, a clean preview, audit in sync, and an export with the messengers", async () => {
    expect((await stack.domain()).console.messengerSpelling).toBe("protocol");
    stack.write(`version: 1\ncontacts:\n${contact("ann", messengers)}`);
    expectOk(await stack.up(), "up");
    const preview = await stack.workspace.preview(["--refresh", "--expect-no-changes"]);
    expect(preview.code, preview.stdout + preview.stderr).toBe(0);
    const audit = await stack.audit();
    expect(audit.code, JSON.stringify(audit.report) + audit.stderr).toBe(0);

    const exported = await stack.cli(["export", "--out", "exported.yaml"]);
    expect(exported.code, exported.stderr).toBe(0);
    const document = parse(fs.readFileSync(path.join(stack.workspace.dir, "exported.yaml"), "utf8"));
    expect(Object.values<any>(document.contacts)[0].messengers).toMatchObject([
      { type: "LINE", id: "ann-line", primary: true },
      { type: "CUSTOM", customType: "Signal", id: "ann-signal" },
    ]);
  });
});
