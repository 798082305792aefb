/**
 * A token expired twice within one call: the call renews it, waits out a 429, and by then
 * its fresh token has expired too (what `pulumi up` met when tokens were expired every few
 * seconds while calls waited on a paused rate limiter). The call renews again and succeeds;
 * the refusal is not reported as wrong credentials.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { startEmulatorProcess, type EmulatorProcess } from "../support/emulator-process";
import { clientFor } from "../client/support";

let emulator: EmulatorProcess;

beforeAll(async () => {
  emulator = await startEmulatorProcess();
});

afterAll(async () => {
  await emulator?.stop();
});

async function until(condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

it("renews again when the renewed token expires while the call waits out a 429", { timeout: 60_000 }, async () => {
  const { api } = await clientFor(emulator, { maxRateLimitWaitMs: 10_000 });
  const tag = await api.createCompanyTag("renewed-twice");
  await emulator.expireTokens();
  // The emulator checks the token before it injects the 429: the renewed token is accepted, then throttled.
  await emulator.setFaults({ status429Rate: 1, status429ResetSeconds: 3 });
  await emulator.clearRequests();

  const read = api.getContactTag(tag.contactTagId);
  await until(async () => (await emulator.requests()).some((entry) => entry.status === 429), 10_000);
  await emulator.expireTokens();
  await emulator.setFaults({});

  expect(await read).toEqual(tag);
  expect((await emulator.requests()).map((entry) => `${entry.kind} ${entry.status}`)).toEqual([
    "api 403",
    "token 200",
    "api 429",
    "api 403",
    "token 200",
    "api 200",
  ]);
  expect(api.stats().tokenRenewals).toBe(2);
});
