/**
 * Issue 23's smaller pieces, without pulumi runs: --version; the dashboard with and without
 * the trailing slash; the environment winning over the stack's config in audit/export, whose
 * errors name only what they read; the offline fallback of --stack (no pulumi CLI) and its
 * note, naming only what the command needs; the settings --configure-stack writes.
 */
import { execFile } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { clientConfigForCli, envNameOf } from "../../cli/commands/credentials";
import { connectableUrl, emulatorSettings } from "../../cli/commands/configure-stack";
import { readStackForCli } from "../../cli/commands/stack-settings";
import { startEmulator } from "../../emulator/server";
import { readStackSettings } from "../../provider/stack/stack-config";
import { CLI_PATH, REPO_ROOT } from "../support/emulator-process";

const run = promisify(execFile);
const PEM = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();

async function cli(args: string[], env: NodeJS.ProcessEnv, cwd = REPO_ROOT) {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI_PATH, ...args], { cwd, env });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const failed = err as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** The environment without any LINEWORKS_* variable, and no pulumi CLI. */
const bareEnv = (): NodeJS.ProcessEnv => ({
  ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("LINEWORKS_"))),
  LINEWORKS_PULUMI: "/nonexistent/pulumi",
});

describe("--version and the dashboard", () => {
  it("--version prints package.json's version", async () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { version: string };
    const result = await cli(["--version"], process.env);
    expect(result).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
  });

  it("the dashboard answers at /_emulator/ui and /_emulator/ui/", async () => {
    const emulator = await startEmulator({ port: 0 });
    try {
      for (const page of ["/_emulator/ui", "/_emulator/ui/"]) {
        const response = await fetch(`${emulator.url}${page}`);
        expect(response.status, page).toBe(200);
        expect(response.headers.get("content-type")).toMatch(/^text\/html/);
        expect(await response.text()).toContain('src="/_emulator/ui/app.js"');
      }
    } finally {
      await emulator.close();
    }
  });
});

