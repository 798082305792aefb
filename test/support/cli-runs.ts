import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import type { EmulatorRequestLogEntry } from "./emulator-process";
import { repoRoot } from "./pulumi-cli";

const run = promisify(execFile);
export const cliPath = path.join(repoRoot, "bin", "lineworks-contacts.js");

/** A throw-away copy of an example under test/.tmp (inside the repo, so the package resolves). */
export function copyExample(name: string): string {
  const target = path.join(repoRoot, "test", ".tmp", `${name}-${randomBytes(4).toString("hex")}`);
  fs.cpSync(path.join(repoRoot, "examples", name), target, { recursive: true });
  return target;
}

export function removeDir(dir: string | undefined): void {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}

/**
 * The CLI run to its end. `env` adds to this process's environment; with `onlyEnv` it is the whole
 * environment (a test that must not inherit LINEWORKS_* or PULUMI_* variables).
 */
export async function runCli(args: string[], options: { cwd: string; env?: Record<string, string>; onlyEnv?: boolean }) {
  try {
    const { stdout, stderr } = await run(process.execPath, [cliPath, ...args], {
      cwd: options.cwd,
      env: options.onlyEnv ? options.env : { ...process.env, ...options.env },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const failed = err as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** Requests that change something: anything but GET (and the token endpoint). */
export function writes(log: EmulatorRequestLogEntry[]): EmulatorRequestLogEntry[] {
  return log.filter((entry) => entry.kind === "api" && entry.method !== "GET");
}

/** `FILE:LINE:COL: message` lines in a command's output, deduplicated, in order. */
export function problemLines(output: string): string[] {
  const lines = output
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => /^[^\s:]+:\d+:\d+: /.test(line));
  return [...new Set(lines)];
}
