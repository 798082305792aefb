import { execFile } from "node:child_process";
import * as path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { CORPUS_VARS, invalidCases, invalidDir, type InvalidCase } from "./corpus";

const run = promisify(execFile);
const cli = path.resolve(__dirname, "..", "..", "..", "bin", "lineworks-contacts.js");

async function validate(files: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const vars = Object.entries(CORPUS_VARS).flatMap(([name, value]) => ["--var", `${name}=${value}`]);
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, "validate", ...files, ...vars], { cwd: invalidDir });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const failed = err as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** Runs the cases two at a time: each is a CLI process. */
async function validateAll(cases: InvalidCase[]) {
  const results = new Map<string, Awaited<ReturnType<typeof validate>>>();
  const queue = [...cases];
  await Promise.all(
    [0, 1].map(async () => {
      for (let next = queue.shift(); next; next = queue.shift()) results.set(next.name, await validate([...next.before, next.file]));
    }),
  );
  return results;
}

describe("test/provider/loader/invalid corpus through `lineworks-contacts validate`", () => {
  const cases = invalidCases();

  it("has at least 40 invalid files", () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it("the base of the overlay cases is valid on its own", async () => {
    const result = await validate(["base/base.yaml"]);
    expect(result.stdout).toMatch(/^valid:/);
    expect(result.code).toBe(0);
  });

  it("every file fails with its expected FILE:LINE:COL and message", async () => {
    const results = await validateAll(cases);
    const failures: string[] = [];
    for (const testCase of cases) {
      const result = results.get(testCase.name)!;
      const lines = result.stdout.trim().split("\n");
      const hit = lines.some((line) => line.startsWith(`${testCase.location}: `) && line.includes(testCase.fragment));
      if (result.code !== 1 || !hit) {
        failures.push(`${testCase.name}: exit ${result.code}, expected "${testCase.location}: ...${testCase.fragment}..." in:\n${result.stdout}${result.stderr}`);
      }
      if (testCase.problems !== undefined && lines.length !== testCase.problems) {
        failures.push(`${testCase.name}: expected exactly ${testCase.problems} problem(s), got ${lines.length}:\n${result.stdout}`);
      }
      // Every line is a located problem, nothing else.
      for (const line of lines) if (!/^[^:\s]+:\d+:\d+: \S/.test(line)) failures.push(`${testCase.name}: unlocated output line "${line}"`);
    }
    expect(failures).toEqual([]);
  }, 360_000); // one CLI process per case (about 80), two at a time
});
