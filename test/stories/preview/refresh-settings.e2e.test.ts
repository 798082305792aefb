/**
 * Issue 29 item 3: a refresh that runs with provider settings older than the stack's config
 * (a plain refresh or `preview --refresh` uses the settings recorded at the last up) and fails on
 * a configuration problem says that `pulumi refresh --run-program` (or `up`) uses the current
 * ones; no stack trace reaches the user.
 */
import * as fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectOk } from "../../support/expect-ok";
import { startEmulatorProcess, type EmulatorProcess } from "../../support/emulator-process";
import { emulatorStackConfig } from "../../support/provider-config";
import { blankCredentials, writeRootProject } from "../../support/root-project";
import { createPulumiWorkspace, type PulumiResult, type PulumiWorkspace } from "../../support/pulumi-workspace";

const COMPANY = `version: 1
customProperties:
  crm: { propertyName: crm_link, displayName: CRM, propertyType: LINK }
contacts:
  kato-yoko:
    permission: { masterUserId: admin@example.com, accessibleRange: ALL }
    contactName: { lastName: 加藤, firstName: 陽子 }
    emails: [{ email: yoko.kato@acme.example, primary: true }]
    customProperties:
      crm: { text: ACME, link: "https://crm.example/1" }
`;

const output = (result: PulumiResult) => result.stdout + result.stderr;
const stackTrace = /\n\s+at .*\.(ts|js):\d+/;

describe("a refresh with the settings of the last up", () => {
  let emulator: EmulatorProcess;
  let workspace: PulumiWorkspace;

  beforeAll(async () => {
    emulator = await startEmulatorProcess();
    const projectDir = writeRootProject("refresh-settings", { "company.yaml": COMPANY });
    const { "lineworks:domainId": _domainId, ...withoutDomain } = await emulatorStackConfig(emulator);
    // Without a domain id: the first up fails (the custom property needs it) before anything is made.
    workspace = await createPulumiWorkspace({
      projectDir,
      stack: "local",
      env: blankCredentials(process.env),
      config: { "lineworks-contacts:files": JSON.stringify(["company.yaml"]), ...withoutDomain },
    });
  });

  afterAll(async () => {
    await workspace?.dispose();
    if (workspace) fs.rmSync(workspace.dir, { recursive: true, force: true });
    await emulator?.stop();
  });

  it("after an up failed for a missing domain id and the config fixed, preview --refresh names --run-program; that fixes it", async () => {
    const first = await workspace.up();
    expect(first.code).not.toBe(0);
    expect(output(first)).toContain("custom properties need the domain id: set lineworks:domainId");
    expect(output(first)).not.toMatch(stackTrace);
    await workspace.setConfig("lineworks:domainId", "10000001");
    expectOk(await workspace.up());
    // The domain id is lost (a hand edit, a tool rewriting the stack file): the up fails, and the
    // provider keeps the settings of that run.
    await workspace.run(["config", "rm", "--stack", workspace.stack, "lineworks:domainId"]);
    const failed = await workspace.up();
    expect(failed.code).not.toBe(0);
    expect(output(failed)).toContain("lineworks:domainId");
    expect(output(failed)).not.toMatch(stackTrace);

    await workspace.setConfig("lineworks:domainId", "10000001");
    const preview = await workspace.preview(["--refresh"]);
    const text = output(preview);
    expect(preview.code, text).not.toBe(0);
    expect(text).toContain("pulumi refresh --run-program");
    expect(text).not.toMatch(stackTrace);

    expectOk(await workspace.refresh(["--run-program"]));
    expectOk(await workspace.preview(["--refresh", "--expect-no-changes"]));
  });
});
