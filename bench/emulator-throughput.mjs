// Throughput of the emulator: GET one contact over loopback.
//
//   npx tsc -p . && node bench/emulator-throughput.mjs
//
// Spawns `lineworks-contacts emulator --port 0` as its own process (rate limit raised
// out of the way), gets a token with the default credentials, creates one contact,
// then for EMULATOR_BENCH_SECONDS (default 5) keeps EMULATOR_BENCH_CONCURRENCY
// (default 16) requests in flight through an undici Pool. Prints one line, then JSON.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { dirname, resolve } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { importPKCS8, SignJWT } from "jose";
import { Pool } from "undici";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const seconds = Number(process.env.EMULATOR_BENCH_SECONDS ?? 5);
const concurrency = Number(process.env.EMULATOR_BENCH_CONCURRENCY ?? 16);
const warmupSeconds = 1;

async function startEmulator() {
  const child = spawn(
    process.execPath,
    [resolve(repoRoot, "bin/lineworks-contacts.js"), "emulator", "--port", "0", "--requests-per-minute", "1000000000"],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  const [line] = await once(createInterface({ input: child.stdout }), "line");
  child.stdout.resume();
  return { child, url: line.trim() };
}

async function json(url, init) {
  const response = await fetch(url, init);
  if (!response.ok) throw new Error(`${init?.method ?? "GET"} ${url}: ${response.status} ${await response.text()}`);
  return response.json();
}

async function token(url) {
  const credentials = await json(`${url}/_emulator/credentials`);
  const now = Math.floor(Date.now() / 1000);
  const assertion = await new SignJWT({})
    .setProtectedHeader({ alg: "RS256", typ: "JWT" })
    .setIssuer(credentials.clientId)
    .setSubject(credentials.serviceAccount)
    .setIssuedAt(now)
    .setExpirationTime(now + 1800)
    .sign(await importPKCS8(credentials.privateKey, "RS256"));
  const body = new URLSearchParams({
    assertion,
    grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer",
    client_id: credentials.clientId,
    client_secret: credentials.clientSecret,
    scope: "contact",
  });
  const tokens = await json(`${url}/oauth2/v2.0/token`, { method: "POST", body });
  return tokens.access_token;
}

function percentile(sorted, p) {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function load(pool, path, headers, durationMs) {
  const latencies = [];
  const statuses = {};
  const deadline = performance.now() + durationMs;
  async function worker() {
    while (performance.now() < deadline) {
      const started = performance.now();
      const { statusCode, body } = await pool.request({ method: "GET", path, headers });
      await body.dump();
      latencies.push(performance.now() - started);
      statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
    }
  }
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { elapsedMs: performance.now() - started, latencies, statuses };
}

const { child, url } = await startEmulator();
try {
  const accessToken = await token(url);
  const headers = { authorization: `Bearer ${accessToken}`, "content-type": "application/json" };
  const contact = await json(`${url}/v1.0/contacts`, {
    method: "POST",
    headers,
    body: JSON.stringify({
      permission: { masterUserId: "admin@example.com", accessibleRange: "ALL" },
      contactName: { lastName: "Bench", firstName: "Mark" },
      emails: [{ email: "bench@example.com", primary: true }],
      telephones: [{ type: "CELLPHONE", telephone: "090-0000-0000", primary: true }],
      organizations: [{ name: "ACME", department: "Sales", title: "Manager", primary: true }],
      memo: "throughput benchmark",
    }),
  });
  const path = `/v1.0/contacts/${contact.contactId}`;
  const pool = new Pool(url, { connections: concurrency, pipelining: 1 });
  await load(pool, path, { authorization: headers.authorization }, warmupSeconds * 1000);
  const { elapsedMs, latencies, statuses } = await load(pool, path, { authorization: headers.authorization }, seconds * 1000);
  await pool.close();
  latencies.sort((a, b) => a - b);
  const result = {
    benchmark: "emulator GET /v1.0/contacts/{contactId}",
    node: process.version,
    durationSeconds: Number((elapsedMs / 1000).toFixed(2)),
    concurrency,
    requests: latencies.length,
    requestsPerSecond: Math.round(latencies.length / (elapsedMs / 1000)),
    latencyMs: {
      p50: Number(percentile(latencies, 50).toFixed(2)),
      p90: Number(percentile(latencies, 90).toFixed(2)),
      p99: Number(percentile(latencies, 99).toFixed(2)),
      max: Number((latencies[latencies.length - 1] ?? 0).toFixed(2)),
    },
    statuses,
  };
  console.log(
    `emulator GET one contact: ${result.requestsPerSecond} req/s over ${result.durationSeconds}s, concurrency ${concurrency}, ` +
      `p50 ${result.latencyMs.p50} ms, p99 ${result.latencyMs.p99} ms, statuses ${JSON.stringify(statuses)}`,
  );
  console.log(JSON.stringify(result, null, 2));
} finally {
  child.kill("SIGTERM");
  await once(child, "exit");
}
