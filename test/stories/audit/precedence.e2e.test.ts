/**
 * Issue 29 item 2: one precedence rule everywhere, Pulumi's. The environment names one emulator
 * domain and the stack's config another: `pulumi up`, `audit --stack` and `export --stack` all
 * read the config's domain; the environment only fills in what the stack does not set.
 */
import * as fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../support/cli-runs";
import { expectOk } from "../../support/expect-ok";
import { emulatorDomain, startEmulatorProcess, type EmulatorProcess } from "../../support/emulator-process";
import { emulatorProviderEnv, emulatorStackConfig } from "../../support/provider-config";
import { createPulumiWorkspace, type PulumiWorkspace } from "../../support/pulumi-workspace";
import { blankCredentials, DEV_DOMAIN, PROD_DOMAIN, writeRootProject, writeTwoDomainSeed, DEV_COMPANY as COMPANY } from "../../support/root-project";


describe("the stack's config wins over the environment, in pulumi and in the CLI", () => {
  let emulator: EmulatorProcess;
  let seed: { dir: string; file: string };
  let workspace: PulumiWorkspace;
  /** The environment of the job: credentials of the prod domain. */
  let prodEnv: Record<string, string>;

  beforeAll(async () => {
    seed = writeTwoDomainSeed();
    emulator = await startEmulatorProcess({ seedFile: seed.file });
    prodEnv = await emulatorProviderEnv(emulator, { domainId: PROD_DOMAIN });
    workspace = await createPulumiWorkspace({
      projectDir: writeRootProject("precedence", { "company.yaml": COMPANY }),
      stack: "local",
      env: { ...blankCredentials(), ...prodEnv },
      config: { "lineworks-contacts:files": JSON.stringify(["company.yaml"]), ...(await emulatorStackConfig(emulator, { domainId: DEV_DOMAIN })) },
    });
  });

  afterAll(async () => {
    await workspace?.dispose();
    if (workspace) fs.rmSync(workspace.dir, { recursive: true, force: true });
    await emulator?.stop();
    if (seed) fs.rmSync(seed.dir, { recursive: true, force: true });
  });

  it("up writes the config's domain; audit --stack and export --stack read that same domain", async () => {
    expectOk(await workspace.up());
    const emails = async (domainId: number) => (await emulatorDomain(emulator, domainId)).contacts.map((c: any) => c.emails?.[0]?.email);
    expect(await emails(DEV_DOMAIN)).toEqual(["yoko.kato@acme.example"]);
    expect(await emails(PROD_DOMAIN)).toEqual([]);

    const env = { ...workspace.env, ...prodEnv };
    const audit = await runCli(["audit", "--stack", "local"], { cwd: workspace.dir, env });
    // In sync: it read the dev domain (the prod domain would have the tag and the contact missing).
    expect(audit.code, audit.stdout + audit.stderr).toBe(0);
    const exported = await runCli(["export", "--stack", "local", "--cwd", workspace.dir], { cwd: workspace.dir, env });
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toContain("contactTagName: VIP");
    expect(exported.stdout).toContain("yoko.kato@acme.example");
  });

  it("where the stack sets no value, the environment variable is the fallback", async () => {
    // The stack sets no lineworks:requestsPerMinute: the variable's (bad) value is read, and named.
    const env = { ...workspace.env, ...prodEnv, LINEWORKS_REQUESTS_PER_MINUTE: "not a number" };
    const audit = await runCli(["audit", "--stack", "local"], { cwd: workspace.dir, env });
    expect(audit.code).toBe(1);
    expect(audit.stderr).toContain("lineworks:requestsPerMinute in stack local (else LINEWORKS_REQUESTS_PER_MINUTE) must be a whole number");
  });
});
