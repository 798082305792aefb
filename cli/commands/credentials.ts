/**
 * The connection and credentials of the CLI's read-only commands (audit, export): each
 * `lineworks:KEY` from its environment variable `LINEWORKS_KEY` (CONTRACT §5), else, with
 * `--stack`, from the stack's config. Unlike the provider (where stack config wins), the
 * environment wins here (CONTRACT §4), so a CI job can point a command elsewhere without
 * touching the stack. Errors name only what the command read: without `--stack`, the
 * environment variables alone.
 */
import { ClientConfigError, resolveClientConfig, type ClientConfig } from "../../provider/client/config";
import type { StackSettings } from "../../provider/desired-state/stack-config";

/** `lineworks:apiBaseUrl` → `LINEWORKS_API_BASE_URL`. */
export function envNameOf(key: string): string {
  return `LINEWORKS_${key.replace(/^lineworks:/, "").replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase()}`;
}

const isSet = (value: string | undefined): boolean => value !== undefined && value.trim() !== "";

/** Environment variables that stand for `key` (the private key may also come from a file). */
function envNamesOf(key: string): string[] {
  const name = envNameOf(key);
  return key === "lineworks:privateKey" ? [name, `${name}_FILE`] : [name];
}

export function clientConfigForCli(stack: { settings: StackSettings; name: string } | undefined, env: NodeJS.ProcessEnv = process.env): ClientConfig {
  const fromStack = (key: string): string | undefined =>
    stack === undefined || envNamesOf(key).some((name) => isSet(env[name])) ? undefined : stack.settings.config[key];
  try {
    return resolveClientConfig({ get: fromStack }, env);
  } catch (err) {
    if (!(err instanceof ClientConfigError)) throw err;
    // The provider's messages name `lineworks:KEY (LINEWORKS_KEY)`: without a stack, only the variable was read.
    const message =
      stack === undefined
        ? err.message.replace(/lineworks:\w+ \(([^)]*)\)/g, "$1")
        : err.message.replace(/lineworks:(\w+) \(([^)]*)\)/g, `$2 or lineworks:$1 in stack ${stack.name}`);
    throw new ClientConfigError(message);
  }
}
