/**
 * Least privilege through the real `pulumi` CLI and the CLI, against the emulator process (its
 * log records the scope of every token request and of the token behind every call): a preview
 * (with --refresh, so that it reads), a refresh and an `audit` ask only for contact.read; an
 * `up` with an app given only contact.read, or with lineworks:scope pinned to contact.read,
 * fails before any write, naming the scope to grant.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, writes } from "../../support/cli-runs";
import { startEmulatorProcess, type EmulatorProcess, type EmulatorRequestLogEntry } from "../../support/emulator-process";
import { expectOk } from "../../support/expect-ok";
import { emulatorProviderEnv, emulatorStackConfig } from "../../support/provider-config";
import { createPulumiWorkspace, type PulumiWorkspace } from "../../support/pulumi-workspace";
import { FULL_DOMAIN, READ_ONLY_DOMAIN, writeLeastPrivilegeSeed } from "./least-privilege-seed";

const PROGRAM = 'module.exports = require("lineworks-contacts-pulumi/provider/desired-state/program").runRootProgram();\n';

const company = (tags: string[]) => `version: 1
tags:
${tags.map((tag) => `  ${tag.toLowerCase()}: { contactTagName: ${tag} }`).join("\n")}
contacts:
  taro:
    permission: { masterUserId: admin@example.com, accessibleRange: ALL }
    contactName: { lastName: Tanaka, firstName: Taro }
    emails: [{ email: taro@least-privilege.example, primary: true }]
    tags: [vip]
`;

/** The scopes of the token requests and of the tokens behind the API calls, each once. */
function scopesIn(log: EmulatorRequestLogEntry[]): { token: string[]; api: string[] } {
  const unique = (entries: EmulatorRequestLogEntry[]) => [...new Set(entries.map((entry) => `${entry.scope} ${entry.status}`))].sort();
  return { token: unique(log.filter((entry) => entry.kind === "token")), api: [...new Set(log.filter((e) => e.kind === "api").map((e) => e.scope))] as string[] };
}

let emulator: EmulatorProcess;
let seedFile: string;

beforeAll(async () => {
  seedFile = writeLeastPrivilegeSeed();
  emulator = await startEmulatorProcess({ seedFile });
});
afterAll(async () => {
  await emulator?.stop();
  fs.rmSync(path.dirname(seedFile), { recursive: true, force: true });
});

async function stackOn(domainId: number, stack: string): Promise<PulumiWorkspace> {
  const workspace = await createPulumiWorkspace({
    program: PROGRAM,
    stack,
    config: { ...(await emulatorStackConfig(emulator, { domainId })), "lineworks-contacts:files": '["company.yaml"]' },
  });
  fs.writeFileSync(path.join(workspace.dir, "company.yaml"), company(["VIP"]));
  return workspace;
}

describe("read-only work asks for contact.read; a run that must write without contact fails before writing", () => {
  let full: PulumiWorkspace;
  let reader: PulumiWorkspace;

  beforeAll(async () => {
    full = await stackOn(FULL_DOMAIN, "full");
    reader = await stackOn(READ_ONLY_DOMAIN, "reader");
  });
  afterAll(async () => {
    await full?.dispose();
    await reader?.dispose();
  });

  it("up writes with contact; preview --refresh, refresh and audit use only contact.read", async () => {
    await emulator.clearRequests();
    expectOk(await full.up());
    const upLog = await emulator.requests();
    expect(writes(upLog).length).toBeGreaterThan(0);
    expect(new Set(writes(upLog).map((entry) => entry.scope))).toEqual(new Set(["contact"]));

    for (const [what, run] of [
      ["preview --refresh", () => full.preview(["--refresh", "--expect-no-changes"])],
      ["refresh", () => full.refresh()],
      [
        "audit",
        async () => {
          const env = await emulatorProviderEnv(emulator, { domainId: FULL_DOMAIN });
          const audit = await runCli(["audit", "company.yaml"], { cwd: full.dir, env });
          return { ...audit, durationMs: 0 };
        },
      ],
    ] as const) {
      await emulator.clearRequests();
      const result = await run();
      expect(result.code, `${what}\n${result.stdout}\n${result.stderr}`).toBe(0);
      const log = await emulator.requests();
      expect(log.filter((entry) => entry.kind === "api").length, what).toBeGreaterThan(0);
      expect(scopesIn(log), what).toEqual({ token: ["contact.read 200"], api: ["contact.read"] });
    }
  });

  it("up with an app given only contact.read fails before any write, naming the scope to grant", async () => {
    await emulator.clearRequests();
    const up = await reader.up();
    const output = up.stdout + up.stderr;
    expect(up.code, output).not.toBe(0);
    expect(output).toContain("The app is not granted the scope contact (read and write, needed to apply changes)");
    const log = await emulator.requests();
    expect(writes(log)).toEqual([]);
    // The token endpoint refused the contact token; whatever it granted was contact.read.
    expect(scopesIn(log).token).toContain("contact 400");
    expect(log.filter((entry) => entry.kind === "token" && entry.status === 200 && entry.scope !== "contact.read")).toEqual([]);
  });

  it("up with lineworks:scope pinned to contact.read fails before any write, naming the scope to grant", async () => {
    fs.writeFileSync(path.join(full.dir, "company.yaml"), company(["VIP", "Partner"]));
    await full.setConfig("lineworks:scope", "contact.read");
    await emulator.clearRequests();
    const up = await full.up();
    const output = up.stdout + up.stderr;
    expect(up.code, output).not.toBe(0);
    expect(output).toContain("pins the read-only scope contact.read");
    expect(output).toContain("Grant the app the scope contact");
    const log = await emulator.requests();
    expect(writes(log)).toEqual([]);
    expect(log.filter((entry) => entry.kind === "token" && entry.scope !== "contact.read")).toEqual([]);
  });
});
