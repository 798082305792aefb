/**
 * Runs the Pulumi CLI for the commands that read or write a stack's config. The binary is
 * `LINEWORKS_PULUMI` or `pulumi` on the PATH (as in stack-state.ts); it runs in the project's
 * folder with this process's environment, so it finds the backend (PULUMI_BACKEND_URL,
 * `pulumi login`) and the secrets provider (PULUMI_CONFIG_PASSPHRASE[_FILE], cloud KMS
 * credentials) exactly as `pulumi` itself would. No argument ever carries a secret: a secret
 * value goes on stdin.
 */
import { spawn, spawnSync } from "node:child_process";

export interface PulumiRun {
  code: number;
  stdout: string;
  stderr: string;
  /** Set when the binary could not be started. */
  notFound?: boolean;
}

const TIMEOUT_MS = 120_000;
const MAX_OUTPUT_BYTES = 64 * 1024 * 1024;

export const pulumiBinary = (env: NodeJS.ProcessEnv = process.env): string => env.LINEWORKS_PULUMI || "pulumi";

const childEnv = (env: NodeJS.ProcessEnv): NodeJS.ProcessEnv => ({ ...env, PULUMI_SKIP_UPDATE_CHECK: "true" });

/** Blocking: for the commands whose argument handling is synchronous (validate). */
export function runPulumiSync(args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): PulumiRun {
  const result = spawnSync(pulumiBinary(env), [...args, "--non-interactive"], {
    cwd,
    env: childEnv(env),
    encoding: "utf8",
    timeout: TIMEOUT_MS,
    maxBuffer: MAX_OUTPUT_BYTES,
    stdio: ["ignore", "pipe", "pipe"],
  });
  if (result.error) {
    const notFound = (result.error as NodeJS.ErrnoException).code === "ENOENT";
    return { code: -1, stdout: "", stderr: notFound ? "" : result.error.message, ...(notFound ? { notFound } : {}) };
  }
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** `input`, when given, is written to the CLI's stdin (how a secret value is passed). */
export function runPulumi(args: string[], cwd: string, options: { env?: NodeJS.ProcessEnv; input?: string } = {}): Promise<PulumiRun> {
  const env = options.env ?? process.env;
  return new Promise((resolve) => {
    const child = spawn(pulumiBinary(env), [...args, "--non-interactive"], {
      cwd,
      env: childEnv(env),
      stdio: [options.input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout!.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), TIMEOUT_MS);
    child.on("error", (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      const notFound = error.code === "ENOENT";
      resolve({ code: -1, stdout, stderr: notFound ? "" : error.message, ...(notFound ? { notFound } : {}) });
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
    if (options.input !== undefined) {
      child.stdin!.on("error", () => undefined); // the CLI may exit before reading it; its exit code says why
      child.stdin!.end(options.input);
    }
  });
}

/** Why a run failed, in one line: the CLI's own error line, or that there is no CLI. */
export function failureReason(run: PulumiRun, what: string): string {
  if (run.notFound) return "no pulumi CLI on the PATH (or LINEWORKS_PULUMI)";
  const line = run.stderr
    .split("\n")
    .map((text) => text.trim())
    .find((text) => text.startsWith("error:"));
  return (line ?? run.stderr.trim().split("\n")[0]) || `${what} exited ${run.code}`;
}

export const CONFIG_READ_ARGS = (stack: string) => ["config", "--show-secrets", "--json", "--stack", stack];
