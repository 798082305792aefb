/**
 * Issue 34 item 2: the package is ready to publish. The release workflow's own publish command
 * (.github/workflows/release.yml), run with --dry-run, exits 0 with no warning but "not logged
 * in"; what it would upload holds nothing from test/, bench/, scripts/, tools/ or examples/ and
 * everything package.json points at (main, types, bin, exports, typesVersions); package.json
 * names a GitHub repository (npm provenance requires it), its version has a CHANGELOG section, and
 * the README's install line is the published package's.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { repoRoot } from "../../support/repo-root";
import { mustRun, outsideEnv } from "./consumer";

const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8"));

/** `npm publish ...` as the release workflow's publish job runs it. */
function workflowPublishArgs(): string[] {
  const workflow = parse(fs.readFileSync(path.join(repoRoot, ".github", "workflows", "release.yml"), "utf8")) as {
    jobs: Record<string, { steps?: Array<{ run?: string }> }>;
  };
  const line = Object.values(workflow.jobs)
    .flatMap((job) => job.steps ?? [])
    .flatMap((step) => (step.run ?? "").split("\n"))
    .find((text) => /^npm publish\b/.test(text.trim()));
  if (!line) throw new Error("release.yml runs no npm publish");
  return line.trim().split(/\s+/).slice(1);
}

/** The package's files matching an exports/typesVersions target ("./dist/provider/*.js"). */
const matching = (files: string[], target: string) => {
  const pattern = new RegExp(`^${target.replace(/^\.\//, "").replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".+")}$`);
  return files.filter((file) => pattern.test(file));
};

describe("npm publish --dry-run", () => {
  let args: string[];
  let stderr: string;
  let report: { id: string; name: string; version: string; files: Array<{ path: string }> };
  let files: string[];

  beforeAll(async () => {
    args = workflowPublishArgs();
    // The build is bootstrap's (dist/ is fresh); --ignore-scripts so the dry run does not rebuild
    // it under the other tests. No npm token in the environment (outsideEnv drops npm_*).
    const result = await mustRun("npm", [...args, "--dry-run", "--ignore-scripts", "--json"], { cwd: repoRoot, env: outsideEnv([]), timeoutMs: 180_000 });
    stderr = result.stderr;
    report = (JSON.parse(result.stdout) as Record<string, typeof report>)[manifest.name]!;
    files = report.files.map((file) => file.path);
  }, 240_000);

  it("is the workflow's command, with provenance, and runs clean: no warning but that a dry run is not logged in", () => {
    expect(args).toEqual(["publish", "--provenance", "--access", "public"]);
    expect(report.id).toBe(`lineworks-contacts-pulumi@${manifest.version}`);
    const warnings = stderr.split("\n").filter((line) => /^npm (warn|error|WARN|ERR)/.test(line));
    expect(warnings.filter((line) => !/requires you to be logged in .*\(dry-run\)/.test(line))).toEqual([]);
    // npm rewrites fields it finds malformed and says so; a clean manifest needs no correction.
    expect(stderr).not.toMatch(/auto-corrected|normalized/i);
  });

  it("uploads nothing from test/, bench/, scripts/, tools/, examples/ or .github/", () => {
    expect(files.filter((file) => /^(test|bench|scripts|tools|examples|\.github|\.ci|docs)\//.test(file) || /(^|\/)(noop\.js|.*\.test\.[cm]?[jt]s)$/.test(file))).toEqual([]);
    expect(files.filter((file) => !/^(dist|bin)\//.test(file)).sort()).toEqual(["LICENSE", "README.md", "package.json"]);
  });

  it("uploads every file package.json points at: main, types, bin, each export and typesVersions entry", () => {
    expect(files).toContain(manifest.main);
    expect(files).toContain(manifest.types);
    for (const bin of Object.values(manifest.bin as Record<string, string>)) {
      expect(files).toContain(bin);
      expect(fs.readFileSync(path.join(repoRoot, bin), "utf8").startsWith("#!/usr/bin/env node\n")).toBe(true);
    }
    const missing: string[] = [];
    for (const [subpath, target] of Object.entries(manifest.exports as Record<string, string>)) {
      if (matching(files, target).length === 0) missing.push(`exports ${subpath} -> ${target}`);
      // The types of a JavaScript export ship next to it.
      if (target.endsWith(".js") && matching(files, target.replace(/\.js$/, ".d.ts")).length === 0) missing.push(`types of ${subpath}`);
    }
    for (const [subpath, targets] of Object.entries(manifest.typesVersions["*"] as Record<string, string[]>)) {
      for (const target of targets) if (matching(files, target).length === 0) missing.push(`typesVersions ${subpath} -> ${target}`);
    }
    expect(missing).toEqual([]);
  });

  it("names its GitHub repository (provenance), has a CHANGELOG section for its version, and the README installs it from the registry", () => {
    expect(manifest.repository.type).toBe("git");
    const match = /^git\+https:\/\/github\.com\/([\w.-]+)\/([\w.-]+)\.git$/.exec(manifest.repository.url);
    expect(match, manifest.repository.url).not.toBeNull();
    const web = `https://github.com/${match![1]}/${match![2]}`;
    expect(manifest.homepage).toBe(`${web}#readme`);
    expect(manifest.bugs).toEqual({ url: `${web}/issues` });
    const changelog = fs.readFileSync(path.join(repoRoot, "CHANGELOG.md"), "utf8");
    // The heading the release workflow checks for (grep "^## VERSION ").
    expect(changelog).toMatch(new RegExp(`^## ${manifest.version.replace(/\./g, "\\.")} `, "m"));
    expect(changelog).toContain("## Version policy");
    const readme = fs.readFileSync(path.join(repoRoot, "README.md"), "utf8");
    expect(readme).toContain("npm install lineworks-contacts-pulumi @pulumi/pulumi\n");
  });
});
