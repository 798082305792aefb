/**
 * The global setup that keeps dist/ fresh (test/support/fresh-dist.ts), on a scratch tree: a
 * source newer than its compiled file, or one never compiled, makes a build; a failing build
 * stops the run naming the command; a fresh tree builds nothing.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BUILD_COMMAND, ensureFreshDist, staleSources, type BuildResult } from "./fresh-dist";

let root: string;

function write(relative: string, text: string, mtimeSeconds: number): void {
  const file = path.join(root, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  fs.utimesSync(file, mtimeSeconds, mtimeSeconds);
}

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "lwc-fresh-dist-"));
  // Sources at t=1000, their compiled files at t=2000.
  for (const source of ["provider/a.ts", "emulator/routes/b.ts", "cli/index.ts", "index.ts"]) {
    write(source, "export {};\n", 1000);
    write(path.join("dist", source.replace(/\.ts$/, ".js")), "", 2000);
  }
  write("provider/types.d.ts", "", 3000); // declarations compile to nothing
  write("test/x.test.ts", "", 3000); // not a source of dist/
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

/** A build that records its calls and touches every compiled file, like tsc. */
function fakeBuild(status = 0) {
  const calls: string[] = [];
  const build = (at: string): BuildResult => {
    calls.push(at);
    if (status === 0) for (const stale of staleSources(at)) write(path.join("dist", stale.replace(/\.ts$/, ".js")), "", 4000);
    return { status, output: status === 0 ? "" : "provider/a.ts(1,1): error TS1005: ';' expected." };
  };
  return { calls, build };
}

describe("fresh dist/ for every test run", () => {
  it("finds nothing to build when every compiled file is newer than its source", async () => {
    expect(staleSources(root)).toEqual([]);
    const { calls, build } = fakeBuild();
    expect(await ensureFreshDist(root, build)).toEqual([]);
    expect(calls).toEqual([]);
  });

  it("builds when a source was edited after the last build, or was never compiled", async () => {
    write("emulator/routes/b.ts", "export const edited = 1;\n", 2500);
    write("provider/new-file.ts", "export {};\n", 1000);
    expect(staleSources(root)).toEqual(["emulator/routes/b.ts", "provider/new-file.ts"]);
    const { calls, build } = fakeBuild();
    expect(await ensureFreshDist(root, build)).toEqual(["emulator/routes/b.ts", "provider/new-file.ts"]);
    expect(calls).toEqual([root]);
    expect(staleSources(root)).toEqual([]);
  });

  it("builds when dist/ is missing", async () => {
    fs.rmSync(path.join(root, "dist"), { recursive: true });
    expect(staleSources(root)).toEqual(["cli/index.ts", "emulator/routes/b.ts", "index.ts", "provider/a.ts"]);
  });

  it("stops the run with the command to run when the build fails, and leaves no lock behind", async () => {
    write("provider/a.ts", "export const broken =\n", 2500);
    const { build } = fakeBuild(2);
    const failure = ensureFreshDist(root, build);
    await expect(failure).rejects.toThrow(BUILD_COMMAND);
    await expect(ensureFreshDist(root, build)).rejects.toThrow(/error TS1005/);
    expect(fs.existsSync(path.join(root, "test", ".tmp", "dist-build.lock"))).toBe(false);
  });

  it("takes over a lock whose owner is gone", async () => {
    write("provider/a.ts", "export {};\n", 2500);
    const lock = path.join(root, "test", ".tmp", "dist-build.lock");
    fs.mkdirSync(lock, { recursive: true });
    fs.writeFileSync(path.join(lock, "pid"), "2147483646"); // no such process
    const { calls, build } = fakeBuild();
    expect(await ensureFreshDist(root, build)).toEqual(["provider/a.ts"]);
    expect(calls).toHaveLength(1);
  });
});
