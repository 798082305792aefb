import { createContactApiClient, makeClientConfig, type ContactApi } from "../../provider/client";
import type { EmulatorProcess } from "./emulator-process";
import type { ConfigValue } from "./pulumi-workspace";

/** Stack config (namespace `lineworks`) that points the provider at an emulator domain, secrets as secrets. */
export async function emulatorStackConfig(
  emulator: EmulatorProcess,
  options: { domainId?: number; requestsPerMinute?: number } = {},
): Promise<Record<string, ConfigValue>> {
  const credentials = await emulator.credentials(options.domainId);
  return {
    "lineworks:apiBaseUrl": emulator.apiBaseUrl,
    "lineworks:authUrl": emulator.authUrl,
    "lineworks:clientId": credentials.clientId,
    "lineworks:clientSecret": { value: credentials.clientSecret, secret: true },
    "lineworks:serviceAccount": credentials.serviceAccount,
    "lineworks:privateKey": { value: credentials.privateKey, secret: true },
    "lineworks:domainId": String(credentials.domainId),
    ...(options.requestsPerMinute === undefined ? {} : { "lineworks:requestsPerMinute": String(options.requestsPerMinute) }),
  };
}

/** The provider's environment for one emulator domain (the CONTRACT §5 variables). */
export async function emulatorProviderEnv(
  emulator: EmulatorProcess,
  options: { domainId?: number; requestsPerMinute?: number } = {},
): Promise<Record<string, string>> {
  const credentials = await emulator.credentials(options.domainId);
  return {
    LINEWORKS_API_BASE_URL: emulator.apiBaseUrl,
    LINEWORKS_AUTH_URL: emulator.authUrl,
    LINEWORKS_CLIENT_ID: credentials.clientId,
    LINEWORKS_CLIENT_SECRET: credentials.clientSecret,
    LINEWORKS_SERVICE_ACCOUNT: credentials.serviceAccount,
    LINEWORKS_PRIVATE_KEY: credentials.privateKey,
    LINEWORKS_DOMAIN_ID: String(credentials.domainId),
    ...(options.requestsPerMinute === undefined ? {} : { LINEWORKS_REQUESTS_PER_MINUTE: String(options.requestsPerMinute) }),
  };
}

/** A client of the emulator's default domain, unthrottled: how tests play "someone edits in the app". */
export async function emulatorApiClient(emulator: EmulatorProcess): Promise<ContactApi> {
  const credentials = await emulator.credentials();
  return createContactApiClient(makeClientConfig({ ...credentials, apiBaseUrl: emulator.apiBaseUrl, authUrl: emulator.authUrl }), {
    requestsPerMinute: 0,
  });
}

/**
 * What a CI job's environment holds when the stack file names the domain (examples/promotion):
 * the endpoints and the app's credentials, no LINEWORKS_DOMAIN_ID.
 */
export async function ciJobEnv(emulator: EmulatorProcess, domainId: number): Promise<Record<string, string>> {
  const { LINEWORKS_DOMAIN_ID: _fromStackFile, ...env } = await emulatorProviderEnv(emulator, { domainId });
  return env;
}
