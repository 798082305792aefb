/**
 * One consumer leg: the packed package installed into a new project outside the repository with
 * that project's own @pulumi/pulumi, run on a given Node.js with the README's one-line index.js,
 * the YAML files of examples/basic and stack config as the README writes it, through the real
 * `pulumi` CLI against the emulator the package ships.
 */
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { pulumiBinDir } from "../../support/pulumi-cli";
import { createPulumiWorkspace, type PulumiWorkspace } from "../../support/pulumi-workspace";
import { repoRoot } from "../../support/repo-root";
import {
  installedCopies,
  makeOutsideDir,
  mustRun,
  npmInstall,
  outsideEnv,
  packPackage,
  run,
  startShippedEmulator,
  type ShippedEmulator,
} from "./consumer";

export interface LegOptions {
  /** The Node.js major version this leg runs on. */
  nodeMajor: number;
  /** Folder of the `node` to run everything on (first on PATH); undefined: the machine's. */
  nodeBinDir: () => Promise<string | undefined>;
  /** The @pulumi/pulumi version the consumer project installs. */
  pulumiVersion: () => Promise<string>;
  /** `@types/node` range for the TypeScript check. */
  typesNode: string;
}

/** The README's one-line index.js (README "Use it in your own repository"). */
export const ONE_LINE_INDEX = 'module.exports = require("lineworks-contacts-pulumi/provider/desired-state/program").runRootProgram();\n';

const STACK = "dev";

