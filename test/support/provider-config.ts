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
