/**
 * The architecture holds (.dependency-cruiser.cjs, run with dependency-cruiser's own CLI): layers
 * of provider/ import only downwards, the program and the dynamic provider share only
 * provider/seam, no import circle runs, the emulator shares nothing with the provider, and neither
 * the product nor bench/ loads test code. A fixture with one planted break of each kind proves the
 * rules find them.
 */
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../support/repo-root";

const CLI = path.join(repoRoot, "node_modules", "dependency-cruiser", "bin", "dependency-cruiser.mjs");
const CONFIG = path.join(repoRoot, ".dependency-cruiser.cjs");

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

function cruise(cwd: string, folders: string[]): Violation[] {
  const run = spawnSync(process.execPath, [CLI, ...folders, "--config", CONFIG, "--output-type", "json"], { cwd, encoding: "utf8", maxBuffer: 64 << 20 });
  const start = run.stdout.indexOf("{");
  if (start < 0) throw new Error(`dependency-cruiser printed no result (exit ${run.status}): ${run.stderr}`);
  return (JSON.parse(run.stdout.slice(start)) as { summary: { violations: Violation[] } }).summary.violations;
}

describe("the architecture", () => {
  it("provider, cli, emulator and bench keep every rule", { timeout: 60_000 }, () => {
    const violations = cruise(repoRoot, ["provider", "cli", "emulator", "bench"]);
    expect(violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`)).toEqual([]);
  });

  it("the rules find a planted break of each kind", { timeout: 60_000 }, () => {
    const violations = cruise(path.join(__dirname, "fixture"), ["provider"]);
    const found = new Set(violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`));
    expect(found).toContain("one-process-each: provider/program/classes.ts -> provider/dynamic-provider/kit.ts");
    expect(found).toContain("layer-loader-stack-seam: provider/loader/keys.ts -> provider/audit/compare.ts");
    expect([...found].some((line) => line.startsWith("no-circular: "))).toBe(true);
  });
});
