// Throughput through the API client (provider/client) against the emulator, with and without
// the client-side limit.
//
//   npx tsc -p . && node bench/client-throughput.mjs
//
// Spawns two emulators on loopback: one with its rate limit out of the way, one with the real
// 240 requests a minute per operation. Each phase runs for CLIENT_BENCH_SECONDS (default 5) with
// CLIENT_BENCH_CONCURRENCY (default 16) calls in flight:
//   raw        undici Pool, no client (the floor the client adds to)
//   client     createContactApiClient, client-side limit off, unlimited emulator
//   limited    client-side limit 240/min per operation, emulator at 240/min, two operations
//   unlimited  client-side limit off, emulator at 240/min, 429s not retried (what the limit prevents)
// Prints one line per phase, then the JSON of all phases.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { Pool } from "undici";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const client = require("../dist/provider/client/index.js");
const { tokenSourceFor } = require("../dist/provider/client/auth.js");
const { processDispatcher } = require("../dist/provider/client/http.js");

const seconds = Number(process.env.CLIENT_BENCH_SECONDS ?? 5);
const concurrency = Number(process.env.CLIENT_BENCH_CONCURRENCY ?? 16);
const children = [];

async function startEmulator(requestsPerMinute) {
  const child = spawn(
    process.execPath,
    [resolve(repoRoot, "bin/lineworks-contacts.js"), "emulator", "--port", "0", "--requests-per-minute", String(requestsPerMinute)],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  children.push(child);
  const [line] = await once(createInterface({ input: child.stdout }), "line");
  child.stdout.resume();
  return line.trim();
}

async function configFor(url) {
  const credentials = await (await fetch(`${url}/_emulator/credentials`)).json();
  return client.makeClientConfig({ apiBaseUrl: `${url}/v1.0`, authUrl: `${url}/oauth2/v2.0/token`, ...credentials });
}

function percentile(sorted, p) {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/**
 * Keeps `concurrency` calls in flight until the deadline. Calls still waiting (in the
 * client-side limiter) at the deadline are not counted and not awaited.
 */
async function load(name, calls) {
  const latencies = [];
  let ok = 0;
  let failed = 0;
  const failures = {};
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let stop;
  const timeUp = new Promise((resolve) => (stop = setTimeout(resolve, seconds * 1000)));
  async function worker(index) {
    const call = calls[index % calls.length];
    while (performance.now() < deadline) {
      const begin = performance.now();
      try {
        await call();
        if (performance.now() > deadline) return;
        ok++;
        latencies.push(performance.now() - begin);
      } catch (error) {
        if (performance.now() > deadline) return;
        failed++;
        const key = error.status ?? error.code ?? "error";
        failures[key] = (failures[key] ?? 0) + 1;
      }
    }
  }
  await Promise.race([Promise.all(Array.from({ length: concurrency }, (_, i) => worker(i))), timeUp]);
  clearTimeout(stop);
  const elapsedMs = Math.min(performance.now() - started, seconds * 1000);
  latencies.sort((a, b) => a - b);
  return {
    name,
    seconds: +(elapsedMs / 1000).toFixed(2),
    ok,
    failed,
    failures,
    requestsPerSecond: +((ok / elapsedMs) * 1000).toFixed(1),
    p50Ms: +percentile(latencies, 50).toFixed(2),
    p99Ms: +percentile(latencies, 99).toFixed(2),
  };
}

async function main() {
  const [fastUrl, limitedUrl] = await Promise.all([startEmulator(1_000_000_000), startEmulator(240)]);
  const fastConfig = await configFor(fastUrl);
  const limitedConfig = await configFor(limitedUrl);
  const results = [];

  // Fixtures, created with the limit off.
  const setup = client.createContactApiClient(fastConfig, { requestsPerMinute: 0 });
  const contact = await setup.createContact({
    permission: { masterUserId: "admin@example.com", accessibleRange: "ALL" },
    contactName: { lastName: "Bench" },
    emails: [{ email: "bench@example.com", primary: true }],
  });
  const limitedSetup = client.createContactApiClient(limitedConfig, { requestsPerMinute: 0 });
  const limitedContact = await limitedSetup.createContact({
    permission: { masterUserId: "admin@example.com", accessibleRange: "ALL" },
    contactName: { lastName: "Bench" },
    emails: [{ email: "bench@example.com", primary: true }],
  });
  const limitedTag = await limitedSetup.createCompanyTag("bench");
  const limitedProperty = await limitedSetup.createCustomProperty({
    propertyName: "bench",
    displayName: "Bench",
    propertyType: "STRING",
  });

  // raw: the same GET through an undici Pool with a token of the client's.
  const token = await tokenSourceFor(fastConfig, {
    dispatcher: processDispatcher(),
    timeoutMs: 10_000,
    maxRetries: 0,
    backoff: { baseMs: 10, capMs: 10 },
  }).token();
  const pool = new Pool(fastUrl, { connections: concurrency });
  const rawPath = `/v1.0/contacts/${contact.contactId}`;
  results.push(
    await load("raw undici Pool, no client", [
      async () => {
        const { statusCode, body } = await pool.request({ method: "GET", path: rawPath, headers: { authorization: `Bearer ${token}` } });
        await body.dump();
        if (statusCode !== 200) throw Object.assign(new Error("status"), { status: statusCode });
      },
    ]),
  );
  await pool.close();

  const open = client.createContactApiClient(fastConfig, { requestsPerMinute: 0 });
  results.push(await load("client, no client-side limit", [() => open.getContact(contact.contactId)]));

  const shaped = client.createContactApiClient(limitedConfig, { requestsPerMinute: 240, maxRateLimitRetries: 0 });
  results.push(
    await load("client, limit 240/min/operation, server 240/min, 2 operations", [
      () => shaped.getContact(limitedContact.contactId),
      () => shaped.getContactTag(limitedTag.contactTagId),
    ]),
  );
  results.at(-1).serverStatuses = shaped.stats().byStatus;

  const unshaped = client.createContactApiClient(limitedConfig, {
    requestsPerMinute: 0,
    maxRateLimitRetries: 0,
    limiters: new client.LimiterRegistry(61_000),
  });
  results.push(
    await load("client, no client-side limit, server 240/min, 429 not retried", [
      () => unshaped.getCustomProperty(limitedProperty.customPropertyId),
    ]),
  );
  results.at(-1).serverStatuses = unshaped.stats().byStatus;

  for (const r of results) {
    console.log(
      `${r.name}: ${r.requestsPerSecond} req/s (${r.ok} ok, ${r.failed} failed in ${r.seconds}s, p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms)` +
        (r.serverStatuses ? ` statuses ${JSON.stringify(r.serverStatuses)}` : ""),
    );
  }
  console.log(JSON.stringify({ seconds, concurrency, node: process.version, results }, null, 2));
}

try {
  await main();
} finally {
  for (const child of children) child.kill("SIGTERM");
  await Promise.all(children.map((child) => (child.exitCode === null ? once(child, "exit") : undefined)));
  // Calls parked in the client-side limiter hold timers: the run is over.
  process.exit(process.exitCode ?? 0);
}
