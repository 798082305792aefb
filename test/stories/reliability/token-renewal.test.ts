/**
 * Token renewal against the emulator process.
 * - Before expiry: with the client's clock inside the renewal margin (a tenth of the lifetime,
 *   at most five minutes) the token source renews, while the emulator still accepts the old
 *   token; just outside the margin it does not. No sleep: only the client's clock moves.
 * - A token expired twice within one call: the call renews it, waits out a 429, and by then
 *   its fresh token has expired too (what `pulumi up` met when tokens were expired every few
 *   seconds while calls waited on a paused rate limiter). The call renews again and succeeds;
 *   the refusal is not reported as wrong credentials.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { JwtTokenSource } from "../../../provider/client/auth";
import { DEFAULT_BACKOFF } from "../../../provider/client/backoff";
import { processDispatcher } from "../../../provider/client/http";
import { api, requestToken } from "../../support/emulator-http";
import { startEmulatorProcess, type EmulatorProcess } from "../../support/emulator-process";
import { waitFor } from "../../support/wait-for";
import { clientFor } from "../../provider/client/support";

let emulator: EmulatorProcess;

beforeAll(async () => {
  emulator = await startEmulatorProcess();
});

afterAll(async () => {
  await emulator?.stop();
});

const HOUR_MS = 3_600_000;

it("renews a token before it expires: inside the renewal margin, while the API still accepts the old one", async () => {
  // The emulator's tokens live 24 hours, and expires_in arrives as a string: the client's margin is then five minutes.
  expect((await requestToken(emulator)).expires_in).toBe("86400");
  const lifetimeMs = 24 * HOUR_MS;
  const marginMs = 5 * 60_000;
  let offsetMs = 0;
  const { config } = await clientFor(emulator);
  const source = new JwtTokenSource(config, {
    dispatcher: processDispatcher(),
    timeoutMs: 10_000,
    maxRetries: 2,
    backoff: DEFAULT_BACKOFF,
    now: () => Date.now() + offsetMs,
  });
  await emulator.clearRequests();
  const first = await source.token();
  expect(source.tokenRequests()).toBe(1);

  // An hour on (the lifetime assumed when expires_in is not understood), then a minute before the margin: the same token.
  offsetMs = HOUR_MS;
  expect(await source.token()).toBe(first);
  offsetMs = lifetimeMs - marginMs - 60_000;
  expect(await source.token()).toBe(first);
  expect(source.tokenRequests()).toBe(1);

  offsetMs = lifetimeMs - marginMs + 60_000; // inside the margin, four minutes before expiry: renewed
  const renewed = await source.token();
  expect(renewed).not.toBe(first);
  expect(source.tokenRequests()).toBe(2);
  // The renewal came before expiry: the emulator (on the real clock) still takes the old token, and the new one.
  expect((await api(emulator, first, "GET", "/contact-tags")).status).toBe(200);
  expect((await api(emulator, renewed, "GET", "/contact-tags")).status).toBe(200);
  expect((await emulator.requests()).map((entry) => `${entry.kind} ${entry.status}`)).toEqual(["token 200", "token 200", "api 200", "api 200"]);
});

it("renews again when the renewed token expires while the call waits out a 429", { timeout: 60_000 }, async () => {
  const { api } = await clientFor(emulator, { maxRateLimitWaitMs: 10_000 });
  const tag = await api.createCompanyTag("renewed-twice");
  await emulator.expireTokens();
  // The emulator checks the token before it injects the 429: the renewed token is accepted, then throttled.
  await emulator.setFaults({ status429Rate: 1, status429ResetSeconds: 3 });
  await emulator.clearRequests();

  const read = api.getContactTag(tag.contactTagId);
  await waitFor("the injected 429", async () => (await emulator.requests()).some((entry) => entry.status === 429), { timeoutMs: 30_000, intervalMs: 20 });
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
