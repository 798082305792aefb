/** Shared set-up for the client tests that talk to a real emulator process. */
import { createContactApiClient, makeClientConfig, type ContactApiClientOptions } from "../../../provider/client";
import type { ContactFields } from "../../../provider/client/contact-api";
import { afterAll, afterEach, beforeAll } from "vitest";
import { startEmulatorProcess, type EmulatorCredentials, type EmulatorProcess } from "../../support/emulator-process";

/** Quick retries so that fault tests take seconds. */
export const FAST_RETRIES: ContactApiClientOptions = {
  backoff: { baseMs: 5, capMs: 50 },
  maxRateLimitWaitMs: 100,
  timeoutMs: 5_000,
  maxRetries: 8,
};

export async function clientFor(
  emulator: EmulatorProcess,
  options: ContactApiClientOptions = {},
  overrides: Partial<EmulatorCredentials> & { accessToken?: string } = {},
) {
  const credentials = await emulator.credentials();
  const config = makeClientConfig({
    apiBaseUrl: emulator.apiBaseUrl,
    authUrl: emulator.authUrl,
    ...credentials,
    ...overrides,
  });
  return { config, credentials, api: createContactApiClient(config, { ...FAST_RETRIES, ...options }) };
}

export function newContact(index: number, extra: Partial<ContactFields> = {}): ContactFields {
  return {
    permission: { masterUserId: "admin@example.com", accessibleRange: "ALL" },
    contactName: { lastName: "Test", firstName: `Person${index}` },
    emails: [{ email: `person${index}@client-test.example`, primary: true }],
    ...extra,
  };
}

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** Runs `task` over `inputs` with at most `concurrency` in flight. */
export async function inParallel<I, O>(inputs: I[], concurrency: number, task: (input: I) => Promise<O>): Promise<O[]> {
  const results: O[] = new Array(inputs.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, inputs.length) }, async () => {
      while (next < inputs.length) {
        const index = next++;
        results[index] = await task(inputs[index] as I);
      }
    }),
  );
  return results;
}

/**
 * An emulator process for the fault tests, with a server limit too high to matter (the
 * injected faults are under test, not the quota); faults off and data reset after each test.
 */
export function useFaultEmulator(ready: (emulator: EmulatorProcess) => void): void {
  let emulator: EmulatorProcess | undefined;
  beforeAll(async () => {
    emulator = await startEmulatorProcess({ requestsPerMinute: 100_000 });
    ready(emulator);
  });
  afterAll(async () => {
    await emulator?.stop();
  });
  afterEach(async () => {
    await emulator?.setFaults({});
    await emulator?.reset();
  });
}
