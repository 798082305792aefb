/**
 * A throw-away Pulumi project for the bench: index.js (and any other files the program needs)
 * in a folder under dist-bench/projects/ (inside the repository, so that `@pulumi/pulumi` and
 * the package itself resolve through the repository's node_modules and the package's
 * self-reference, as in a user project that installed the package), a fresh `file://` backend
 * in the system's temp folder, and the real `pulumi` CLI (LINEWORKS_PULUMI_BIN, or
 * scripts/ensure-pulumi.sh).
 */
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { repoRoot } from "./repo-root";

export interface PulumiResult {
  code: number;
  stdout: string;
  stderr: string;
  durationMs: number;
  /**
   * CPU seconds (user + system) of the run's whole process tree (pulumi, its plugins, the program,
   * the dynamic provider), from GNU time: far less moved by a busy machine than the wall time.
   * Undefined without /usr/bin/time.
   */
  cpuSeconds?: number;
}

const GNU_TIME = "/usr/bin/time";

export interface PulumiWorkspace {
  readonly dir: string;
  readonly stack: string;
  readonly backendDir: string;
  /** One `pulumi` run in the project (killed with its plugins after `timeoutMs`). */
  run(args: string[], options?: { env?: Record<string, string>; timeoutMs?: number }): Promise<PulumiResult>;
  dispose(): Promise<void>;
}

let binDir: string | undefined;
function pulumiBinDir(): string {
  binDir ??=
    process.env.LINEWORKS_PULUMI_BIN ||
    execFileSync("bash", [path.join(repoRoot, "scripts", "ensure-pulumi.sh")], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] })
      .trim()
      .split("\n")
      .pop()!;
  return binDir;
}

export async function createPulumiWorkspace(options: { files: Record<string, string>; stack: string }): Promise<PulumiWorkspace> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "lwc-bench-"));
  const backendDir = path.join(scratch, "backend");
  const homeDir = path.join(scratch, "home");
  fs.mkdirSync(backendDir);
  fs.mkdirSync(homeDir);
  const dir = path.join(repoRoot, "dist-bench", "projects", `project-${randomBytes(4).toString("hex")}`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: lwc-bench\nruntime:\n  name: nodejs\n  options:\n    typescript: false\nmain: index.js\n");
  for (const [name, text] of Object.entries(options.files)) fs.writeFileSync(path.join(dir, name), text);

  const bin = pulumiBinDir();
  // What the bench varies (the DIY backend's knobs, PULUMI_SKIP_CHECKPOINTS) comes with each run's env.
  const baseEnv: Record<string, string> = {
    ...(process.env as Record<string, string>),
    PATH: `${bin}${path.delimiter}${process.env.PATH ?? ""}`,
    PULUMI_BACKEND_URL: `file://${backendDir}`,
    PULUMI_CONFIG_PASSPHRASE: "lineworks-contacts-bench-passphrase",
    PULUMI_HOME: homeDir,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_SKIP_CONFIRMATIONS: "true",
    PULUMI_DIY_BACKEND_NO_LEGACY_WARNING: "true",
    NO_COLOR: "1",
  };

  const run: PulumiWorkspace["run"] = (args, runOptions = {}) =>
    new Promise((resolve, reject) => {
      const started = Date.now();
      const timeFile = fs.existsSync(GNU_TIME) ? path.join(scratch, `time-${randomBytes(4).toString("hex")}`) : undefined;
      const command = [path.join(bin, "pulumi"), "--non-interactive", "--color", "never", ...args];
      const timed = timeFile ? [GNU_TIME, "-o", timeFile, "-f", "%U %S", ...command] : command;
      const child = spawn(timed[0]!, timed.slice(1), {
        cwd: dir,
        env: { ...baseEnv, ...runOptions.env },
        stdio: ["ignore", "pipe", "pipe"],
        detached: true,
      });
      let stdout = "";
      let stderr = "";
      child.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid!, "SIGKILL");
        } catch {
          // already gone
        }
      }, runOptions.timeoutMs ?? 300_000);
      child.on("error", reject);
      child.on("close", (code) => {
        clearTimeout(timer);
        const result: PulumiResult = { code: code ?? -1, stdout, stderr, durationMs: Date.now() - started };
        const times = timeFile && fs.existsSync(timeFile) ? /(\d+\.\d+) (\d+\.\d+)\s*$/.exec(fs.readFileSync(timeFile, "utf8")) : null;
        if (times) result.cpuSeconds = Number(times[1]) + Number(times[2]);
        resolve(result);
      });
    });

  const dispose = async () => {
    fs.rmSync(scratch, { recursive: true, force: true });
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const init = await run(["stack", "init", options.stack]);
  if (init.code !== 0) {
    await dispose();
    throw new Error(`pulumi stack init ${options.stack} exited ${init.code}: ${init.stderr}`);
  }
  return { dir, stack: options.stack, backendDir, run, dispose };
}
