/**
 * The connection and credentials of the CLI's read-only commands (audit, export), by the one rule
 * of CONTRACT §4 and §5, Pulumi's: with `--stack`, each `lineworks:KEY` of the stack's config
 * wins, and its environment variable `LINEWORKS_KEY` is the fallback, exactly as in `pulumi up`
 * (provider/client/config.ts resolves both). So a command reads the domain the stack's runs
 * write. Errors name only what the command read: without `--stack`, the environment variables alone.
 */
import { ClientConfigError, resolveClientConfig, type ClientConfig } from "../../provider/client/config";
import type { StackSettings } from "../../provider/stack/stack-config";

/** `lineworks:apiBaseUrl` → `LINEWORKS_API_BASE_URL`. */
export function envNameOf(key: string): string {
  return `LINEWORKS_${key.replace(/^lineworks:/, "").replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase()}`;
}

export function clientConfigForCli(stack: { settings: StackSettings; name: string } | undefined, env: NodeJS.ProcessEnv = process.env): ClientConfig {
  const fromStack = (key: string): string | undefined => stack?.settings.config[key];
  try {
    return resolveClientConfig({ get: fromStack }, env);
  } catch (err) {
    if (!(err instanceof ClientConfigError)) throw err;
    // The provider's messages name `lineworks:KEY (LINEWORKS_KEY)`: without a stack, only the variable was read.
    const message =
      stack === undefined
        ? err.message.replace(/lineworks:\w+ \(([^)]*)\)/g, "$1")
        : err.message.replace(/lineworks:(\w+) \(([^)]*)\)/g, `lineworks:$1 in stack ${stack.name} (else $2)`);
    throw new ClientConfigError(message);
  }
}
