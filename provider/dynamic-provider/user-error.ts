/**
 * Errors the user fixes (configuration, a stack pointed at another tenant) reach the terminal as
 * their message alone: the dynamic provider prints a thrown error with its stack otherwise.
 */
import type * as pulumi from "@pulumi/pulumi";
import { ClientConfigError } from "../client/config";

/** The error, printed as its message alone (no `    at ...` lines). */
export function withoutStackTrace<E extends Error>(error: E): E {
  error.stack = "";
  error.toString = () => error.message;
  return error;
}

/** A refresh (plain, or `preview --refresh`) uses the provider settings recorded at the last up. */
export const REFRESH_SETTINGS_HINT =
  "A refresh that does not run the program uses the provider settings recorded at the last pulumi up, not the stack's " +
  "current config: after fixing the config, run pulumi refresh --run-program (or pulumi up), which uses the current settings.";

const METHODS = ["check", "diff", "create", "read", "update", "delete"] as const;

/**
 * Every handler of a provider, with a configuration error (ClientConfigError) thrown as its message
 * alone; in read (a refresh) the message also says which settings a refresh uses and the way out.
 */
export function withConfigErrorsPlain(provider: pulumi.dynamic.ResourceProvider): pulumi.dynamic.ResourceProvider {
  const wrapped: Record<string, unknown> = { ...provider };
  for (const method of METHODS) {
    const handler = provider[method] as ((...args: unknown[]) => Promise<unknown>) | undefined;
    if (!handler) continue;
    wrapped[method] = async (...args: unknown[]) => {
      try {
        return await handler.apply(provider, args);
      } catch (error) {
        if (!(error instanceof ClientConfigError)) throw error;
        const message = method === "read" && !error.message.includes("--run-program") ? `${error.message}. ${REFRESH_SETTINGS_HINT}` : error.message;
        throw withoutStackTrace(new ClientConfigError(message));
      }
    };
  }
  return wrapped as unknown as pulumi.dynamic.ResourceProvider;
}