describe("credentials of audit and export", () => {
  const settings = (config: Record<string, string>) => ({ settings: { ...readStackSettingsStub(), config }, name: "dev" });

  it("names each key's environment variable", () => {
    expect(envNameOf("lineworks:apiBaseUrl")).toBe("LINEWORKS_API_BASE_URL");
    expect(envNameOf("lineworks:requestsPerMinute")).toBe("LINEWORKS_REQUESTS_PER_MINUTE");
    expect(envNameOf("lineworks:privateKey")).toBe("LINEWORKS_PRIVATE_KEY");
  });

  it("the stack's config wins over the environment, key by key, as in pulumi up; the environment fills the rest", () => {
    const stack = settings({
      "lineworks:apiBaseUrl": "http://stack.example/v1.0",
      "lineworks:clientId": "stack-client",
      "lineworks:clientSecret": "stack-secret",
      "lineworks:serviceAccount": "sa@example.com",
      "lineworks:privateKey": PEM,
      "lineworks:domainId": "42",
    });
    const config = clientConfigForCli(stack, { LINEWORKS_API_BASE_URL: "http://env.example/v1.0", LINEWORKS_CLIENT_ID: "env-client", LINEWORKS_REQUESTS_PER_MINUTE: "60" });
    expect(config.apiBaseUrl).toBe("http://stack.example/v1.0");
    expect(config.clientId).toBe("stack-client");
    expect(config.serviceAccount).toBe("sa@example.com");
    expect(config.secrets.clientSecret()).toBe("stack-secret");
    expect(config.domainId).toBe(42);
    expect(config.requestsPerMinute).toBe(60);
  });

  it("LINEWORKS_PRIVATE_KEY_FILE is the fallback where the stack has no privateKey; the stack's value wins", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lwc-key-"));
    try {
      fs.writeFileSync(path.join(dir, "key.pem"), PEM);
      const env = { LINEWORKS_PRIVATE_KEY_FILE: path.join(dir, "key.pem"), LINEWORKS_CLIENT_ID: "c", LINEWORKS_CLIENT_SECRET: "s", LINEWORKS_SERVICE_ACCOUNT: "a" };
      expect(clientConfigForCli(settings({ "lineworks:accessToken": "" }), env).secrets.privateKey()).toBe(PEM.trim());
      expect(() => clientConfigForCli(settings({ "lineworks:privateKey": "not a key" }), env)).toThrow(/lineworks:privateKey in stack dev .*is not a readable PEM/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("without --stack the missing-credentials error names environment variables only; with it, the stack's keys too", () => {
    expect(() => clientConfigForCli(undefined, {})).toThrow(/^LINE WORKS credentials are missing: set LINEWORKS_ACCESS_TOKEN, or .*LINEWORKS_PRIVATE_KEY_FILE$/);
    expect(() => clientConfigForCli(undefined, { LINEWORKS_ACCESS_TOKEN: "t", LINEWORKS_DOMAIN_ID: "x" })).toThrow(
      /^LINEWORKS_DOMAIN_ID must be a positive integer, got "x"$/,
    );
    expect(() => clientConfigForCli(settings({}), {})).toThrow(/lineworks:clientId in stack dev \(else LINEWORKS_CLIENT_ID\)/);
  });

  it("export without credentials: a one-line reason naming no config key", async () => {
    const result = await cli(["export"], bareEnv());
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(/credentials are missing: set LINEWORKS_ACCESS_TOKEN/);
    expect(result.stderr).not.toContain("lineworks:");
  });
});

describe("--stack without a pulumi CLI: Pulumi.NAME.yaml offline", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lwc-stack-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: offline\nruntime: nodejs\n");
  fs.writeFileSync(
    path.join(dir, "Pulumi.dev.yaml"),
    [
      "config:",
      "  lineworks-contacts:files: [a.yaml]",
      "  lineworks-contacts:vars:",
      "    owner: admin@example.com",
      "    token: { secure: v1:AAAA }",
      "  lineworks:clientId: plain-client",
      "  lineworks:clientSecret: { secure: v1:BBBB }",
      "",
    ].join("\n"),
  );
  fs.writeFileSync(path.join(dir, "a.yaml"), "version: 1\ntags:\n  t: { contactTagName: \"${vars.owner}\" }\n");
  const env = bareEnv();

  it("validate's note names the secure var it could not read, not the credentials", () => {
    const read = readStackForCli("dev", dir, { desiredState: true, credentials: false }, env);
    expect(read.settings.source).toBe("file");
    expect(read.settings.config["lineworks:clientId"]).toBe("plain-client");
    expect(read.notes).toEqual([expect.stringMatching(/^lineworks-contacts:vars\.token is secure in .*Pulumi\.dev\.yaml and could not be read through the Pulumi CLI \(no pulumi CLI/)]);
  });

  it("export's note names the secure credential, not the vars; audit's both; a var given by --var is not missed", () => {
    const exported = readStackForCli("dev", dir, { desiredState: false, credentials: true }, env);
    expect(exported.notes).toEqual([expect.stringMatching(/^lineworks:clientSecret is secure in /)]);
    const audited = readStackForCli("dev", dir, { desiredState: true, credentials: true, givenVars: ["token"] }, env);
    expect(audited.notes).toEqual([expect.stringMatching(/^lineworks:clientSecret is secure in /)]);
  });

  it("export --stack needs no lineworks-contacts:files", () => {
    fs.writeFileSync(path.join(dir, "Pulumi.bare.yaml"), "config:\n  lineworks:clientId: c\n");
    expect(readStackForCli("bare", dir, { desiredState: false, credentials: true }, env).settings.files).toEqual([]);
    expect(() => readStackSettings("bare", dir)).toThrow(/lineworks-contacts:files must be a non-empty list/);
  });

  it("the CLI prints the note on stderr and runs on", async () => {
    const result = await cli(["validate", "--stack", "dev", "--cwd", dir], env);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/^validate: note: lineworks-contacts:vars\.token is secure/m);
    expect(result.stderr).not.toContain("clientSecret");
  });
});

describe("what --configure-stack writes", () => {
  it("endpoints and ids as plain values, the client secret and the private key as secrets", () => {
    const settings = emulatorSettings("http://0.0.0.0:8787", {
      clientId: "c",
      clientSecret: "s",
      serviceAccount: "a@example.com",
      domainId: 10000001,
      privateKey: `${PEM}\n`,
    });
    expect(settings.map(({ key, secret }) => [key, secret])).toEqual([
      ["lineworks:apiBaseUrl", false],
      ["lineworks:authUrl", false],
      ["lineworks:clientId", false],
      ["lineworks:serviceAccount", false],
      ["lineworks:domainId", false],
      ["lineworks:clientSecret", true],
      ["lineworks:privateKey", true],
    ]);
    expect(settings[0]!.value).toBe("http://127.0.0.1:8787/v1.0");
    expect(settings[1]!.value).toBe("http://127.0.0.1:8787/oauth2/v2.0/token");
    expect(connectableUrl("http://[::]:1234")).toBe("http://[::1]:1234");
    expect(connectableUrl("http://127.0.0.1:1234")).toBe("http://127.0.0.1:1234");
  });

  it("--cwd without --configure-stack is a usage error", async () => {
    const result = await cli(["emulator", "--port", "0", "--cwd", "."], process.env);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe("error: --cwd needs --configure-stack");
  });
});

function readStackSettingsStub() {
  return { projectDir: "/p", stackFile: "/p/Pulumi.dev.yaml", projectName: "p", files: [], vars: {}, secretVars: [], secureKeys: [], source: "pulumi" as const };
}
