/**
 * `lineworks-contacts emulator --configure-stack NAME [--cwd DIR] [--force]`: points a stack at
 * the emulator just started, through the Pulumi CLI, so that `pulumi preview` works with no key
 * written by hand. First the stack's config is read (`readStackForEmulator`): a stack holding
 * real-API endpoints or credentials is refused before the emulator starts, and the stack's own
 * `lineworks:domainId` decides the domain the emulator serves (stack-domain.ts). Then
 * `applySettings` writes: plain values in one `pulumi config set-all --plaintext KEY=VALUE ...`;
 * each secret in its own `pulumi config set --secret KEY` with the value on stdin, never as an
 * argument (a command line is visible to every local user, and to CI logs). Values already set
 * are left alone, so that restarting the emulator with `--data` does not rewrite the stack file.
 */
import { stackSettingsFromPulumiJson, locateStack } from "../../provider/stack/stack-config";
import { CONFIG_READ_ARGS, failureReason, runPulumi } from "./pulumi-cli";

export interface ConfigSetting {
  key: string;
  value: string;
  secret: boolean;
}

export interface EmulatorCredentials {
  clientId: string;
  clientSecret: string;
  serviceAccount: string;
  domainId: number | string;
  privateKey: string;
}

/** An address a client can connect to: a wildcard listen address becomes the loopback. */
export function connectableUrl(url: string): string {
  return url.replace(/^http:\/\/0\.0\.0\.0(?=:)/, "http://127.0.0.1").replace(/^http:\/\/\[::\](?=:)/, "http://[::1]");
}

/** The lineworks:* settings that point a stack at an emulator (CONTRACT §5, §8). */
export function emulatorSettings(url: string, credentials: EmulatorCredentials): ConfigSetting[] {
  const base = connectableUrl(url).replace(/\/+$/, "");
  return [
    { key: "lineworks:apiBaseUrl", value: `${base}/v1.0`, secret: false },
    { key: "lineworks:authUrl", value: `${base}/oauth2/v2.0/token`, secret: false },
    { key: "lineworks:clientId", value: credentials.clientId, secret: false },
    { key: "lineworks:serviceAccount", value: credentials.serviceAccount, secret: false },
    { key: "lineworks:domainId", value: String(credentials.domainId), secret: false },
    { key: "lineworks:clientSecret", value: credentials.clientSecret, secret: true },
    { key: "lineworks:privateKey", value: credentials.privateKey.trim(), secret: true },
  ];
}

/** Settings that would make the stack use something else than the emulator: removed. */
const CONFLICTING_KEYS = ["lineworks:accessToken"];
const CREDENTIAL_KEYS = ["lineworks:clientId", "lineworks:clientSecret", "lineworks:serviceAccount", "lineworks:privateKey", "lineworks:accessToken"];
const ENDPOINT_KEYS = ["lineworks:apiBaseUrl", "lineworks:authUrl"];

export function isLoopback(url: string | undefined): boolean {
  if (url === undefined) return false;
  try {
    const host = new URL(url).hostname;
    return host === "localhost" || host === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(host);
  } catch {
    return false;
  }
}

/** A stack about to be pointed at the emulator, as its config stands now. */
export interface StackForEmulator {
  stack: string;
  /** The folder of Pulumi.yaml. */
  dir: string;
  /** Readable config values by full key, secure ones included (read through the Pulumi CLI). */
  current: Record<string, string>;
  /** `lineworks-contacts:vars` values. */
  vars: Record<string, string>;
}

export class ConfigureStackError extends Error {}

function failure(stack: string, dir: string, what: string, reason: string): ConfigureStackError {
  const hint = /no stack named/i.test(reason) ? ` (create it first: pulumi stack init ${stack})` : "";
  return new ConfigureStackError(`cannot configure stack ${stack} in ${dir}: ${what}: ${reason}${hint}`);
}

/**
 * Reads the stack's config through the Pulumi CLI and refuses a stack of the real API: one whose
 * endpoints are not a loopback address, or that holds credentials without a loopback endpoint.
 */
export async function readStackForEmulator(stack: string, cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<StackForEmulator> {
  const location = locateStack(stack, cwd);
  const dir = location.projectDir;
  const read = await runPulumi(CONFIG_READ_ARGS(stack), dir, { env });
  if (read.code !== 0) throw failure(stack, dir, "pulumi config", failureReason(read, "pulumi config"));
  let settings;
  try {
    settings = stackSettingsFromPulumiJson(location, JSON.parse(read.stdout), { requireFiles: false });
  } catch (err) {
    throw failure(stack, dir, "pulumi config", (err as Error).message);
  }
  const current = settings.config;
  const realEndpoint = ENDPOINT_KEYS.find((key) => current[key] !== undefined && !isLoopback(current[key]));
  if (realEndpoint !== undefined) {
    throw failure(stack, dir, "refused", `its ${realEndpoint} is ${current[realEndpoint]}, not a local emulator; use a stack of its own for the emulator (pulumi stack init local), or remove the key first (pulumi config rm ${realEndpoint} --stack ${stack})`);
  }
  const holdsCredentials = CREDENTIAL_KEYS.some((key) => current[key] !== undefined);
  if (holdsCredentials && !isLoopback(current["lineworks:apiBaseUrl"])) {
    const target = current["lineworks:apiBaseUrl"] ?? "the LINE WORKS API (the default lineworks:apiBaseUrl)";
    throw failure(stack, dir, "refused", `it holds credentials for ${target}; use a stack of its own for the emulator (pulumi stack init local), or remove them first (pulumi config rm) if this stack should use the emulator`);
  }
  return { stack, dir, current, vars: settings.vars };
}

/** Writes what differs; returns one line per key, secrets by name only. */
export async function applySettings(target: StackForEmulator, settings: ConfigSetting[], env: NodeJS.ProcessEnv = process.env): Promise<string[]> {
  const { stack, dir, current } = target;
  const lines: string[] = [];
  const changed = settings.filter((setting) => current[setting.key]?.trim() !== setting.value.trim());
  for (const setting of settings) {
    const shown = setting.secret ? "[secret]" : setting.value;
    lines.push(`${setting.key} = ${shown}${changed.includes(setting) ? "" : " (unchanged)"}`);
  }
  const plain = changed.filter((setting) => !setting.secret);
  if (plain.length > 0) {
    const args = ["config", "set-all", "--stack", stack, ...plain.flatMap((setting) => ["--plaintext", `${setting.key}=${setting.value}`])];
    const run = await runPulumi(args, dir, { env });
    if (run.code !== 0) throw failure(stack, dir, "pulumi config set-all", failureReason(run, "pulumi config set-all"));
  }
  for (const setting of changed.filter((candidate) => candidate.secret)) {
    const run = await runPulumi(["config", "set", "--stack", stack, "--secret", setting.key], dir, { env, input: setting.value });
    if (run.code !== 0) throw failure(stack, dir, `pulumi config set --secret ${setting.key}`, failureReason(run, "pulumi config set"));
  }
  for (const key of CONFLICTING_KEYS.filter((candidate) => current[candidate] !== undefined)) {
    const run = await runPulumi(["config", "rm", "--stack", stack, key], dir, { env });
    if (run.code !== 0) throw failure(stack, dir, `pulumi config rm ${key}`, failureReason(run, "pulumi config rm"));
    lines.push(`${key} removed (a token would be used instead of the emulator's credentials)`);
  }
  return lines;
}
