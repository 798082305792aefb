/**
 * Starts the emulator as its own child process (`node bin/lineworks-contacts.js
 * emulator --port 0 ...`, from the built dist/) and talks to its admin endpoints
 * with plain fetch. Always `stop()` (or `kill()`) it in afterAll.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { resolve } from "node:path";
import { createInterface } from "node:readline";
import type { RequestLogEntry } from "../../emulator/request-log";
import { repoRoot } from "./repo-root";

export const REPO_ROOT = repoRoot;
export const CLI_PATH = resolve(REPO_ROOT, "bin", "lineworks-contacts.js");

export interface EmulatorProcessOptions {
  requestsPerMinute?: number;
  dataFile?: string;
  seedFile?: string;
  accessTokenTtlSeconds?: number;
  extraArgs?: string[];
  /** How long to wait for the URL line (ms). */
  startTimeoutMs?: number;
}

export interface EmulatorCredentials {
  clientId: string;
  clientSecret: string;
  serviceAccount: string;
  domainId: number;
  /** PEM */
  privateKey: string;
}

/** One entry of `/_emulator/requests` (the emulator's own type). */
export type EmulatorRequestLogEntry = RequestLogEntry;

export interface EmulatorFaults {
  status500Rate?: number;
  status429Rate?: number;
  /** 503 SERVICE_UNAVAILABLE (CONTRACT §8). */
  status503Rate?: number;
  latencyMs?: [number, number];
  dropConnectionRate?: number;
  /** 307 to the same URL on the emulator's origin (CONTRACT §8). */
  redirectRate?: number;
  /** How an expired or revoked token is answered (default 403), both `code: UNAUTHORIZED` (CONTRACT §8). */
  tokenExpiryStatus?: 401 | 403;
  /** Emulator extra: how POST answers a duplicate name (default 409). */
  duplicateNameStatus?: 400 | 409;
  status429ResetSeconds?: number;
  seed?: number;
  /** Emulator extra: GET answers with unknown fields, nulls and undocumented enum values (emulator/loose-responses.ts). */
  looseResponses?: boolean;
}

export interface EmulatorProcess {
  /** e.g. `http://127.0.0.1:41234` */
  url: string;
  apiBaseUrl: string;
  authUrl: string;
  pid: number;
  /** Everything the process wrote to stderr so far. */
  stderr(): string;
  /** Everything the process wrote to stdout so far (its URL line first). */
  stdout(): string;
  credentials(domainId?: number): Promise<EmulatorCredentials>;
  requests(): Promise<EmulatorRequestLogEntry[]>;
  clearRequests(): Promise<void>;
  reset(): Promise<void>;
  state(): Promise<any>;
  setFaults(faults: EmulatorFaults): Promise<void>;
  expireTokens(): Promise<void>;
  /** SIGTERM, then waits for the exit; resolves with the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL, then waits for the exit. */
  kill(): Promise<void>;
}

async function admin(url: string, method: string, path: string, body?: unknown): Promise<Response> {
  const response = await fetch(`${url}${path}`, {
    method,
    ...(body === undefined ? {} : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${await response.text()}`);
  return response;
}

function waitForExit(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolveExit) => child.once("exit", (code) => resolveExit(code)));
}

export async function startEmulatorProcess(options: EmulatorProcessOptions = {}): Promise<EmulatorProcess> {
  const args = [CLI_PATH, "emulator", "--port", "0"];
  if (options.requestsPerMinute !== undefined) args.push("--requests-per-minute", String(options.requestsPerMinute));
  if (options.dataFile !== undefined) args.push("--data", options.dataFile);
  if (options.seedFile !== undefined) args.push("--seed", options.seedFile);
  if (options.accessTokenTtlSeconds !== undefined) args.push("--access-token-ttl", String(options.accessTokenTtlSeconds));
  args.push(...(options.extraArgs ?? []));

  const child = spawn(process.execPath, args, { cwd: REPO_ROOT, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr!.setEncoding("utf8");
  child.stderr!.on("data", (chunk: string) => {
    stderr += chunk;
  });

  let stdout = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    stdout += chunk.toString("utf8");
  });

  const url = await new Promise<string>((resolveUrl, rejectUrl) => {
    const lines = createInterface({ input: child.stdout! });
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      rejectUrl(new Error(`emulator did not print its URL in time; stderr: ${stderr.trim()}`));
    }, options.startTimeoutMs ?? 20_000);
    lines.once("line", (line) => {
      clearTimeout(timer);
      resolveUrl(line.trim());
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      rejectUrl(new Error(`emulator exited with ${code} before printing its URL: ${stderr.trim()}`));
    });
  });
  // Keep draining stdout so the child never blocks on a full pipe.
  child.stdout!.resume();

  return {
    url,
    apiBaseUrl: `${url}/v1.0`,
    authUrl: `${url}/oauth2/v2.0/token`,
    pid: child.pid!,
    stderr: () => stderr,
    stdout: () => stdout,
    credentials: async (domainId) =>
      (await (await admin(url, "GET", `/_emulator/credentials${domainId === undefined ? "" : `?domainId=${domainId}`}`)).json()) as EmulatorCredentials,
    // Token-endpoint calls included (kind "token"), so tests can count token requests too.
    requests: async () => (await (await admin(url, "GET", "/_emulator/requests?include=token")).json()) as EmulatorRequestLogEntry[],
    clearRequests: async () => {
      await admin(url, "DELETE", "/_emulator/requests");
    },
    reset: async () => {
      await admin(url, "POST", "/_emulator/reset");
    },
    state: async () => (await admin(url, "GET", "/_emulator/state")).json(),
    setFaults: async (faults) => {
      await admin(url, "PUT", "/_emulator/faults", faults);
    },
    expireTokens: async () => {
      await admin(url, "POST", "/_emulator/expire-tokens");
    },
    stop: async () => {
      const exited = waitForExit(child);
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      return exited;
    },
    kill: async () => {
      const exited = waitForExit(child);
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
    },
  };
}

/** One domain of the emulator's whole state (GET /_emulator/state), as the admin endpoint renders it. */
export async function emulatorDomain(emulator: EmulatorProcess, domainId: number): Promise<any> {
  const state = (await emulator.state()) as { domains: Array<{ domainId: number }> };
  const domain = state.domains.find((candidate) => candidate.domainId === domainId);
  if (!domain) throw new Error(`the emulator has no domain ${domainId}`);
  return domain;
}
