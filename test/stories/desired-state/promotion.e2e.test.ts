/**
 * examples/promotion through the real Pulumi CLI: the same files applied by a dev and a prod
 * stack to two domains of one emulator (different credentials and vars, a prod-only overlay),
 * and a change to the prod overlay touching prod only.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emulatorDomain, startEmulatorProcess, type EmulatorProcess } from "../../support/emulator-process";
import { ciJobEnv } from "../../support/provider-config";
import { createPulumiWorkspace, type PulumiWorkspace } from "../../support/pulumi-workspace";
import { copyExample, removeDir, runCli, writes } from "../../support/cli-runs";

const DEV = 10000001;
const PROD = 20000002;

interface LiveContact {
  contactId: string;
  memo?: string;
  permission: { masterUserId: string };
  emails?: Array<{ email: string }>;
}

describe("examples/promotion: dev and prod stacks on two domains", () => {
  let emulator: EmulatorProcess;
  let projectDir: string;
  let dev: PulumiWorkspace;
  let prod: PulumiWorkspace;

  /** Only what is not in Pulumi.<stack>.yaml: the endpoints and the app's credentials (as a CI job's environment gives them). */
  const secretsEnv = (domainId: number) => ciJobEnv(emulator, domainId);

  const liveContacts = async (domainId: number): Promise<LiveContact[]> => (await emulatorDomain(emulator, domainId)).contacts;

  beforeAll(async () => {
    projectDir = copyExample("promotion");
    emulator = await startEmulatorProcess({ seedFile: path.join(projectDir, "emulator-seed.yaml") });
    dev = await createPulumiWorkspace({ projectDir, stack: "dev", env: await secretsEnv(DEV) });
    prod = await createPulumiWorkspace({ projectDir, stack: "prod", env: await secretsEnv(PROD) });
  });

  afterAll(async () => {
    await dev?.dispose();
    await prod?.dispose();
    await emulator?.stop();
    removeDir(projectDir);
  });

  it("applies the same files to both domains, each with its own vars and prod's overlay", async () => {
    await emulator.clearRequests();
    const upDev = await dev.up();
    expect(upDev.code, upDev.stdout + upDev.stderr).toBe(0);
    const devRequests = await emulator.requests();
    expect(devRequests.filter((entry) => entry.kind === "api").every((entry) => entry.domainId === DEV)).toBe(true);

    await emulator.clearRequests();
    const upProd = await prod.up();
    expect(upProd.code, upProd.stdout + upProd.stderr).toBe(0);
    const prodRequests = await emulator.requests();
    expect(prodRequests.filter((entry) => entry.kind === "api").every((entry) => entry.domainId === PROD)).toBe(true);

    const devOutputs = (await dev.outputs()) as Record<string, Record<string, string>>;
    const prodOutputs = (await prod.outputs()) as Record<string, Record<string, string>>;
    expect(Object.keys(devOutputs.contactIds!).sort()).toEqual(["sato-kenji", "tanaka-taro", "test-customer"]);
    expect(Object.keys(prodOutputs.contactIds!).sort()).toEqual(["sato-kenji", "tanaka-taro", "yamada-board"]);
    expect(devOutputs.contactIds!["tanaka-taro"]).not.toBe(prodOutputs.contactIds!["tanaka-taro"]);

    const devLive = await liveContacts(DEV);
    const prodLive = await liveContacts(PROD);
    expect(devLive).toHaveLength(3);
    expect(prodLive).toHaveLength(3);
    const tanaka = (contacts: LiveContact[]) => contacts.find((contact) => contact.emails?.[0]?.email === "taro.tanaka@acme.example")!;
    expect(tanaka(devLive).memo).toBeUndefined();
    expect(tanaka(prodLive).memo).toBe("Key account (prod)");
    expect(tanaka(devLive).permission.masterUserId).toBe("admin@dev.example.com");
    expect(tanaka(prodLive).permission.masterUserId).toBe("it-admin@prod.example.com");
  });

  it("audit --stack reads each stack's files, vars and plain config: both in sync, read-only", async () => {
    for (const [stack, domainId] of [["dev", DEV], ["prod", PROD]] as const) {
      await emulator.clearRequests();
      const result = await runCli(["audit", "--stack", stack, "--json"], { cwd: projectDir, env: await secretsEnv(domainId) });
      expect(result.code, result.stdout + result.stderr).toBe(0);
      expect(JSON.parse(result.stdout)).toEqual({ inSync: true, differences: [], unmanagedContacts: 0 });
      const log = await emulator.requests();
      expect(log.some((entry) => entry.kind === "api")).toBe(true);
      expect(log.filter((entry) => entry.kind === "api").every((entry) => entry.domainId === domainId)).toBe(true);
      expect(writes(log)).toEqual([]);
    }
  });

  it("a change to the prod overlay touches prod only", async () => {
    const overlay = path.join(projectDir, "desired", "prod-overlay.yaml");
    fs.writeFileSync(overlay, fs.readFileSync(overlay, "utf8").replace("memo: Key account (prod)", "memo: Key account (prod, renewed)"));

    await emulator.clearRequests();
    const devPreview = await dev.preview(["--expect-no-changes"]);
    expect(devPreview.code, devPreview.stdout + devPreview.stderr).toBe(0);
    expect(await emulator.requests()).toEqual([]);

    const upProd = await prod.up();
    expect(upProd.code, upProd.stdout + upProd.stderr).toBe(0);
    expect(upProd.stdout).toMatch(/1 updated/);
    const changes = writes(await emulator.requests());
    expect(changes.length).toBeGreaterThanOrEqual(1);
    expect(changes.every((entry) => entry.domainId === PROD && entry.route.includes("/contacts/:contactId"))).toBe(true);

    const prodLive = await liveContacts(PROD);
    expect(prodLive.map((contact) => contact.memo)).toContain("Key account (prod, renewed)");
    expect((await liveContacts(DEV)).map((contact) => contact.memo)).not.toContain("Key account (prod, renewed)");
  });
});
