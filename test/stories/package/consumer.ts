/**
 * Support for the package tests: the package as `npm pack` makes it, installed into a new
 * project outside the repository, as a user would. Installs go only through npm, from the
 * registry, with an npm cache of their own next to the Pulumi CLI (outside the repository), so
 * a warm run downloads nothing it already has.
 */
import { execFile, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createInterface } from "node:readline";
import { promisify } from "node:util";
import { repoRoot } from "../../support/repo-root";

export const cacheRoot =
  process.env.LINEWORKS_CONTACTS_CACHE ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), ".cache"), "lineworks-contacts");
/** npm's cache for the consumer installs (and nothing else). */
export const npmCacheDir = path.join(cacheRoot, "npm-cache");

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * The environment of a process started outside the repository: ours minus what `npm run`
 * (npm_*, INIT_CWD) and vitest (VITEST*, NODE_ENV) set, with `binDirs` first on PATH.
 */
export function outsideEnv(binDirs: string[], extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || /^(npm_|VITEST|INIT_CWD$|NODE_ENV$|NODE_OPTIONS$)/i.test(key)) continue;
    env[key] = value;
  }
  env.PATH = [...binDirs, process.env.PATH ?? ""].join(path.delimiter);
  return { ...env, ...extra };
}

/** Runs a command to its end (SIGKILL after `timeoutMs`); never rejects on a non-zero exit. */
export function run(command: string, args: string[], options: { cwd: string; env: Record<string, string>; timeoutMs: number }): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      stderr += `\n[killed after ${options.timeoutMs} ms]`;
      child.kill("SIGKILL");
    }, options.timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}

export async function mustRun(command: string, args: string[], options: { cwd: string; env: Record<string, string>; timeoutMs: number }): Promise<RunResult> {
  const result = await run(command, args, options);
  if (result.code !== 0) {
    throw new Error(`${command} ${args.join(" ")} (in ${options.cwd}) exited ${result.code}\n${result.stdout}\n${result.stderr}`);
  }
  return result;
}

export interface PackedPackage {
  tarball: string;
  /** Paths inside the package, as `npm pack --json` lists them. */
  files: string[];
  size: number;
  unpackedSize: number;
}

/**
 * `npm pack` of the repository into `destDir`. The build is bootstrap's (scripts/test.sh
 * compiles dist/ before the suite), so the build (`preprepare`) is not run again while other tests load dist/.
 */
export async function packPackage(destDir: string): Promise<PackedPackage> {
  const result = await mustRun("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", destDir], {
    cwd: repoRoot,
    env: outsideEnv([]),
    timeoutMs: 120_000,
  });
  const [report] = JSON.parse(result.stdout) as Array<{ filename: string; files: Array<{ path: string }>; size: number; unpackedSize: number }>;
  return {
    tarball: path.join(destDir, report!.filename),
    files: report!.files.map((file) => file.path),
    size: report!.size,
    unpackedSize: report!.unpackedSize,
  };
}

/** Folder for a consumer project: under the OS temp dir, outside the repository. */
export function makeOutsideDir(prefix: string): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  if (!path.relative(repoRoot, dir).startsWith("..")) throw new Error(`${dir} is inside the repository`);
  return dir;
}

/** The folder holding `node` of the given major version (scripts/ensure-node.sh: cached, registry-installed). */
export async function ensureNode(major: number): Promise<string> {
  const { stdout } = await promisify(execFile)("bash", [path.join(repoRoot, "scripts", "ensure-node.sh"), String(major)], {
    env: outsideEnv([]),
    timeout: 15 * 60_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout.trim().split("\n").pop()!;
}

/** `npm install` in `dir` (its package.json) with the consumer npm cache. */
export function npmInstall(dir: string, env: Record<string, string>): Promise<RunResult> {
  return mustRun("npm", ["install", "--cache", npmCacheDir, "--no-audit", "--no-fund", "--loglevel=error"], {
    cwd: dir,
    env,
    timeoutMs: 20 * 60_000,
  });
}

/** Every installed copy of `name` under `dir`/node_modules (nested ones included), as folders. */
export function installedCopies(dir: string, name: string): string[] {
  const found: string[] = [];
  const visit = (nodeModules: string) => {
    if (!fs.existsSync(nodeModules)) return;
    if (fs.existsSync(path.join(nodeModules, name, "package.json"))) found.push(path.join(nodeModules, name));
    for (const entry of fs.readdirSync(nodeModules, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name === ".bin") continue;
      if (entry.name.startsWith("@")) {
        for (const scoped of fs.readdirSync(path.join(nodeModules, entry.name), { withFileTypes: true })) {
          if (scoped.isDirectory()) visit(path.join(nodeModules, entry.name, scoped.name, "node_modules"));
        }
      } else {
        visit(path.join(nodeModules, entry.name, "node_modules"));
      }
    }
  };
  visit(path.join(dir, "node_modules"));
  return found;
}

export interface ShippedEmulator {
  url: string;
  credentials(): Promise<{ clientId: string; clientSecret: string; serviceAccount: string; domainId: number; privateKey: string }>;
  state(): Promise<{ domains: Array<{ contacts: unknown[]; contactTags?: unknown[]; customProperties?: unknown[] }> }>;
  stop(): Promise<void>;
}

/** `node_modules/.bin/lineworks-contacts emulator --port 0` of the consumer project. */
export async function startShippedEmulator(dir: string, env: Record<string, string>): Promise<ShippedEmulator> {
  const child = spawn(path.join(dir, "node_modules", ".bin", "lineworks-contacts"), ["emulator", "--port", "0"], {
    cwd: dir,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`the shipped emulator printed no URL in 30 s: ${stderr}`));
    }, 30_000);
    createInterface({ input: child.stdout }).once("line", (line) => {
      clearTimeout(timer);
      resolve(line.trim());
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the shipped emulator exited (${code}) before printing its URL: ${stderr}`));
    });
  });
  child.stdout.resume();
  const get = async (route: string): Promise<any> => {
    const response = await fetch(`${url}${route}`);
    if (!response.ok) throw new Error(`GET ${route}: HTTP ${response.status}`);
    return response.json();
  };
  return {
    url,
    credentials: () => get("/_emulator/credentials"),
    state: () => get("/_emulator/state"),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
