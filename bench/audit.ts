/**
 * `lineworks-contacts audit` of a large domain: seeds N contacts (default 10,000) into an
 * emulator process over loopback, then runs the real CLI against it with a desired state
 * describing the first 100 and a few tags, and reports the API calls (from the emulator's
 * request log), the write calls (must be 0), the exit code and the wall-clock time.
 *
 *   npx tsc -p tsconfig.json && npx tsc -p bench/tsconfig.json && node dist-bench/bench/audit.js [N]
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { createContactApiClient, resolveClientConfig } from "../provider/client";
import { startEmulatorProcess } from "./support/emulator";
import { CLI_PATH } from "./support/repo-root";

const run = promisify(execFile);
const total = Number(process.argv[2] ?? 10_000);
const DESCRIBED = 100;
const pad = (n: number) => String(n).padStart(5, "0");
const contactBody = (i: number) => ({
  permission: { masterUserId: "admin@example.com", accessibleRange: "ALL" },
  contactName: { lastName: `Contact${pad(i)}` },
  emails: [{ email: `contact${pad(i)}@bench.example`, primary: true }],
  memo: `memo ${i}`,
});

async function main(): Promise<void> {
  // The emulator's own rate limit is lifted for seeding; the audit still runs under the client's default limit.
  const emulator = await startEmulatorProcess({ requestsPerMinute: 1_000_000 });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lwc-bench-audit-"));
  try {
    const env = await emulator.providerEnv();
    const api = createContactApiClient(resolveClientConfig({ get: () => undefined }, env), { requestsPerMinute: 0 });
    for (const name of ["VIP", "Partner", "Press"]) await api.createCompanyTag(name);
    const seedStarted = Date.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < total) {
          const i = next++;
          await api.createContact(contactBody(i) as Parameters<typeof api.createContact>[0]);
        }
      }),
    );
    const seedSeconds = (Date.now() - seedStarted) / 1000;

    const lines = ["version: 1", "tags:", "  vip: { contactTagName: VIP }", "  partner: { contactTagName: Partner }", "contacts:"];
    for (let i = 0; i < DESCRIBED; i++) {
      const body = contactBody(i);
      lines.push(
        `  c${pad(i)}:`,
        `    permission: { masterUserId: admin@example.com, accessibleRange: ALL }`,
        `    contactName: { lastName: ${body.contactName.lastName} }`,
        `    emails: [{ email: ${body.emails[0]!.email}, primary: true }]`,
        `    memo: ${i % 10 === 0 ? "changed" : body.memo}`,
      );
    }
    fs.writeFileSync(path.join(dir, "desired.yaml"), `${lines.join("\n")}\n`);

    await emulator.clearRequests();
    const started = Date.now();
    let code = 0;
    let stdout = "";
    let stderr = "";
    try {
      ({ stdout, stderr } = await run(process.execPath, [CLI_PATH, "audit", "desired.yaml", "--json"], {
        cwd: dir,
        env: { ...process.env, ...env },
        maxBuffer: 64 * 1024 * 1024,
      }));
    } catch (err) {
      ({ code, stdout, stderr } = err as { code: number; stdout: string; stderr: string });
    }
    const seconds = (Date.now() - started) / 1000;
    const log = await emulator.requests();
    const apiCalls = log.filter((entry) => entry.kind === "api");
    const report = JSON.parse(stdout) as { differences: unknown[]; unmanagedContacts: number };
    const result = {
      contacts: total,
      seedSeconds,
      auditSeconds: seconds,
      exitCode: code,
      apiCalls: apiCalls.length,
      tokenCalls: log.length - apiCalls.length,
      writeCalls: apiCalls.filter((entry) => entry.method !== "GET").length,
      differences: report.differences.length,
      unmanagedContacts: report.unmanagedContacts,
      progressLines: stderr.split("\n").filter(Boolean).length,
    };
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await emulator.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
