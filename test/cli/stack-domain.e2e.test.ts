/**
 * Issue 29 item 1, through the real pulumi CLI: `emulator --configure-stack` never silently
 * changes a stack's domain. A prod-like stack pointing at the emulator with its own domain id
 * (20000002, not the emulator's default) keeps it across restarts, the emulator serving that
 * domain (added with credentials of its own and kept in --data), and `pulumi up` writes into that
 * domain only; `--force` overwrites the domain id; a domain id the emulator cannot serve is
 * refused naming --force; a stack with real-API endpoints is refused before the emulator starts.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startConfiguringEmulator, stopConfiguringEmulator, type ConfiguringEmulator } from "../support/configuring-emulator";
import { expectOk } from "../support/expect-ok";
import { createPulumiWorkspace, type PulumiWorkspace } from "../support/pulumi-workspace";

const PROGRAM = 'module.exports = require("lineworks-contacts-pulumi/provider/desired-state/program").runRootProgram();\n';
const COMPANY = `version: 1
tags:
  vip: { contactTagName: VIP }
contacts:
  tanaka-taro:
    permission: { masterUserId: "\${vars.owner}", accessibleRange: ALL }
    contactName: { lastName: 田中, firstName: 太郎 }
    emails: [{ email: taro@acme.example, primary: true }]
    tags: [vip]
`;

const domainLine = (started: ConfiguringEmulator) => started.stdout.find((line) => line.trim().startsWith("lineworks:domainId"))?.trim();
const stackDomain = (file: string) => /lineworks:domainId: "?(\w+)"?/.exec(fs.readFileSync(file, "utf8"))?.[1];

describe("emulator --configure-stack keeps a stack's own domain", () => {
  let ws: PulumiWorkspace;
  let scratch: string;
  let env: Record<string, string>;
  let emulator: ConfiguringEmulator | undefined;
  /** 0 until the first emulator picked its port (`--port 0`) and printed it; its restarts reuse that port. */
  let port = 0;
  let dataFile: string;
  let stackFile: string;

  beforeAll(async () => {
    ws = await createPulumiWorkspace({
      program: PROGRAM,
      projectName: "lwc-stack-domain",
      stack: "prod",
      config: {
        "lineworks-contacts:files": JSON.stringify(["company.yaml"]),
        "lineworks-contacts:vars": JSON.stringify({ owner: "it-admin@prod.example.com" }),
        "lineworks:domainId": "20000002",
        // It pointed at an emulator before (another port): a stack of the emulator, not of the real API.
        "lineworks:apiBaseUrl": "http://127.0.0.1:9/v1.0",
      },
    });
    fs.writeFileSync(path.join(ws.dir, "company.yaml"), COMPANY);
    stackFile = path.join(ws.dir, "Pulumi.prod.yaml");
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), "lwc-stack-domain-"));
    env = Object.fromEntries(Object.entries(ws.env).filter(([name]) => !name.startsWith("LINEWORKS_") || name === "LINEWORKS_PULUMI_BIN"));
    dataFile = path.join(scratch, "emulator.json");
  }, 300_000);

  afterAll(async () => {
    await stopConfiguringEmulator(emulator);
    await ws?.dispose();
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  });

  const args = (...extra: string[]) => ["--port", String(port), "--data", dataFile, "--configure-stack", "prod", ...extra];

  it("serves the stack's domain 20000002, added with its own credentials; pulumi up writes there only", async () => {
    emulator = await startConfiguringEmulator(args(), ws.dir, env);
    expect(emulator.child.exitCode, emulator.stderr()).toBeNull();
    port = Number(new URL(emulator.stdout[0]!).port);
    expect(port).toBeGreaterThan(0);
    const printed = emulator.stdout.join("\n");
    expect(printed).toMatch(/configured stack prod for this emulator, domain 20000002, the stack's lineworks:domainId, added to this emulator with credentials of its own \(members: .*it-admin@prod\.example\.com/);
    expect(domainLine(emulator)).toBe("lineworks:domainId = 20000002 (unchanged)");
    expect(printed).toContain("lineworks:clientId = emulator-client-20000002");
    expect(printed).toContain("lineworks:clientSecret = [secret]");
    expect(stackDomain(stackFile)).toBe("20000002");

    expectOk(await ws.run(["up", "--yes", "--skip-preview", "--stack", "prod"], { env }));
    const state = (await (await fetch(`http://127.0.0.1:${port}/_emulator/state`)).json()) as { domains: Array<{ domainId: number; contactTags: unknown[]; contacts: unknown[] }> };
    const byId = new Map(state.domains.map((domain) => [domain.domainId, domain]));
    expect(byId.get(20000002)!.contactTags).toHaveLength(1);
    expect(byId.get(20000002)!.contacts).toHaveLength(1);
    expect(byId.get(10000001)!.contactTags).toHaveLength(0);
  }, 600_000);

  it("keeps the domain id across two restarts with --data: nothing set again, the preview clean", async () => {
    const before = fs.readFileSync(stackFile, "utf8");
    for (let restart = 1; restart <= 2; restart++) {
      await stopConfiguringEmulator(emulator);
      emulator = await startConfiguringEmulator(args(), ws.dir, env);
      expect(emulator.child.exitCode, emulator.stderr()).toBeNull();
      expect(domainLine(emulator)).toBe("lineworks:domainId = 20000002 (unchanged)");
      for (const line of emulator.stdout.filter((text) => text.trim().startsWith("lineworks:"))) expect(line).toMatch(/\(unchanged\)$/);
      expect(fs.readFileSync(stackFile, "utf8")).toBe(before);
    }
    expectOk(await ws.run(["preview", "--expect-no-changes", "--stack", "prod"], { env }));
  }, 600_000);

  it("--force overwrites the domain id with the emulator's default, and says so", async () => {
    await stopConfiguringEmulator(emulator);
    emulator = await startConfiguringEmulator(args("--force"), ws.dir, env);
    expect(emulator.stdout.join("\n")).toContain("domain 10000001, the emulator's default: --force overwrites the stack's lineworks:domainId 20000002");
    expect(domainLine(emulator)).toBe("lineworks:domainId = 10000001");
    expect(stackDomain(stackFile)).toBe("10000001");
    await stopConfiguringEmulator(emulator);
  }, 300_000);

  it("refuses a domain id it cannot serve, naming --force, and leaves the stack alone", async () => {
    expectOk(await ws.run(["config", "set", "--stack", "prod", "lineworks:domainId", "prod-domain"]));
    const before = fs.readFileSync(stackFile, "utf8");
    const refused = await startConfiguringEmulator(["--port", "0", "--configure-stack", "prod"], ws.dir, env);
    expect(await refused.exited).toBe(1);
    expect(refused.stdout).toEqual([]);
    expect(refused.stderr()).toMatch(/cannot configure stack prod .*lineworks:domainId "prod-domain" is not a domain id the emulator can serve.*--force/);
    expect(fs.readFileSync(stackFile, "utf8")).toBe(before);
  }, 300_000);

  it("refuses a stack with real-API endpoints before the emulator starts", async () => {
    expectOk(await ws.run(["stack", "init", "real"]));
    expectOk(await ws.run(["config", "set", "--stack", "real", "lineworks:apiBaseUrl", "https://www.worksapis.com/v1.0"]));
    expectOk(await ws.run(["config", "set", "--stack", "real", "lineworks:domainId", "30000003"]));
    const file = path.join(ws.dir, "Pulumi.real.yaml");
    const before = fs.readFileSync(file, "utf8");
    const refused = await startConfiguringEmulator(["--port", "0", "--configure-stack", "real", "--force"], ws.dir, env);
    expect(await refused.exited).toBe(1);
    expect(refused.stdout).toEqual([]); // not even the URL: nothing started
    expect(refused.stderr()).toMatch(/refused: its lineworks:apiBaseUrl is https:\/\/www\.worksapis\.com\/v1\.0, not a local emulator; use a stack of its own for the emulator \(pulumi stack init local\)/);
    expect(fs.readFileSync(file, "utf8")).toBe(before);
  }, 300_000);
});
