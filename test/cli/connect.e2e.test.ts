/**
 * Issue 23, items 1 and 2, through the real pulumi CLI: a fresh project reaches `pulumi up` and a
 * clean `pulumi preview` against the emulator with only `lineworks-contacts emulator
 * --configure-stack` (no lineworks:* key written by hand, no credential in the environment); no
 * secret ever appears in a pulumi command line (every spawned argument list is captured by a
 * wrapper named in LINEWORKS_PULUMI); a restart with --data leaves the stack file alone; a stack
 * holding a real tenant's credentials is refused; `audit --stack`, `export --stack` and
 * `validate --stack` read the stack's secure values through the CLI, the stack's lineworks:*
 * config winning over the LINEWORKS_* variables, which are the fallback (checked by the domain
 * the API calls ask for). The emulator picks its own port (`--port 0`); restarts reuse it.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  startConfiguringEmulator,
  stopConfiguringEmulator as stop,
  type ConfiguringEmulator as Started,
} from "../support/configuring-emulator";
import { runCli } from "../support/cli-runs";
import { expectOk } from "../support/expect-ok";
import { credentialSecrets, secretSearch } from "../support/secret-search";
import { pulumiBinDir } from "../support/pulumi-cli";
import { createPulumiWorkspace, type PulumiWorkspace } from "../support/pulumi-workspace";

const PROGRAM = 'module.exports = require("lineworks-contacts-pulumi/provider/desired-state/program").runRootProgram();\n';
const COMPANY = `version: 1
tags:
  vip: { contactTagName: VIP }
customProperties:
  crm: { propertyName: crm_link, displayName: CRM link, propertyType: LINK, multiValued: false, displayOrder: 1 }
`;
const CONTACTS = `version: 1
contacts:
  tanaka-taro:
    permission: { masterUserId: "\${vars.owner}", accessibleRange: ALL }
    contactName: { lastName: 田中, firstName: 太郎 }
    emails: [{ email: taro@acme.example, primary: true }]
    tags: [vip]
    customProperties: { crm: { text: CRM, link: "https://crm.example/1" } }
`;

describe("emulator --configure-stack, and --stack reading secure config through pulumi", () => {
  let ws: PulumiWorkspace;
  let scratch: string;
  let argvLog: string;
  let env: Record<string, string>;
  let emulator: Started | undefined;
  /** 0 until the first emulator picked its port (`--port 0`) and printed it; its restarts reuse that port. */
  let port = 0;
  let dataFile: string;

  beforeAll(async () => {
    ws = await createPulumiWorkspace({
      program: PROGRAM,
      projectName: "lwc-connect",
      stack: "dev",
      config: { "lineworks-contacts:files": JSON.stringify(["company.yaml", "contacts.yaml"]) },
    });
    fs.writeFileSync(path.join(ws.dir, "company.yaml"), COMPANY);
    fs.writeFileSync(path.join(ws.dir, "contacts.yaml"), CONTACTS);
    // A secure var: validate and audit must read it through the CLI.
    expectOk(await ws.run(["config", "set", "--stack", "dev", "--path", "--secret", "lineworks-contacts:vars.owner", "admin@example.com"]));

    scratch = fs.mkdtempSync(path.join(os.tmpdir(), "lwc-connect-"));
    argvLog = path.join(scratch, "argv.log");
    const wrapper = path.join(scratch, "pulumi-wrapper.sh");
    fs.writeFileSync(
      wrapper,
      `#!/bin/sh\n{ printf 'pulumi'; for a in "$@"; do printf ' %s' "$a"; done; printf '\\n'; } >> '${argvLog}'\nexec '${path.join(pulumiBinDir(), "pulumi")}' "$@"\n`,
      { mode: 0o755 },
    );
    // No LINEWORKS_* credential anywhere: only the backend, the passphrase and the wrapper.
    env = Object.fromEntries(Object.entries(ws.env).filter(([name]) => !name.startsWith("LINEWORKS_") || name === "LINEWORKS_PULUMI_BIN"));
    env.LINEWORKS_PULUMI = wrapper;
    dataFile = path.join(scratch, "emulator.json");
  }, 300_000);

  afterAll(async () => {
    await stop(emulator);
    await ws?.dispose();
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  });

  const emulatorArgs = () => ["--port", String(port), "--data", dataFile, "--configure-stack", "dev"];

  it("configures a fresh stack: up, then a clean preview, with no key written by hand and no secret on a command line", async () => {
    // pulumi runs get ws.env: it must hold no credential either.
    expect(Object.keys(ws.env).filter((name) => /^LINEWORKS_(?!PULUMI)/.test(name))).toEqual([]);
    emulator = await startConfiguringEmulator(emulatorArgs(), ws.dir, env);
    expect(emulator.child.exitCode, emulator.stderr()).toBeNull();
    expect(emulator.stdout[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const url = emulator.stdout[0]!;
    port = Number(new URL(url).port);
    const credentials = (await (await fetch(`${url}/_emulator/credentials`)).json()) as Record<string, string>;
    const printed = emulator.stdout.join("\n");
    expect(printed).toContain(`lineworks:apiBaseUrl = ${url}/v1.0`);
    expect(printed).toContain(`lineworks:authUrl = ${url}/oauth2/v2.0/token`);
    expect(printed).toContain("lineworks:clientId = emulator-client");
    expect(printed).toContain("lineworks:domainId = 10000001");
    expect(printed).toContain("lineworks:clientSecret = [secret]");
    expect(printed).toContain("lineworks:privateKey = [secret]");
    expect(printed).not.toContain("PRIVATE KEY");

    const stackFile = fs.readFileSync(path.join(ws.dir, "Pulumi.dev.yaml"), "utf8");
    expect(stackFile).toMatch(/lineworks:clientSecret:\n\s+secure: /);
    expect(stackFile).toMatch(/lineworks:privateKey:\n\s+secure: /);

    // Every pulumi command line the CLI ran: secrets went on stdin, never as arguments.
    const argv = fs.readFileSync(argvLog, "utf8");
    expect(argv).toMatch(/^pulumi config set --stack dev --secret lineworks:clientSecret --non-interactive$/m);
    expect(argv).toMatch(/^pulumi config set --stack dev --secret lineworks:privateKey --non-interactive$/m);
    expect(argv).toMatch(/^pulumi config set-all --stack dev --plaintext lineworks:apiBaseUrl=/m);
    expect(argv).not.toContain("PRIVATE KEY");
    // Neither credential, in any form, in what the emulator printed, the stack file or a command line.
    const search = secretSearch(credentialSecrets({ clientSecret: credentials.clientSecret!, privateKey: credentials.privateKey! }));
    expect(search.findIn([["the emulator's stdout", printed], ["its stderr", emulator.stderr()], ["Pulumi.dev.yaml", stackFile], ["the pulumi command lines", argv]])).toEqual([]);

    const up = await ws.run(["up", "--yes", "--skip-preview", "--stack", "dev"], { env });
    expectOk(up);
    const preview = await ws.run(["preview", "--expect-no-changes", "--stack", "dev"], { env });
    expectOk(preview);
  }, 600_000);

  it("a restart with --data: every value already right, nothing set again", async () => {
    await stop(emulator);
    const before = fs.readFileSync(path.join(ws.dir, "Pulumi.dev.yaml"), "utf8");
    fs.writeFileSync(argvLog, "");
    emulator = await startConfiguringEmulator(emulatorArgs(), ws.dir, env);
    const lines = emulator.stdout.filter((line) => line.trim().startsWith("lineworks:"));
    expect(lines).toHaveLength(7);
    for (const line of lines) expect(line).toMatch(/\(unchanged\)$/);
    expect(fs.readFileSync(argvLog, "utf8")).not.toMatch(/config set/);
    expect(fs.readFileSync(path.join(ws.dir, "Pulumi.dev.yaml"), "utf8")).toBe(before);
  }, 300_000);

  it("audit --stack and export --stack work with no credential in the environment; validate --stack reads the secure var", async () => {
    const audit = await runCli(["audit", "--stack", "dev"], { cwd: ws.dir, env: env, onlyEnv: true });
    expect(audit.code, audit.stdout + audit.stderr).toBe(0);
    expect(audit.stderr).not.toMatch(/note/);
    const exported = await runCli(["export", "--stack", "dev", "--cwd", ws.dir], { cwd: os.tmpdir(), env, onlyEnv: true });
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toMatch(/contactTagName: VIP/);
    expect(exported.stdout).toMatch(/taro@acme\.example/);
    const validate = await runCli(["validate", "--stack", "dev"], { cwd: ws.dir, env: env, onlyEnv: true });
    expect(validate.code, validate.stdout + validate.stderr).toBe(0);
    expect(validate.stderr).toBe("");
    expect(fs.readFileSync(argvLog, "utf8")).toMatch(/^pulumi config --show-secrets --json --stack dev --non-interactive$/m);
  }, 300_000);

  /** Runs `export --stack dev` with `extra` in the environment; the domain ids its API calls asked for (custom properties are listed by domain). */
  async function domainsExportReads(extra: Record<string, string>): Promise<{ code: number | null; stderr: string; domains: string[] }> {
    const url = `http://127.0.0.1:${port}`;
    await fetch(`${url}/_emulator/requests`, { method: "DELETE" });
    const run = await runCli(["export", "--stack", "dev"], { cwd: ws.dir, env: { ...env, ...extra }, onlyEnv: true });
    const log = (await (await fetch(`${url}/_emulator/requests`)).json()) as Array<{ query?: { domainId?: unknown } }>;
    const domains = [...new Set(log.flatMap((entry) => (entry.query?.domainId === undefined ? [] : [String(entry.query.domainId)])))];
    return { code: run.code, stderr: run.stderr, domains };
  }

  it("one precedence rule: the stack's lineworks:* config wins over LINEWORKS_*, which is the fallback for a key the stack lacks", async () => {
    // The stack says domain 10000001 and the emulator's endpoints; the environment says otherwise: the stack's values are read.
    const wins = await domainsExportReads({ LINEWORKS_DOMAIN_ID: "20000002", LINEWORKS_API_BASE_URL: "http://127.0.0.1:9/v1.0" });
    expect(wins.code, wins.stderr).toBe(0);
    expect(wins.domains).toEqual(["10000001"]);

    // Without lineworks:domainId in the stack, LINEWORKS_DOMAIN_ID is the one read.
    expectOk(await ws.run(["config", "rm", "--stack", "dev", "lineworks:domainId"]));
    try {
      const fallback = await domainsExportReads({ LINEWORKS_DOMAIN_ID: "20000002" });
      expect(fallback.domains, fallback.stderr).toEqual(["20000002"]);
      const fallbackToOwn = await domainsExportReads({ LINEWORKS_DOMAIN_ID: "10000001" });
      expect(fallbackToOwn.code, fallbackToOwn.stderr).toBe(0);
      expect(fallbackToOwn.domains).toEqual(["10000001"]);
    } finally {
      expectOk(await ws.run(["config", "set", "--stack", "dev", "lineworks:domainId", "10000001"]));
    }
  }, 300_000);

  it("refuses a stack that holds a real tenant's credentials, and leaves it alone", async () => {
    expectOk(await ws.run(["stack", "init", "prod"]));
    expectOk(await ws.run(["config", "set", "--stack", "prod", "lineworks:clientId", "real-client"]));
    const before = fs.readFileSync(path.join(ws.dir, "Pulumi.prod.yaml"), "utf8");
    const refused = await startConfiguringEmulator(["--port", "0", "--configure-stack", "prod"], ws.dir, env);
    expect(await refused.exited).toBe(1);
    expect(refused.stderr()).toMatch(/cannot configure stack prod .*refused: it holds credentials for the LINE WORKS API/);
    expect(fs.readFileSync(path.join(ws.dir, "Pulumi.prod.yaml"), "utf8")).toBe(before);
  }, 300_000);
});
