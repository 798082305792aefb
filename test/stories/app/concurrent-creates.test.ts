/**
 * The client against an emulator process whose domain allows 4 requests in flight
 * (seed maxConcurrentRequests: 4) and the default 240 requests a minute per operation:
 * Every request takes 30..80 ms (the latency fault), so requests overlap as they do over a network.
 *  - 300 creates started at once with the client's default bound (8 in flight, above the
 *    domain's 4): every 429 the emulator answers is waited out, all 300 exist once, and the
 *    run's time is printed next to the per-minute floor (the 241st create cannot start before
 *    the first minute has passed). No assertion on the time itself.
 *  - with lineworks:maxConcurrentRequests 4 the client never draws a concurrency 429.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createContactApiClient, GateRegistry, LimiterRegistry, makeClientConfig, type ContactApiClientOptions } from "../../../provider/client";
import { DEFAULT_MAX_CONCURRENT_REQUESTS } from "../../../provider/client/config";
import { RATE_WINDOW_MS } from "../../../provider/client/rate-limiter";
import { newContact } from "../../provider/client/support";
import { startEmulatorProcess, type EmulatorProcess } from "../../support/emulator-process";

const DOMAIN = 50000001;
const SERVER_CONCURRENCY = 4;
const REQUESTS_PER_MINUTE = 240;

let emulator: EmulatorProcess;
let directory: string;

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), "concurrent-creates-"));
  const seedFile = join(directory, "seed.yaml");
  writeFileSync(
    seedFile,
    `domains:\n  - { domainId: ${DOMAIN}, clientId: cc, clientSecret: s, serviceAccount: cc@x.example, members: [admin@example.com], maxConcurrentRequests: ${SERVER_CONCURRENCY} }\n`,
  );
  emulator = await startEmulatorProcess({ seedFile, requestsPerMinute: REQUESTS_PER_MINUTE });
});
afterAll(async () => {
  await emulator?.stop();
  rmSync(directory, { recursive: true, force: true });
});
beforeEach(async () => {
  await emulator.reset();
  await emulator.clearRequests();
  await emulator.setFaults({ latencyMs: [30, 80] });
});

async function client(options: ContactApiClientOptions) {
  const credentials = await emulator.credentials(DOMAIN);
  const config = makeClientConfig({ apiBaseUrl: emulator.apiBaseUrl, authUrl: emulator.authUrl, ...credentials });
  // Fresh process-wide registries: this file's quota and gate are its own.
  return createContactApiClient(config, { limiters: new LimiterRegistry(RATE_WINDOW_MS), gates: new GateRegistry(), ...options });
}

async function liveEmails(): Promise<string[]> {
  const domain = (await emulator.state()).domains.find((d: any) => d.domainId === DOMAIN);
  return domain.contacts.map((contact: any) => contact.emails[0].email);
}

describe("creates against a concurrency limit of 4", () => {
  it("300 creates at once with the default bound (8): every 429 is waited out and each contact exists once", async () => {
    const api = await client({});
    expect(DEFAULT_MAX_CONCURRENT_REQUESTS).toBe(8);
    const started = Date.now();
    const created = await Promise.all(Array.from({ length: 300 }, (_, i) => api.createContact(newContact(i))));
    const seconds = (Date.now() - started) / 1000;

    expect(new Set(created.map((contact) => contact.contactId)).size).toBe(300);
    const emails = await liveEmails();
    expect(emails).toHaveLength(300);
    expect(new Set(emails).size).toBe(300);
    const log = (await emulator.requests()).filter((entry) => entry.path === "/v1.0/contacts" && entry.method === "POST");
    const refused = log.filter((entry) => entry.status === 429);
    expect(log.filter((entry) => entry.status === 201)).toHaveLength(300);
    expect(log.filter((entry) => entry.status !== 201 && entry.status !== 429)).toEqual([]);
    const stats = api.stats();
    expect(stats.rateLimited).toBe(refused.length);
    const { concurrency } = (await (await fetch(`${emulator.url}/_emulator/rate-limits`)).json()) as { concurrency: Array<{ domainId: number; peak: number }> };
    expect(concurrency.find((entry) => entry.domainId === DOMAIN)!.peak).toBe(SERVER_CONCURRENCY);

    const floor = (Math.ceil(300 / REQUESTS_PER_MINUTE) - 1) * (RATE_WINDOW_MS / 1000);
    process.stdout.write(
      `300 creates, domain limit ${SERVER_CONCURRENCY} in flight, client bound ${DEFAULT_MAX_CONCURRENT_REQUESTS}, ${REQUESTS_PER_MINUTE}/min: ` +
        `${seconds.toFixed(1)} s (per-minute floor ${floor} s with the client's ${RATE_WINDOW_MS / 1000} s window), ` +
        `${refused.length} concurrency 429s waited out, ${stats.requests} requests\n`,
    );
  }, 240_000);

  it("with maxConcurrentRequests 4 the client stays within the limit: no 429 at all", async () => {
    const api = await client({ maxConcurrentRequests: SERVER_CONCURRENCY });
    const started = Date.now();
    await Promise.all(Array.from({ length: 200 }, (_, i) => api.createContact(newContact(i))));
    const seconds = (Date.now() - started) / 1000;
    expect(await liveEmails()).toHaveLength(200);
    expect((await emulator.requests()).filter((entry) => entry.status === 429)).toEqual([]);
    expect(api.stats().rateLimited).toBe(0);
    const { concurrency } = (await (await fetch(`${emulator.url}/_emulator/rate-limits`)).json()) as { concurrency: Array<{ domainId: number; peak: number }> };
    expect(concurrency.find((entry) => entry.domainId === DOMAIN)!.peak).toBeLessThanOrEqual(SERVER_CONCURRENCY);
    process.stdout.write(`200 creates with the client bound at ${SERVER_CONCURRENCY}: ${seconds.toFixed(1)} s, no 429\n`);
  }, 120_000);
});
