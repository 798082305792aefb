/**
 * The emulator as a child process (`node bin/lineworks-contacts.js emulator --port 0`), for the
 * bench: its request log and the provider's environment for its default domain. The bench's own
 * small copy of what the tests use (bench/ imports nothing from test/).
 */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import type { RequestLogEntry } from "../../emulator/request-log";
import { CLI_PATH, repoRoot } from "./repo-root";

export interface EmulatorProcess {
  url: string;
  apiBaseUrl: string;
  authUrl: string;
  pid: number;
  /** API and token-endpoint calls since the last clear. */
  requests(): Promise<RequestLogEntry[]>;
  clearRequests(): Promise<void>;
  /** The provider's environment for the default domain (CONTRACT §5), with the client's own limit when given. */
  providerEnv(requestsPerMinute?: number): Promise<Record<string, string>>;
  stop(): Promise<void>;
}

async function admin(url: string, method: string, path: string): Promise<Response> {
  const response = await fetch(`${url}${path}`, { method });
  if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${await response.text()}`);
  return response;
}

/** `requestsPerMinute`: the emulator's rate limit per API operation per domain (its default is the API's, 240). */
export async function startEmulatorProcess(options: { requestsPerMinute?: number } = {}): Promise<EmulatorProcess> {
  const args = [CLI_PATH, "emulator", "--port", "0"];
  if (options.requestsPerMinute !== undefined) args.push("--requests-per-minute", String(options.requestsPerMinute));
  const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (stderr = (stderr + chunk).slice(-8000)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`the emulator did not print its URL in time: ${stderr.trim()}`));
    }, 20_000);
    createInterface({ input: child.stdout! }).once("line", (line) => {
      clearTimeout(timer);
      resolve(line.trim());
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the emulator exited with ${code} before printing its URL: ${stderr.trim()}`));
    });
  });
  child.stdout!.resume();
  const apiBaseUrl = `${url}/v1.0`;
  const authUrl = `${url}/oauth2/v2.0/token`;
  return {
    url,
    apiBaseUrl,
    authUrl,
    pid: child.pid!,
    requests: async () => (await (await admin(url, "GET", "/_emulator/requests?include=token")).json()) as RequestLogEntry[],
    clearRequests: async () => void (await admin(url, "DELETE", "/_emulator/requests")),
    async providerEnv(requestsPerMinute) {
      const credentials = (await (await admin(url, "GET", "/_emulator/credentials")).json()) as Record<string, string | number>;
      return {
        LINEWORKS_API_BASE_URL: apiBaseUrl,
        LINEWORKS_AUTH_URL: authUrl,
        LINEWORKS_CLIENT_ID: String(credentials.clientId),
        LINEWORKS_CLIENT_SECRET: String(credentials.clientSecret),
        LINEWORKS_SERVICE_ACCOUNT: String(credentials.serviceAccount),
        LINEWORKS_PRIVATE_KEY: String(credentials.privateKey),
        LINEWORKS_DOMAIN_ID: String(credentials.domainId),
        ...(requestsPerMinute === undefined ? {} : { LINEWORKS_REQUESTS_PER_MINUTE: String(requestsPerMinute) }),
      };
    },
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}
