/**
 * `validate --stack NAME` (CONTRACT §4) on examples/promotion's stacks: the files and vars of
 * Pulumi.NAME.yaml, relative to its folder, from that folder or through --cwd; secure vars
 * noted as unknown offline; a broken file reported at FILE:LINE:COL. Offline: no emulator.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { copyExample, problemLines, removeDir, runCli } from "../../support/cli-runs";
import { repoRoot } from "../../support/pulumi-cli";

describe("validate --stack", () => {
  const projectDir = copyExample("promotion");
  afterAll(() => removeDir(projectDir));

  it.each(["dev", "prod"])("passes for examples/promotion's %s stack, from the project folder and through --cwd", async (stack) => {
    const here = await runCli(["validate", "--stack", stack], { cwd: projectDir });
    expect(here.code, here.stdout + here.stderr).toBe(0);
    expect(here.stdout).toMatch(/^valid: desired\/company\.yaml, desired\/contacts\.yaml/);
    expect(here.stderr).toBe("");
    const elsewhere = await runCli(["validate", "--stack", stack, "--cwd", projectDir], { cwd: repoRoot });
    expect(elsewhere.code, elsewhere.stdout + elsewhere.stderr).toBe(0);
    expect(here.stdout.replace(/^valid: .*? \(/, "")).toBe(elsewhere.stdout.replace(/^valid: .*? \(/, ""));
  });

  it("the prod stack adds its overlay file after the shared ones", async () => {
    const dev = await runCli(["validate", "--stack", "dev"], { cwd: projectDir });
    const prod = await runCli(["validate", "--stack", "prod"], { cwd: projectDir });
    expect(dev.stdout).toMatch(/3 contacts\)/);
    expect(prod.stdout).toMatch(/^valid: desired\/company\.yaml, desired\/contacts\.yaml, desired\/prod-overlay\.yaml \(.*3 contacts\)/);
  });

  it("reports a broken file at FILE:LINE:COL, relative to where it was run", async () => {
    const contacts = path.join(projectDir, "desired", "contacts.yaml");
    const original = fs.readFileSync(contacts, "utf8");
    fs.writeFileSync(contacts, original.replace("tags: [prospect, followup]", "tags: [prospect, followup, nosuch]"));
    try {
      const result = await runCli(["validate", "--stack", "dev", "--cwd", projectDir], { cwd: repoRoot });
      expect(result.code).toBe(1);
      const relative = path.relative(repoRoot, contacts);
      expect(problemLines(result.stdout)).toEqual([`${relative}:19:32: contacts.sato-kenji.tags[2]: unknown tag "nosuch": no key "nosuch" in tags or userTags`]);
    } finally {
      fs.writeFileSync(contacts, original);
    }
  });

  it("a secure var is noted as unknown offline; a var in no place is an error; --var fills either", async () => {
    const stackFile = path.join(projectDir, "Pulumi.dev.yaml");
    const original = fs.readFileSync(stackFile, "utf8");
    fs.writeFileSync(stackFile, original.replace("crmBaseUrl: https://crm-staging.example", "crmBaseUrl: { secure: v1:AAAAbm90LXJlYWxseQ== }"));
    try {
      const noted = await runCli(["validate", "--stack", "dev"], { cwd: projectDir });
      expect(noted.code, noted.stdout + noted.stderr).toBe(0);
      expect(noted.stderr).toMatch(/^note: desired\/contacts\.yaml:12:\d+: \$\{vars\.crmBaseUrl\} is secret in .*Pulumi\.dev\.yaml and has no value offline/m);
      expect(noted.stderr).not.toContain("AAAA");
      const filled = await runCli(["validate", "--stack", "dev", "--var", "crmBaseUrl=https://crm.example"], { cwd: projectDir });
      expect(filled.code).toBe(0);
      expect(filled.stderr).toBe("");

      fs.writeFileSync(stackFile, original.replace("    crmBaseUrl: https://crm-staging.example\n", ""));
      const missing = await runCli(["validate", "--stack", "dev"], { cwd: projectDir });
      expect(missing.code).toBe(1);
      expect(problemLines(missing.stdout)).toEqual([expect.stringMatching(/^desired\/contacts\.yaml:12:\d+: undefined variable \$\{vars\.crmBaseUrl\}/)]);
    } finally {
      fs.writeFileSync(stackFile, original);
    }
  });

  it("an unknown stack or a folder without Pulumi.yaml: exit 1 with a one-line reason", async () => {
    for (const args of [["--stack", "staging"], ["--stack", "dev", "--cwd", path.join(projectDir, "desired")]]) {
      const result = await runCli(["validate", ...args], { cwd: projectDir });
      expect(result.code).toBe(1);
      expect(result.stderr.trim().split("\n")).toHaveLength(1);
      expect(result.stderr).toMatch(/file not found/);
    }
  });
});
