/**
 * No credential on a command line: every Node.js process of the tool's runs loads
 * capture-argv.cjs (NODE_OPTIONS), which records its own command line and that of every
 * subprocess it starts; the processes it cannot see (the pulumi CLI's Go children, launch
 * scripts) are read from /proc while the runs are in flight (proc-argv.ts). Runs: the demo
 * (`examples/basic/run-demo.mjs`: the emulator, validate, `pulumi stack select`, `up`,
 * `preview`, with our language host and Pulumi's dynamic-provider host), a `pulumi up` and
 * `preview` with the credentials in encrypted stack config, and the CLI's `audit`, `export` and
 * `validate --stack` with credentials in the environment. No argument list holds the client
 * secret, the private key or a line of it, or an issued token, in any form
 * (test/support/secret-search.ts). A capture that cannot write its record fails the process.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../support/cli-runs";
import { startEmulatorProcess, type EmulatorCredentials, type EmulatorProcess } from "../../support/emulator-process";
import { expectOk } from "../../support/expect-ok";
import { issuedTokens } from "../../support/issued-tokens";
import { credentialSecrets, secretSearch, type Secret } from "../../support/secret-search";
import { emulatorProviderEnv, emulatorStackConfig } from "../../support/provider-config";
import { pulumiBinDir, repoRoot } from "../../support/pulumi-cli";
import { createPulumiWorkspace } from "../../support/pulumi-workspace";
import { watchProcArgv } from "./proc-argv";

interface ArgvRecord {
  pid: number;
  kind: "self" | "spawn";
  via?: string;
  argv: string[];
}

const CAPTURE = path.join(__dirname, "capture-argv.cjs");
const EXAMPLE = path.join(repoRoot, "examples", "basic");

let scratch: string;
let captureFile: string;
let emulator: EmulatorProcess;
let credentials: EmulatorCredentials;

const captureEnv = () => ({ NODE_OPTIONS: `--require ${CAPTURE}`, LWC_CAPTURE_ARGV_FILE: captureFile });

function records(): ArgvRecord[] {
  if (!fs.existsSync(captureFile)) return [];
  return fs
    .readFileSync(captureFile, "utf8")
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as ArgvRecord);
}

function runNode(args: string[], env: Record<string, string>, timeoutMs = 600_000): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, output });
    });
  });
}

beforeAll(async () => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), "lwc-argv-"));
  captureFile = path.join(scratch, "argv.jsonl");
  emulator = await startEmulatorProcess();
  credentials = await emulator.credentials();
});
afterAll(async () => {
  await emulator?.stop();
  fs.rmSync(scratch, { recursive: true, force: true });
});

describe("the tool's own subprocesses get no credential as an argument", () => {
  const demoStack = `argv-${randomBytes(3).toString("hex")}`;
  afterAll(() => fs.rmSync(path.join(EXAMPLE, `Pulumi.${demoStack}.yaml`), { force: true }));

  it("the demo, pulumi runs with secrets in stack config, audit, export and validate --stack", { timeout: 900_000 }, async () => {
    const secrets: Secret[] = [];
    const watch = watchProcArgv(`LWC_CAPTURE_ARGV_FILE=${captureFile}`);

    // 1. The demo (its own emulator; credentials through the environment and a key file).
    const demoDir = path.join(scratch, "demo");
    const demo = await runNode([path.join(EXAMPLE, "run-demo.mjs")], {
      ...captureEnv(),
      LINEWORKS_DEMO_DIR: demoDir,
      LINEWORKS_DEMO_STACK: demoStack,
      PATH: `${pulumiBinDir()}${path.delimiter}${process.env.PATH ?? ""}`,
    });
    expect(demo.code, demo.output.slice(-3000)).toBe(0);
    const demoKey = fs.readFileSync(path.join(demoDir, "emulator-key.pem"), "utf8");
    secrets.push(...credentialSecrets({ clientSecret: "emulator-secret", privateKey: demoKey }).map((secret) => ({ ...secret, name: `the demo's ${secret.name}` })));

    // 2. pulumi up and preview with the credentials as encrypted stack config.
    const workspace = await createPulumiWorkspace({
      program: 'module.exports = require("lineworks-contacts-pulumi/provider/desired-state/program").runRootProgram();\n',
      stack: "argv",
      config: {
        ...(await emulatorStackConfig(emulator)),
        "lineworks-contacts:files": '["company.yaml"]',
      },
    });
    try {
      fs.copyFileSync(path.join(EXAMPLE, "company.yaml"), path.join(workspace.dir, "company.yaml"));
      await workspace.setConfig("lineworks-contacts:vars", '{"owner": "admin@example.com", "salesLead": "sales@example.com"}');
      // Only the runs under test carry the capture: the harness's own `config set` (the secrets as
      // arguments, test/support/pulumi-workspace.ts) happened before, without it.
      expectOk(await workspace.run(["up", "--yes", "--skip-preview", "--stack", "argv"], { env: captureEnv() }));
      expectOk(await workspace.run(["preview", "--refresh", "--stack", "argv"], { env: captureEnv() }));

      // 3. The CLI with credentials in the environment.
      const env = { ...(await emulatorProviderEnv(emulator)), ...captureEnv() };
      const vars = ["--var", "owner=admin@example.com", "--var", "salesLead=sales@example.com"];
      const audit = await runCli(["audit", "company.yaml", ...vars], { cwd: workspace.dir, env });
      expect(audit.code, audit.stdout + audit.stderr).toBe(0);
      const exported = await runCli(["export", "--out", "exported.yaml"], { cwd: workspace.dir, env });
      expect(exported.code, exported.stderr).toBe(0);
      const validate = await runCli(["validate", "--stack", "argv"], { cwd: workspace.dir, env });
      expect(validate.code, validate.stdout + validate.stderr).toBe(0);
    } finally {
      await workspace.dispose();
    }
    const fromProc = watch.stop();
    secrets.push(...credentialSecrets(credentials));
    const tokens = await issuedTokens(emulator);
    expect(tokens.some((token) => token.kind === "access")).toBe(true);
    const search = secretSearch(secrets, tokens);

    // The capture saw the runs it is meant to check (else this test would prove nothing).
    const seen = records();
    const lines = seen.map((record) => record.argv.join(" "));
    expect(lines.some((line) => /^pulumi up .*--stack argv-/.test(line)), "the demo's pulumi up").toBe(true);
    expect(lines.some((line) => line.includes("lineworks-contacts.js validate")), "the demo's validate").toBe(true);
    expect(lines.some((line) => line.includes("lineworks-contacts.js emulator")), "the demo's emulator").toBe(true);
    expect(lines.some((line) => line.includes("pulumi-language-nodejs")), "the language host").toBe(true);
    expect(lines.some((line) => line.includes("@pulumi/pulumi/cmd/run")), "the program").toBe(true);
    expect(lines.some((line) => line.includes("dynamic-provider")), "the dynamic-provider host").toBe(true);
    for (const command of ["audit", "export", "validate --stack"]) {
      expect(lines.some((line) => line.includes(`lineworks-contacts.js ${command}`)), command).toBe(true);
    }

    // /proc saw what the capture cannot: the Go CLI the harness starts (no NODE_OPTIONS capture
    // runs in it) and the launch scripts it starts, while they are still shells. The language
    // host's launcher exec()s node at once and is seen only by luck, so it is not required.
    expect(fromProc.polls).toBeGreaterThan(10);
    const captured = new Set(lines);
    const procLines = fromProc.seen.map((proc) => proc.argv.join(" "));
    const uncaptured = procLines.filter((line) => !captured.has(line));
    expect(uncaptured.some((line) => /\/pulumi --non-interactive .*\bup\b.*--stack argv$/.test(line)), procLines.join("\n")).toBe(true);
    expect(uncaptured.some((line) => /\/pulumi --non-interactive .*\bpreview\b.*--stack argv$/.test(line)), procLines.join("\n")).toBe(true);

    const surfaces = [
      ...seen.map((record, i): [string, string] => [`${record.kind} ${record.argv[0]} (capture ${i})`, record.argv.join(" ")]),
      ...fromProc.seen.map((proc): [string, string] => [`pid ${proc.pid} ${proc.argv[0]} (/proc)`, proc.argv.join(" ")]),
    ];
    expect(search.findIn(surfaces)).toEqual([]);
  });

  it("a capture that cannot write its record fails the process, naming why", async () => {
    const missing = path.join(scratch, "no-such-folder", "argv.jsonl");
    const run = await runNode(["-e", "process.exit(0)"], { NODE_OPTIONS: `--require ${CAPTURE}`, LWC_CAPTURE_ARGV_FILE: missing }, 60_000);
    expect(run.code).not.toBe(0);
    expect(run.output).toContain(`capture-argv: cannot record the command line of pid`);
    expect(run.output).toContain(missing);
  });
});
