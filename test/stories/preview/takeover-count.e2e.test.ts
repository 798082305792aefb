/**
 * Issue 30 item 3: an `up` that takes over objects made outside the stack says so. Three objects
 * made in the app (a company tag, two contacts) and files with adopt: true for them plus two new
 * ones: the real `pulumi up` names each takeover (the check's note, as in a preview) and, at the
 * end, says that it took over 3 and created 2; the takeovers post nothing. A second up, which
 * creates nothing, has no such line.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appEdits, expectStatus } from "../app/app-edits";
import { expectOk } from "../../support/expect-ok";
import { startEmulatorProcess, type EmulatorProcess } from "../../support/emulator-process";
import { emulatorProviderEnv } from "../../support/provider-config";
import { createPulumiWorkspace, type PulumiResult, type PulumiWorkspace } from "../../support/pulumi-workspace";
import { blankCredentials, DEV_DOMAIN, writeRootProject } from "../../support/root-project";

const COMPANY = `version: 1
adopt: true
tags:
  partner: { contactTagName: 協力会社 }
  key-account: { contactTagName: 重要顧客 }
contacts:
  kato-yoko:
    permission: { masterUserId: admin@example.com, accessibleRange: ALL }
    contactName: { lastName: 加藤, firstName: 陽子 }
    emails: [{ email: yoko.kato@acme.example, primary: true }]
    tags: [partner]
  sato-taro:
    permission: { masterUserId: admin@example.com, accessibleRange: ALL }
    contactName: { lastName: 佐藤, firstName: 太郎 }
    emails: [{ email: taro.sato@acme.example, primary: true }]
  suzuki-hanako:
    permission: { masterUserId: admin@example.com, accessibleRange: ALL }
    contactName: { lastName: 鈴木, firstName: 花子 }
    emails: [{ email: hanako.suzuki@acme.example, primary: true }]
    tags: [key-account]
`;

const output = (result: PulumiResult) => result.stdout + result.stderr;
const SUMMARY = /lineworks-contacts: this up took over (\d+) existing objects? and created (\d+) new ones?/g;

describe("up says how many objects it took over and how many it created", () => {
  let emulator: EmulatorProcess;
  let workspace: PulumiWorkspace;

  beforeAll(async () => {
    emulator = await startEmulatorProcess();
    const app = appEdits(emulator.url, DEV_DOMAIN);
    const partner = expectStatus(await app.addCompanyTag("協力会社"), 201, "app tag");
    const permission = { masterUserId: "admin@example.com", accessibleRange: "ALL" };
    expectStatus(
      await app.addContact({ contactName: { lastName: "加藤", firstName: "陽子" }, emails: [{ email: "yoko.kato@acme.example", primary: true }], contactTagIds: [partner.contactTagId], permission }),
      201,
      "app contact",
    );
    expectStatus(await app.addContact({ contactName: { lastName: "佐藤", firstName: "太郎" }, emails: [{ email: "taro.sato@acme.example", primary: true }], permission }), 201, "app contact");
    workspace = await createPulumiWorkspace({
      projectDir: writeRootProject("takeover-count", { "company.yaml": COMPANY }),
      stack: "dev",
      env: { ...blankCredentials(process.env), ...(await emulatorProviderEnv(emulator)) },
      config: { "lineworks-contacts:files": JSON.stringify(["company.yaml"]) },
    });
    await emulator.clearRequests();
  });

  afterAll(async () => {
    await workspace?.dispose();
    await emulator?.stop();
  });

  it("the first up: a note per takeover, then took over 3 and created 2; only the two new objects are posted", async () => {
    const up = await workspace.up();
    expectOk(up);
    const text = output(up);
    const summaries = [...text.matchAll(SUMMARY)].map((match) => [Number(match[1]), Number(match[2])]);
    // Once (the engine repeats a diagnostic in the event line and the Diagnostics section at most).
    expect(summaries.length, text).toBeGreaterThanOrEqual(1);
    expect(new Set(summaries.map(String))).toEqual(new Set(["3,2"]));
    for (const taken of ['takes over CompanyContactTag "協力会社"', 'takes over Contact "yoko.kato@acme.example"', 'takes over Contact "taro.sato@acme.example"']) {
      expect(text).toContain(taken);
    }
    expect(text).not.toContain('takes over CompanyContactTag "重要顧客"');
    expect(text).not.toContain('takes over Contact "hanako.suzuki@acme.example"');
    // The summary comes after every note: the last thing the provider says.
    expect(text.lastIndexOf("this up took over")).toBeGreaterThan(text.lastIndexOf("(no create)"));
    const posts = (await emulator.requests()).filter((entry) => entry.kind === "api" && entry.method === "POST").map((entry) => entry.path);
    expect(posts.filter((p) => p.endsWith("/contact-tags"))).toHaveLength(1);
    expect(posts.filter((p) => p.endsWith("/contacts"))).toHaveLength(1);
  });

  it("an up that creates nothing prints no summary", async () => {
    const again = await workspace.up();
    expectOk(again);
    expect(output(again)).not.toMatch(SUMMARY);
    expect(output(again)).not.toContain("(no create)");
  });
});
