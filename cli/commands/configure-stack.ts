/**
 * `lineworks-contacts emulator --configure-stack NAME [--cwd DIR]`: points a stack at the
 * emulator just started, through the Pulumi CLI, so that `pulumi preview` works with no key
 * written by hand. Plain values go in one `pulumi config set-all --plaintext KEY=VALUE ...`;
 * each secret in its own `pulumi config set --secret KEY` with the value on stdin, never as an
 * argument (a command line is visible to every local user, and to CI logs). Values already set
 * are left alone, so that restarting the emulator with `--data` does not rewrite the stack file.
 */
import { stackSettingsFromPulumiJson, locateStack } from "../../provider/desired-state/stack-config";
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

function isLoopback(url: string | undefined): boolean {
  if (url === undefined) return false;
  try {
    const host = new URL(url).hostname;
    return host === "localhost" || host === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(host);
  } catch {
    return false;
  }
}

export interface ConfigureReport {
  /** One line per key, secrets by name only. */
  lines: string[];
}

export async function configureStack(
  stack: string,
  cwd: string,
  settings: ConfigSetting[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<ConfigureReport> {
  const location = locateStack(stack, cwd);
  const dir = location.projectDir;
  const fail = (what: string, reason: string): never => {
    const hint = /no stack named/i.test(reason) ? ` (create it first: pulumi stack init ${stack})` : "";
    throw new Error(`cannot configure stack ${stack} in ${dir}: ${what}: ${reason}${hint}`);
  };

  const read = await runPulumi(CONFIG_READ_ARGS(stack), dir, { env });
  if (read.code !== 0) fail("pulumi config", failureReason(read, "pulumi config"));
  let current: Record<string, string>;
  try {
    current = stackSettingsFromPulumiJson(location, JSON.parse(read.stdout), { requireFiles: false }).config;
  } catch (err) {
    return fail("pulumi config", (err as Error).message);
  }
  const holdsCredentials = CREDENTIAL_KEYS.some((key) => current[key] !== undefined);
  if (holdsCredentials && !isLoopback(current["lineworks:apiBaseUrl"])) {
    const target = current["lineworks:apiBaseUrl"] ?? "the LINE WORKS API (the default lineworks:apiBaseUrl)";
    fail("refused", `it holds credentials for ${target}; remove them first (pulumi config rm) if the stack should use the emulator`);
  }

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
    if (run.code !== 0) fail("pulumi config set-all", failureReason(run, "pulumi config set-all"));
  }
  for (const setting of changed.filter((candidate) => candidate.secret)) {
    const run = await runPulumi(["config", "set", "--stack", stack, "--secret", setting.key], dir, { env, input: setting.value });
    if (run.code !== 0) fail(`pulumi config set --secret ${setting.key}`, failureReason(run, "pulumi config set"));
  }
  for (const key of CONFLICTING_KEYS.filter((candidate) => current[candidate] !== undefined)) {
    const run = await runPulumi(["config", "rm", "--stack", stack, key], dir, { env });
    if (run.code !== 0) fail(`pulumi config rm ${key}`, failureReason(run, "pulumi config rm"));
    lines.push(`${key} removed (a token would be used instead of the emulator's credentials)`);
  }
  return { lines };
}
