import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pulumiBinDir, repoRoot } from "./pulumi-cli";

export interface PulumiResult {
  code: number;
  stdout: string;
  stderr: string;
  durationMs: number;
}

export interface RunningPulumi {
  readonly pid: number;
  readonly done: Promise<PulumiResult>;
  killGroup(): void;
}

export type ConfigValue = string | { value: string; secret?: boolean };

export interface PulumiWorkspaceOptions {
  /**
   * Source of index.js for a throw-away project created under test/.tmp/ (inside the repo, so
   * that `@pulumi/pulumi` and the package itself resolve through the repo's node_modules and
   * package self-reference, exactly as in a user project that installed the package).
   */
  program?: string;
  /** Run an existing project folder instead (e.g. the repo root or an example). */
  projectDir?: string;
  projectName?: string;
  stack?: string;
  config?: Record<string, ConfigValue>;
  env?: Record<string, string>;
  /**
   * A state backend URL (e.g. `postgres://…`) instead of the default fresh `file://` folder.
   * The workspace neither creates nor cleans it; `backendText()` then reads nothing.
   */
  backendUrl?: string;
}

export interface PulumiWorkspace {
  readonly dir: string;
  readonly stack: string;
  readonly backendDir: string;
  /** The environment every pulumi run gets (backend, passphrase, PATH with the CLI): for tools that call pulumi themselves. */
  readonly env: Readonly<Record<string, string>>;
  run(args: string[], options?: { env?: Record<string, string>; timeoutMs?: number; stdin?: string }): Promise<PulumiResult>;
  /**
   * Starts pulumi in its own process group, for tests that interrupt a run:
   * `killGroup()` SIGKILLs the CLI and every plugin it started, as a dying CI runner would.
   */
  start(args: string[], options?: { env?: Record<string, string>; stdin?: string }): RunningPulumi;
  up(extraArgs?: string[]): Promise<PulumiResult>;
  preview(extraArgs?: string[]): Promise<PulumiResult>;
  refresh(extraArgs?: string[]): Promise<PulumiResult>;
  destroy(extraArgs?: string[]): Promise<PulumiResult>;
  setConfig(key: string, value: ConfigValue): Promise<void>;
  /** `pulumi stack export` parsed (secrets stay encrypted). */
  exportState(): Promise<any>;
  /** Every file of the local backend concatenated: what an attacker with the state bucket sees. */
  backendText(): string;
  outputs(): Promise<Record<string, unknown>>;
  dispose(): Promise<void>;
}

const TEST_PASSPHRASE = "lineworks-contacts-test-passphrase";
const tmpRoot = path.join(repoRoot, "test", ".tmp");

function uniqueDir(parent: string, prefix: string): string {
  fs.mkdirSync(parent, { recursive: true });
  const dir = path.join(parent, `${prefix}-${randomBytes(4).toString("hex")}`);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

function writeProject(dir: string, projectName: string, program: string): void {
  fs.writeFileSync(
    path.join(dir, "Pulumi.yaml"),
    `name: ${projectName}\nruntime:\n  name: nodejs\n  options:\n    typescript: false\nmain: index.js\n`,
  );
  fs.writeFileSync(path.join(dir, "index.js"), program);
}

function readAll(dir: string): string {
  if (!fs.existsSync(dir)) return "";
  let text = "";
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    text += entry.isDirectory() ? readAll(full) : fs.readFileSync(full, "utf8");
  }
  return text;
}

