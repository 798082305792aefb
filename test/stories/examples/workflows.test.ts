/**
 * Issue 29 item 4: the GitHub Actions workflows the README tells a team to copy
 * (examples/**\/.github/workflows/*.yml) and this repository's own (.github/workflows/*.yml,
 * issue 34: the release) pass actionlint, built from the Go module proxy by
 * scripts/ensure-actionlint.sh into a cache outside the repository; and every job that runs
 * `pulumi` or reads a stack's state (`lineworks-contacts audit|plan|export --stack`) has in scope
 * the variables those commands need: the backend, the passphrase, and a Pulumi CLI installed by
 * an earlier step. Without Go the actionlint check skips with a note, except in CI (CI=true),
 * where it fails.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { repoRoot } from "../../support/repo-root";

function workflowFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== "node_modules") found.push(...workflowFiles(full));
    else if (/\.ya?ml$/.test(entry.name) && full.includes(`${path.sep}.github${path.sep}workflows${path.sep}`)) found.push(full);
  }
  return found;
}

const EXAMPLE_WORKFLOWS = workflowFiles(path.join(repoRoot, "examples"));
/** This repository's own workflows (.github/workflows/*.yml): the release. */
const OWN_WORKFLOWS = fs.existsSync(path.join(repoRoot, ".github", "workflows"))
  ? fs.readdirSync(path.join(repoRoot, ".github", "workflows")).filter((name) => /\.ya?ml$/.test(name)).map((name) => path.join(repoRoot, ".github", "workflows", name))
  : [];
const WORKFLOWS = [...EXAMPLE_WORKFLOWS, ...OWN_WORKFLOWS];

function ensureActionlint(): { binary?: string; note?: string } {
  const result = spawnSync("bash", [path.join(repoRoot, "scripts", "ensure-actionlint.sh")], { encoding: "utf8", timeout: 15 * 60_000 });
  if (result.status === 0) return { binary: result.stdout.trim().split("\n").pop()! };
  if (result.status === 3) return { note: result.stderr.trim() };
  throw new Error(`scripts/ensure-actionlint.sh exited ${result.status}: ${result.stderr}`);
}

interface Step {
  uses?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}
interface Job {
  env?: Record<string, string>;
  steps?: Step[];
}

/** A step that runs the Pulumi CLI or reads a stack's config and state through it. */
const needsPulumi = (step: Step): boolean =>
  (step.uses?.startsWith("pulumi/actions@") === true && step.with?.command !== undefined) ||
  /(^|[\s;&|(])pulumi\s+(preview|up|refresh|destroy|stack|config)\b/m.test(step.run ?? "") ||
  /lineworks-contacts\s+(audit|plan|export)\b[^\n]*--stack/.test(step.run ?? "");
const installsPulumi = (step: Step): boolean => step.uses?.startsWith("pulumi/actions@") === true;

describe("the example workflows", () => {
  it("exist (examples/promotion ships two; the repository has its release)", () => {
    expect(EXAMPLE_WORKFLOWS.map((file) => path.basename(file)).sort()).toEqual(["contacts.yml", "drift.yml"]);
    expect(OWN_WORKFLOWS.map((file) => path.basename(file)).sort()).toEqual(["release.yml"]);
  });

  it("pass actionlint", (context) => {
    const { binary, note } = ensureActionlint();
    if (binary === undefined) {
      if (process.env.CI === "true" || process.env.CI === "1") throw new Error(`actionlint is required in CI: ${note}`);
      console.warn(`workflows test: actionlint check skipped (no Go toolchain to build it): ${note}`);
      context.skip();
      return;
    }
    const result = spawnSync(binary, ["-no-color", ...WORKFLOWS], { encoding: "utf8", cwd: repoRoot, timeout: 120_000 });
    expect(result.status, result.stdout + result.stderr).toBe(0);
  }, 20 * 60_000);

  for (const file of WORKFLOWS) {
    it(`${path.relative(repoRoot, file)}: every job that runs pulumi names its backend and passphrase, after installing the CLI`, () => {
      const workflow = parse(fs.readFileSync(file, "utf8")) as { env?: Record<string, string>; jobs: Record<string, Job> };
      const problems: string[] = [];
      for (const [name, job] of Object.entries(workflow.jobs)) {
        const steps = job.steps ?? [];
        steps.forEach((step, index) => {
          if (!needsPulumi(step)) return;
          const env = { ...workflow.env, ...job.env, ...step.env };
          for (const variable of ["PULUMI_BACKEND_URL", "PULUMI_CONFIG_PASSPHRASE"]) {
            if (!env[variable]) problems.push(`job ${name}, step ${index + 1}: ${variable} is not set`);
          }
          if (step.run !== undefined && !steps.slice(0, index).some(installsPulumi)) problems.push(`job ${name}, step ${index + 1}: no earlier step installs the Pulumi CLI`);
        });
      }
      expect(problems).toEqual([]);
    });
  }
});

describe(".github/workflows/release.yml", () => {
  interface ReleaseJob extends Job {
    needs?: string | string[];
    permissions?: Record<string, string>;
  }
  const release = () =>
    parse(fs.readFileSync(path.join(repoRoot, ".github", "workflows", "release.yml"), "utf8")) as {
      on: { push?: { tags?: string[]; branches?: string[] }; [event: string]: unknown };
      permissions: Record<string, string>;
      jobs: Record<string, ReleaseJob>;
    };
  const runs = (job: ReleaseJob) => (job.steps ?? []).map((step) => step.run ?? "").join("\n");

  it("runs only on a version tag, reading the repository and nothing more by default", () => {
    const workflow = release();
    expect(Object.keys(workflow.on)).toEqual(["push"]);
    expect(workflow.on.push).toEqual({ tags: ["v*"] });
    expect(workflow.permissions).toEqual({ contents: "read" });
  });

  it("publishes with provenance only after the whole test suite passed, with an OIDC token and read-only contents", () => {
    const { jobs } = release();
    const publishing = Object.entries(jobs).filter(([, job]) => /\bnpm publish\b/.test(runs(job)));
    expect(publishing.map(([name]) => name)).toEqual(["publish"]);
    const publish = jobs.publish!;
    expect(runs(publish)).toMatch(/^npm publish --provenance\b/m);
    expect(publish.permissions).toEqual({ contents: "read", "id-token": "write" });
    const needs = [publish.needs ?? []].flat();
    expect(needs.length).toBeGreaterThan(0);
    for (const name of needs) expect(runs(jobs[name]!)).toMatch(/^npm test$/m);
    // The tag must be package.json's version, and package.json must name the repository npm's provenance checks.
    expect(runs(publish)).toContain('"v$version" != "$GITHUB_REF_NAME"');
    expect(runs(publish)).toContain("git+https://github.com/$GITHUB_REPOSITORY.git");
  });
});