export function consumerLeg(options: LegOptions): void {
  let outside: string;
  let project: string;
  let nodeBin: string | undefined;
  let pulumiVersion: string;
  let nodeVersion: string;
  let env: Record<string, string>;
  let emulator: ShippedEmulator | undefined;
  let workspace: PulumiWorkspace | undefined;

  beforeAll(async () => {
    outside = makeOutsideDir("lwc-consumer-");
    project = path.join(outside, "project");
    fs.mkdirSync(project);
    nodeBin = await options.nodeBinDir();
    pulumiVersion = await options.pulumiVersion();
    env = outsideEnv([...(nodeBin ? [nodeBin] : []), pulumiBinDir()]);

    const packed = await packPackage(outside);
    // What `npm install lineworks-contacts-pulumi @pulumi/pulumi` writes, with the tarball for the
    // package; @types/node for the TypeScript example (compiled by the repository's tsc).
    const manifest = {
      name: "my-contacts",
      version: "1.0.0",
      private: true,
      dependencies: { "@pulumi/pulumi": pulumiVersion, "lineworks-contacts-pulumi": `file:${packed.tarball}` },
      devDependencies: { "@types/node": options.typesNode },
    };
    fs.writeFileSync(path.join(project, "package.json"), JSON.stringify(manifest, null, 2));
    const started = Date.now();
    await npmInstall(project, env);
    console.info(`consumer leg: @pulumi/pulumi ${pulumiVersion}, ${packed.files.length}-file tarball installed in ${Math.round((Date.now() - started) / 1000)} s`);

    fs.writeFileSync(path.join(project, "Pulumi.yaml"), "name: my-contacts\nruntime:\n  name: nodejs\n  options:\n    typescript: false\nmain: index.js\n");
    fs.writeFileSync(path.join(project, "index.js"), ONE_LINE_INDEX);
    for (const file of ["company.yaml", "contacts.yaml", "photos"]) {
      fs.cpSync(path.join(repoRoot, "examples", "basic", file), path.join(project, file), { recursive: true });
    }
  }, 30 * 60_000);

  afterAll(async () => {
    await workspace?.dispose();
    await emulator?.stop();
    if (outside) fs.rmSync(outside, { recursive: true, force: true });
  });

  it("runs on the intended Node.js", async () => {
    const { stdout } = await mustRun("node", ["-p", "process.version"], { cwd: project, env, timeoutMs: 30_000 });
    nodeVersion = stdout.trim();
    expect(nodeVersion.startsWith(`v${options.nodeMajor}.`), nodeVersion).toBe(true);
    if (!nodeBin) expect(nodeVersion).toBe(process.version);
  });

  it("keeps one copy of @pulumi/pulumi, the project's own, which the package resolves", () => {
    expect(installedCopies(project, "@pulumi/pulumi")).toEqual([path.join(project, "node_modules", "@pulumi", "pulumi")]);
    const sdk = JSON.parse(fs.readFileSync(path.join(project, "node_modules", "@pulumi", "pulumi", "package.json"), "utf8"));
    expect(sdk.version).toBe(pulumiVersion);
    const fromPackage = createRequire(path.join(project, "node_modules", "lineworks-contacts-pulumi", "package.json"));
    expect(fromPackage.resolve("@pulumi/pulumi")).toBe(path.join(project, "node_modules", "@pulumi", "pulumi", "index.js"));
    expect(installedCopies(project, "lineworks-contacts-pulumi")).toHaveLength(1);
  });

  it("type-checks examples/typescript against the packed package (node16 and node10 resolution)", async () => {
    const exampleDir = path.join(project, "typescript-example");
    fs.mkdirSync(exampleDir);
    for (const file of ["index.ts", "tsconfig.json"]) fs.copyFileSync(path.join(repoRoot, "examples", "typescript", file), path.join(exampleDir, file));
    // The repository's TypeScript; every module and type resolves from the consumer project.
    const tsc = path.join(repoRoot, "node_modules", "typescript", "bin", "tsc");
    // node16 as the example's tsconfig says, every declaration checked; then node10 (`exports`
    // ignored, so typesVersions must map the subpaths), as older Pulumi templates configure it.
    for (const resolution of [[], ["--module", "commonjs", "--moduleResolution", "node10", "--skipLibCheck"]]) {
      const result = await run("node", [tsc, "-p", exampleDir, "--noEmit", ...resolution], { cwd: exampleDir, env, timeoutMs: 5 * 60_000 });
      expect(result.code, `tsc ${resolution.join(" ")}\n${result.stdout}${result.stderr}`).toBe(0);
    }
  }, 10 * 60_000);

  it("applies the README's project with pulumi up, previews no change and destroys, on the shipped emulator", async () => {
    emulator = await startShippedEmulator(project, env);
    const credentials = await emulator.credentials();
    // Stack config as the README shows it; the credentials as secrets.
    fs.writeFileSync(
      path.join(project, `Pulumi.${STACK}.yaml`),
      [
        "config:",
        "  lineworks-contacts:files: [company.yaml, contacts.yaml]",
        "  lineworks-contacts:vars: { owner: admin@example.com, salesLead: sales@example.com }",
        `  lineworks:domainId: "${credentials.domainId}"`,
        `  lineworks:apiBaseUrl: ${emulator.url}/v1.0`,
        `  lineworks:authUrl: ${emulator.url}/oauth2/v2.0/token`,
        `  lineworks:clientId: ${credentials.clientId}`,
        `  lineworks:serviceAccount: ${credentials.serviceAccount}`,
        "",
      ].join("\n"),
    );
    // Every Node.js process of the run notes its version and script, to show what ran where.
    const processLog = path.join(outside, "node-processes.log");
    const recorder = path.join(outside, "record-node.js");
    fs.writeFileSync(
      recorder,
      `require("fs").appendFileSync(${JSON.stringify(processLog)}, JSON.stringify({ version: process.version, script: process.argv[1] || "" }) + "\\n");\n`,
    );
    workspace = await createPulumiWorkspace({
      projectDir: project,
      stack: STACK,
      env: { ...env, NODE_OPTIONS: `--require=${recorder}` },
      config: {
        "lineworks:clientSecret": { value: credentials.clientSecret, secret: true },
        "lineworks:privateKey": { value: credentials.privateKey, secret: true },
      },
    });

    const up = await workspace.up();
    expect(up.code, up.stdout + up.stderr).toBe(0);
    const outputs = (await workspace.outputs()) as Record<string, Record<string, string>>;
    expect(Object.keys(outputs.contactIds!)).toHaveLength(10);
    expect(Object.keys(outputs.tagIds!).sort()).toEqual(["partner", "press", "prospect", "supplier", "vip"]);
    const live = (await emulator.state()).domains[0]!;
    expect(live.contacts).toHaveLength(10);

    const preview = await workspace.preview(["--expect-no-changes"]);
    expect(preview.code, preview.stdout + preview.stderr).toBe(0);

    const destroy = await workspace.destroy();
    expect(destroy.code, destroy.stdout + destroy.stderr).toBe(0);
    expect((await emulator.state()).domains[0]!.contacts).toHaveLength(0);

    // The program and the dynamic-provider host ran on this leg's Node.js, from the project's SDK.
    const processes = fs
      .readFileSync(processLog, "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { version: string; script: string });
    const sdkDir = path.join(project, "node_modules", "@pulumi", "pulumi");
    const programs = processes.filter((entry) => entry.script === path.join(sdkDir, "cmd", "run") || entry.script.startsWith(path.join(sdkDir, "cmd", "run") + path.sep));
    const providers = processes.filter((entry) => entry.script.startsWith(path.join(sdkDir, "cmd", "dynamic-provider")));
    expect(programs.length, JSON.stringify(processes)).toBeGreaterThanOrEqual(2); // up, preview (destroy runs no program)
    expect(providers.length, JSON.stringify(processes)).toBeGreaterThanOrEqual(3);
    expect(new Set(processes.map((entry) => entry.version))).toEqual(new Set([nodeVersion]));
  }, 15 * 60_000);
}
