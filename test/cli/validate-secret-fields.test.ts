/**
 * `validate --stack` checks the stack's `lineworks-contacts:secretFields` as the program does
 * (the same rule, the same words), so a wrong value fails on a pull request, not at `up`.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli-runs";

describe("validate --stack: secretFields", () => {
  let dir: string;
  // Offline: the stack file is read without the Pulumi CLI.
  const env = { LINEWORKS_PULUMI: "/nonexistent/pulumi" };
  const stackFile = (secretFields: string) =>
    fs.writeFileSync(
      path.join(dir, "Pulumi.dev.yaml"),
      `config:\n  lineworks-contacts:files: [company.yaml]\n  lineworks-contacts:secretFields: ${secretFields}\n`,
    );

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "lwc-secret-fields-"));
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: contacts\nruntime: nodejs\n");
    fs.writeFileSync(path.join(dir, "company.yaml"), "version: 1\ntags:\n  vip: { contactTagName: VIP }\n");
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("accepts memo and customProperties", async () => {
    stackFile("[memo, customProperties]");
    const result = await runCli(["validate", "--stack", "dev"], { cwd: dir, env });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^valid: /);
  });

  it("refuses another field, naming the key and the index", async () => {
    stackFile("[memo, emails]");
    const result = await runCli(["validate", "--stack", "dev"], { cwd: dir, env });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('lineworks-contacts:secretFields[1]: "emails" cannot be made secret (expected one of memo, customProperties)');
  });
});
