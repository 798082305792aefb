/**
 * Issue 29 item 1: a stack knows its tenant. The first up records the API origin and domain id
 * (one StackTenant per stack); a run whose config names another domain refuses before any API
 * call, naming both and the way out; `lineworks-contacts:moveTenant` moves it on purpose; a
 * refresh pointed at another domain fails instead of dropping the stack's objects.
 */
import * as fs from "node:fs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { expectOk } from "../../support/expect-ok";
import { startEmulatorProcess, type EmulatorProcess } from "../../support/emulator-process";
import { emulatorStackConfig } from "../../support/provider-config";
import { blankCredentials, DEV_DOMAIN as DEV, PROD_DOMAIN as PROD, writeRootProject, writeTwoDomainSeed, DEV_COMPANY as COMPANY } from "../../support/root-project";
import { createPulumiWorkspace, type PulumiResult, type PulumiWorkspace } from "../../support/pulumi-workspace";

const TENANT_TYPE = "pulumi-nodejs:dynamic/lineworks:StackTenant";


const output = (result: PulumiResult) => result.stdout + result.stderr;
const noStackTrace = /\n\s+at .*\.(ts|js):\d+/;

describe("a stack knows its tenant", () => {
  let emulator: EmulatorProcess;
  let seed: { dir: string; file: string };
  let workspace: PulumiWorkspace | undefined;

  const dispose = async () => {
    await workspace?.dispose();
    if (workspace) fs.rmSync(workspace.dir, { recursive: true, force: true });
  };

  async function project(): Promise<PulumiWorkspace> {
    await dispose();
    const projectDir = writeRootProject("tenant", { "company.yaml": COMPANY });
    workspace = await createPulumiWorkspace({
      projectDir,
      stack: "local",
      env: blankCredentials(process.env),
      config: { "lineworks-contacts:files": JSON.stringify(["company.yaml"]), ...(await emulatorStackConfig(emulator, { domainId: DEV })) },
    });
    return workspace;
  }

  /** Points the stack's config at another emulator domain (its credentials and domain id). */
  async function pointAt(ws: PulumiWorkspace, domainId: number): Promise<void> {
    for (const [key, value] of Object.entries(await emulatorStackConfig(emulator, { domainId }))) await ws.setConfig(key, value);
  }

  const tenantOfState = async (ws: PulumiWorkspace) =>
    ((await ws.exportState()).deployment.resources as Array<{ type: string; outputs?: Record<string, unknown> }>).find((r) => r.type === TENANT_TYPE)?.outputs;
  const managed = async (ws: PulumiWorkspace) =>
    ((await ws.exportState()).deployment.resources as Array<{ type: string }>).filter((r) => /lineworks:(CompanyContactTag|Contact)$/.test(r.type)).length;

  beforeAll(async () => {
    seed = writeTwoDomainSeed();
    emulator = await startEmulatorProcess({ seedFile: seed.file });
  });

  beforeEach(async () => {
    await emulator.reset();
    await emulator.clearRequests();
  });

  afterAll(async () => {
    await dispose();
    await emulator?.stop();
    if (seed) fs.rmSync(seed.dir, { recursive: true, force: true });
  });

  it("records the tenant once; a run whose config names another domain refuses before any call, naming both", async () => {
    const ws = await project();
    expectOk(await ws.up());
    expect(await tenantOfState(ws)).toMatchObject({ apiOrigin: "http://127.0.0.1", domainId: DEV });

    await pointAt(ws, PROD);
    await emulator.clearRequests();
    for (const run of [await ws.preview(), await ws.up()]) {
      const text = output(run);
      expect(run.code, text).not.toBe(0);
      expect(text).toContain(`This stack's objects live in domain ${DEV} at http://127.0.0.1 (a local emulator, any port), but its config now points at domain ${PROD}`);
      expect(text).toContain("lineworks:domainId");
      expect(text).toContain(`pulumi config set lineworks-contacts:moveTenant ${PROD}`);
      expect(text).not.toMatch(noStackTrace);
    }
    expect(await emulator.requests()).toEqual([]);
    expect(await tenantOfState(ws)).toMatchObject({ apiOrigin: "http://127.0.0.1", domainId: DEV });
  });

  it("a refresh pointed at another domain fails and keeps every object in the state", async () => {
    const ws = await project();
    expectOk(await ws.up());
    await pointAt(ws, PROD);
    // A refused up leaves the new settings with the provider; a refresh without the program then reads them.
    expect((await ws.up()).code).not.toBe(0);
    for (const run of [await ws.refresh(), await ws.refresh(["--run-program"])]) {
      const text = output(run);
      expect(run.code, text).not.toBe(0);
      expect(text).toContain(`This refresh would read domain ${PROD}`);
      expect(text).toContain("--run-program");
      expect(text).not.toMatch(noStackTrace);
      expect(await managed(ws)).toBe(2);
    }
  });

  it("lineworks-contacts:moveTenant naming the new domain moves the stack on purpose, with a warning to remove it", async () => {
    const ws = await project();
    expectOk(await ws.up());
    await pointAt(ws, PROD);
    await ws.setConfig("lineworks-contacts:moveTenant", String(PROD));
    const moved = await ws.up(["--refresh"]);
    expectOk(moved);
    expect(output(moved)).toContain(`this stack moves from domain ${DEV}`);
    expect(output(moved)).toContain("pulumi config rm lineworks-contacts:moveTenant");
    expect(await tenantOfState(ws)).toMatchObject({ apiOrigin: "http://127.0.0.1", domainId: PROD });
  });
});
