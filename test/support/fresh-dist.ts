/**
 * vitest global setup (vitest.config.mts): the emulator, the CLI and every `pulumi` run load
 * dist/ (through bin/lineworks-contacts.js and the package's exports), while in-process tests
 * import the sources. So before any test runs, dist/ is rebuilt when a source under provider/,
 * emulator/, cli/ or index.ts is newer than its compiled counterpart (or that is missing),
 * however the tests were started (`npm test`, `npx vitest run test/x.test.ts`, an editor).
 * When the build fails, the run stops with the command to run and its output.
 *
 * Concurrent vitest runs in one working tree build one at a time (a lock directory in
 * test/.tmp/), and each checks again once it holds the lock.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot } from "./repo-root";

/** What tsconfig.json compiles: these folders' .ts files and index.ts. */
const SOURCE_DIRS = ["provider", "emulator", "cli"];
const SOURCE_FILES = ["index.ts"];
export const BUILD_COMMAND = "npx tsc -p tsconfig.json && node scripts/prune-dist.js && node scripts/build-schema.js";

function walk(dir: string, found: string[]): void {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, found);
    else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) found.push(full);
  }
}

/** Sources (relative to `root`) whose dist/ .js is missing or older than them. */
export function staleSources(root: string): string[] {
  const sources: string[] = [];
  for (const dir of SOURCE_DIRS) walk(path.join(root, dir), sources);
  for (const file of SOURCE_FILES) if (fs.existsSync(path.join(root, file))) sources.push(path.join(root, file));
  const stale: string[] = [];
  for (const source of sources) {
    const relative = path.relative(root, source);
    const compiled = path.join(root, "dist", relative.replace(/\.ts$/, ".js"));
    const built = fs.statSync(compiled, { throwIfNoEntry: false });
    if (!built || built.mtimeMs < fs.statSync(source).mtimeMs) stale.push(relative);
  }
  return stale.sort();
}

export interface BuildResult {
  status: number | null;
  output: string;
}

/** tsc without emitting on errors (dist/ then stays stale, so every run reports it), then prune-dist and the editors' JSON Schema. */
export function runBuild(root: string): BuildResult {
  const tsc = spawnSync(process.execPath, [path.join(root, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.json", "--noEmitOnError"], {
    cwd: root,
    encoding: "utf8",
  });
  if (tsc.status !== 0) return { status: tsc.status, output: `${tsc.stdout ?? ""}${tsc.stderr ?? ""}${tsc.error?.message ?? ""}` };
  const prune = spawnSync(process.execPath, [path.join(root, "scripts", "prune-dist.js")], { cwd: root, encoding: "utf8" });
  if (prune.status !== 0) return { status: prune.status, output: `${prune.stdout ?? ""}${prune.stderr ?? ""}` };
  const schema = spawnSync(process.execPath, [path.join(root, "scripts", "build-schema.js")], { cwd: root, encoding: "utf8" });
  return { status: schema.status, output: `${schema.stdout ?? ""}${schema.stderr ?? ""}` };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** A lock directory holding the owner's pid; a lock whose owner is gone is taken over. */
async function withLock<T>(lockDir: string, deadlineMs: number, body: () => T): Promise<T> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      fs.writeFileSync(path.join(lockDir, "pid"), String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = Number(fs.readFileSync(path.join(lockDir, "pid"), { encoding: "utf8", flag: "a+" }) || "0");
      const age = Date.now() - (fs.statSync(lockDir, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      // An owner that is gone, or one that never wrote its pid (killed right after mkdir).
      if ((owner > 0 && !pidAlive(owner)) || (owner === 0 && age > 30_000)) {
        fs.rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`another test run has been building dist/ for too long (lock ${lockDir})`);
      await sleep(200);
    }
  }
  try {
    return body();
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}

/**
 * Builds dist/ when any source is newer than it. Returns the sources that were stale (empty:
 * nothing to do). Throws, naming the command to run, when the build fails.
 */
export async function ensureFreshDist(root: string, build: (root: string) => BuildResult = runBuild): Promise<string[]> {
  if (staleSources(root).length === 0) return [];
  const scratch = path.join(root, "test", ".tmp");
  fs.mkdirSync(scratch, { recursive: true });
  return withLock(path.join(scratch, "dist-build.lock"), 10 * 60_000, () => {
    const stale = staleSources(root);
    if (stale.length === 0) return [];
    const result = build(root);
    if (result.status !== 0) {
      throw new Error(
        `dist/ is older than ${stale.length} source file(s) (${stale.slice(0, 3).join(", ")}${stale.length > 3 ? ", ..." : ""}) ` +
          `and rebuilding it failed; fix the errors, or run \`${BUILD_COMMAND}\` to see them:\n${result.output.trim()}`,
      );
    }
    return stale;
  });
}

export default async function setup(): Promise<void> {
  const rebuilt = await ensureFreshDist(repoRoot);
  if (rebuilt.length > 0) console.info(`fresh-dist: rebuilt dist/ (${rebuilt.length} source file(s) were newer)`);
}
