/**
 * Issue 29 item 4: a user's project made exactly as the README's "Use it in your own repository"
 * says (its whole Pulumi.yaml, index.js, .gitignore and stack file, taken from the README; the
 * package tarball committed under vendor/ and installed from there), committed with git, cloned
 * afresh; in the clone `npm ci` installs it and `pulumi preview` runs against the emulator the
 * clone installed, started with the README's `--data` outside the project and `--configure-stack
 * local`. Installing the tarball prints no npm warning about an install script of the package.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startConfiguringEmulator, stopConfiguringEmulator, type ConfiguringEmulator } from "../../support/configuring-emulator";
import { expectOk } from "../../support/expect-ok";
import { pulumiBinDir } from "../../support/pulumi-cli";
import { createPulumiWorkspace, type PulumiWorkspace } from "../../support/pulumi-workspace";
import { repoRoot } from "../../support/repo-root";
import { makeOutsideDir, mustRun, npmCacheDir, outsideEnv, packPackage, run } from "./consumer";

const README = fs.readFileSync(path.join(repoRoot, "README.md"), "utf8");

/** The README's fenced block of `lang` whose first line is `firstLine`, without that line. */
function readmeBlock(lang: string, firstLine: string): string {
  for (const match of README.matchAll(new RegExp("```" + lang + "\\n([\\s\\S]*?)```", "g"))) {
    const [head, ...rest] = match[1]!.split("\n");
    if (head === firstLine) return rest.join("\n");
  }
  throw new Error(`the README shows no \`\`\`${lang} block starting with ${firstLine}`);
}

const GIT_IDENTITY = { GIT_AUTHOR_NAME: "Test", GIT_AUTHOR_EMAIL: "test@example.com", GIT_COMMITTER_NAME: "Test", GIT_COMMITTER_EMAIL: "test@example.com" };

describe("a project made as the README says, cloned afresh", () => {
  let outside: string;
  let project: string;
  let clone: string;
  let env: Record<string, string>;
  let tarballName: string;
  let installOutput: string;
  let workspace: PulumiWorkspace | undefined;
  let emulator: ConfiguringEmulator | undefined;
  const git = (args: string[], cwd: string) => mustRun("git", args, { cwd, env, timeoutMs: 60_000 });

  beforeAll(async () => {
    outside = makeOutsideDir("lwc-fresh-clone-");
    project = path.join(outside, "my-contacts");
    clone = path.join(outside, "clone");
    fs.mkdirSync(path.join(project, "vendor"), { recursive: true });
    env = outsideEnv([pulumiBinDir()], { ...GIT_IDENTITY, npm_config_cache: npmCacheDir });
    const packed = await packPackage(outside);
    tarballName = path.basename(packed.tarball);
    fs.copyFileSync(packed.tarball, path.join(project, "vendor", tarballName));

    fs.writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "my-contacts", version: "1.0.0", private: true }, null, 2));
    // The README's command, word for word.
    const command = `npm install ./vendor/${tarballName} @pulumi/pulumi`;
    expect(README).toContain(command);
    const install = await mustRun("npm", command.split(" ").slice(1).concat(["--no-audit", "--no-fund"]), { cwd: project, env, timeoutMs: 20 * 60_000 });
    installOutput = install.stdout + install.stderr;

    fs.writeFileSync(path.join(project, "Pulumi.yaml"), readmeBlock("yaml", "# Pulumi.yaml"));
    fs.writeFileSync(path.join(project, "index.js"), readmeBlock("js", "// index.js"));
    fs.writeFileSync(path.join(project, ".gitignore"), readmeBlock("gitignore", "# .gitignore"));
    fs.writeFileSync(path.join(project, "Pulumi.local.yaml"), readmeBlock("yaml", "# Pulumi.local.yaml"));
    for (const file of ["company.yaml", "contacts.yaml", "photos"]) {
      fs.cpSync(path.join(repoRoot, "examples", "basic", file), path.join(project, file), { recursive: true });
    }
    await git(["init", "-q", "-b", "main"], project);
    await git(["add", "."], project);
    await git(["commit", "-q", "-m", "contacts as code"], project);
    await git(["clone", "-q", project, clone], outside);
  }, 30 * 60_000);

  afterAll(async () => {
    await stopConfiguringEmulator(emulator);
    await workspace?.dispose();
    if (outside) fs.rmSync(outside, { recursive: true, force: true });
  });

  it("installs the tarball with no npm warning about the package's scripts, recording a path inside the project", () => {
    expect(installOutput).not.toMatch(/lineworks-contacts-pulumi@[^\n]*\((prepare|preinstall|install|postinstall):/);
    const manifest = JSON.parse(fs.readFileSync(path.join(project, "package.json"), "utf8"));
    expect(manifest.dependencies["lineworks-contacts-pulumi"]).toBe(`file:vendor/${tarballName}`);
    const installed = JSON.parse(fs.readFileSync(path.join(project, "node_modules", "lineworks-contacts-pulumi", "package.json"), "utf8"));
    expect(Object.keys(installed.scripts ?? {}).filter((name) => ["preinstall", "install", "postinstall", "prepare"].includes(name))).toEqual([]);
  });

  it("commits the tarball, the lock file and the README's files, and keeps node_modules and the emulator's data out", async () => {
    const tracked = (await git(["ls-files"], project)).stdout.split("\n");
    for (const file of [`vendor/${tarballName}`, "package.json", "package-lock.json", "Pulumi.yaml", "Pulumi.local.yaml", "index.js", ".gitignore", "company.yaml"]) {
      expect(tracked).toContain(file);
    }
    expect(tracked.filter((file) => file.startsWith("node_modules/"))).toEqual([]);
    expect((await run("git", ["check-ignore", "-q", "my-contacts.emulator.json"], { cwd: project, env, timeoutMs: 30_000 })).code).toBe(0);
  });

  it("in a fresh clone: npm ci, the README's emulator command on a local stack, then pulumi preview", async () => {
    await mustRun("npm", ["ci", "--no-audit", "--no-fund"], { cwd: clone, env, timeoutMs: 20 * 60_000 });
    expect(fs.existsSync(path.join(clone, "node_modules", "lineworks-contacts-pulumi", "dist", "provider", "index.js"))).toBe(true);
    expect(README).toContain("npx lineworks-contacts emulator --data ../my-contacts.emulator.json --configure-stack local");

    workspace = await createPulumiWorkspace({ projectDir: clone, stack: "local", env });
    // --port 0 instead of the README's default 8787: tests run side by side.
    emulator = await startConfiguringEmulator(["--port", "0", "--data", "../my-contacts.emulator.json", "--configure-stack", "local"], clone, { ...workspace.env }, path.join(clone, "node_modules", ".bin", "lineworks-contacts"));
    expect(emulator.child.exitCode, emulator.stderr()).toBeNull();
    expect(emulator.stdout.join("\n")).toContain("lineworks:domainId = 10000001");

    const preview = await workspace.run(["preview", "--stack", "local"]);
    expectOk(preview);
    expect(preview.stdout).toMatch(/\+ \d+ to create/);
    expect(preview.stdout).toMatch(/lineworks:Contact tanaka-taro create/);
    // The emulator's data landed outside the clone; the clone changed only its stack file.
    expect(fs.existsSync(path.join(outside, "my-contacts.emulator.json"))).toBe(true);
    const status = (await git(["status", "--porcelain"], clone)).stdout.trimEnd().split("\n");
    expect(status).toEqual([" M Pulumi.local.yaml"]);
  }, 30 * 60_000);
});