export async function createPulumiWorkspace(options: PulumiWorkspaceOptions): Promise<PulumiWorkspace> {
  const stack = options.stack ?? "test";
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "lwc-pulumi-"));
  const backendDir = path.join(scratch, "backend");
  const homeDir = path.join(scratch, "home");
  fs.mkdirSync(backendDir);
  fs.mkdirSync(homeDir);

  let dir: string;
  let ownsDir = false;
  if (options.projectDir) {
    dir = options.projectDir;
  } else if (options.program !== undefined) {
    dir = uniqueDir(tmpRoot, "project");
    ownsDir = true;
    writeProject(dir, options.projectName ?? "lwc-test", options.program);
  } else {
    throw new Error("createPulumiWorkspace needs `program` or `projectDir`");
  }

  const stackConfigFile = path.join(dir, `Pulumi.${stack}.yaml`);
  const stackConfigExisted = fs.existsSync(stackConfigFile);
  const binDir = pulumiBinDir();
  const baseEnv: Record<string, string> = {
    ...(process.env as Record<string, string>),
    PATH: `${binDir}${path.delimiter}${process.env.PATH ?? ""}`,
    PULUMI_BACKEND_URL: options.backendUrl ?? `file://${backendDir}`,
    PULUMI_CONFIG_PASSPHRASE: TEST_PASSPHRASE,
    PULUMI_HOME: homeDir,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_SKIP_CONFIRMATIONS: "true",
    PULUMI_DIY_BACKEND_GZIP: "false",
    PULUMI_SELF_MANAGED_STATE_GZIP: "false",
    PULUMI_DIY_BACKEND_NO_LEGACY_WARNING: "true",
    PULUMI_SELF_MANAGED_STATE_NO_LEGACY_WARNING: "true",
    PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: "true",
    NO_COLOR: "1",
    ...options.env,
  };

  const start: PulumiWorkspace["start"] = (args, runOptions = {}) => {
    const started = Date.now();
    const child = spawn(path.join(binDir, "pulumi"), ["--non-interactive", "--color", "never", ...args], {
      cwd: dir,
      env: { ...baseEnv, ...runOptions.env },
      stdio: [runOptions.stdin === undefined ? "ignore" : "pipe", "pipe", "pipe"],
      detached: true,
    });
    if (runOptions.stdin !== undefined) child.stdin!.end(runOptions.stdin);
    let stdout = "";
    let stderr = "";
    child.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const killGroup = () => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // already gone
      }
    };
    const done = new Promise<PulumiResult>((resolve, reject) => {
      child.on("error", reject);
      child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr, durationMs: Date.now() - started }));
    });
    return { pid: child.pid!, done, killGroup };
  };

  const run: PulumiWorkspace["run"] = async (args, runOptions = {}) => {
    const running = start(args, runOptions);
    const timer = setTimeout(running.killGroup, runOptions.timeoutMs ?? 300_000);
    try {
      return await running.done;
    } finally {
      clearTimeout(timer);
    }
  };

  const mustSucceed = async (args: string[], stdin?: string): Promise<PulumiResult> => {
    const result = await run(args, stdin === undefined ? {} : { stdin });
    if (result.code !== 0) {
      throw new Error(`pulumi ${args.join(" ")} exited ${result.code}\n${result.stdout}\n${result.stderr}`);
    }
    return result;
  };

  const setConfig = async (key: string, value: ConfigValue) => {
    const plain = typeof value === "string" ? { value, secret: false } : value;
    // A secret goes in on stdin, never as an argument `ps` would show (as --configure-stack does).
    if (plain.secret) await mustSucceed(["config", "set", "--stack", stack, "--secret", "--", key], plain.value);
    else await mustSucceed(["config", "set", "--stack", stack, "--plaintext", "--", key, plain.value]);
  };

  const removeScratch = () => {
    fs.rmSync(scratch, { recursive: true, force: true });
    if (ownsDir) fs.rmSync(dir, { recursive: true, force: true });
    else if (!stackConfigExisted) fs.rmSync(stackConfigFile, { force: true });
  };
  try {
    await mustSucceed(["stack", "init", stack]);
    for (const [key, value] of Object.entries(options.config ?? {})) await setConfig(key, value);
  } catch (error) {
    removeScratch();
    throw error;
  }

  const workspace: PulumiWorkspace = {
    dir,
    stack,
    backendDir,
    env: baseEnv,
    run,
    start,
    up: (extraArgs = []) => run(["up", "--yes", "--skip-preview", "--stack", stack, ...extraArgs]),
    preview: (extraArgs = []) => run(["preview", "--stack", stack, ...extraArgs]),
    refresh: (extraArgs = []) => run(["refresh", "--yes", "--skip-preview", "--stack", stack, ...extraArgs]),
    destroy: (extraArgs = []) => run(["destroy", "--yes", "--skip-preview", "--stack", stack, ...extraArgs]),
    setConfig,
    async exportState() {
      return JSON.parse((await mustSucceed(["stack", "export", "--stack", stack])).stdout);
    },
    backendText: () => readAll(backendDir),
    async outputs() {
      return JSON.parse((await mustSucceed(["stack", "output", "--json", "--stack", stack])).stdout);
    },
    async dispose() {
      removeScratch();
    },
  };
  return workspace;
}
