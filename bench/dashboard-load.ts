/**
 * How fast the emulator's dashboard shows 1,000 contacts in headless Chromium (the wall-clock
 * measurement test/stories/browser/dashboard-load.test.ts used to assert; the test keeps the counts
 * and bytes). Seeds N contacts (default 1,000) over loopback, then loads the page three times
 * and reports, per load, the time from navigation to the first page of contacts, and the
 * page's own timings of the last load. Writes bench/results/dashboard-load-<time>.json.
 *
 *   npx tsc -p tsconfig.json && npx tsc -p bench/tsconfig.json && node dist-bench/bench/dashboard-load.js [N]
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { createContactApiClient, resolveClientConfig } from "../provider/client";
import { findChromium, launchChromium, openDashboard } from "./support/browser";
import { startEmulatorProcess } from "./support/emulator";
import { repoRoot } from "./support/repo-root";

const total = Number(process.argv[2] ?? 1000);
const ROUNDS = 3;
const pad = (n: number) => String(n).padStart(4, "0");

async function main(): Promise<void> {
  const chromiumPath = findChromium();
  const emulator = await startEmulatorProcess({ requestsPerMinute: 1_000_000 });
  const browser = await launchChromium(chromiumPath);
  try {
    const api = createContactApiClient(resolveClientConfig({ get: () => undefined }, await emulator.providerEnv()), { requestsPerMinute: 0 });
    const tag = await api.createCompanyTag("顧客");
    let next = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        for (let i = next++; i < total; i = next++) {
          await api.createContact({
            permission: { masterUserId: "admin@example.com", accessibleRange: "ALL" },
            contactName: { lastName: i % 2 ? "山田" : "박", firstName: `Contact ${pad(i)}` },
            emails: [{ email: `contact${pad(i)}@company.example`, primary: true }],
            contactTagIds: [tag.contactTagId],
            memo: `memo of contact ${i}`,
          });
        }
      }),
    );

    const loadsMs: number[] = [];
    let pageTimings: Record<string, number> = {};
    for (let round = 0; round < ROUNDS; round += 1) {
      const page = await openDashboard(browser, emulator.url);
      const started = Date.now();
      await page.reload();
      await page.waitForFunction(
        (n) => (globalThis as any).document.getElementById("contacts-count").textContent === String(n),
        total,
        { timeout: 120_000 },
      );
      loadsMs.push(Date.now() - started);
      pageTimings = await page.evaluate(() => {
        const perf = (globalThis as any).performance;
        const nav = perf.getEntriesByType("navigation")[0];
        const state = perf.getEntriesByType("resource").find((r: any) => r.name.endsWith("/_emulator/state"));
        const shown = perf.getEntriesByName("dashboard:state-shown")[0];
        return {
          domContentLoaded: Math.round(nav.domContentLoadedEventEnd),
          stateFetched: Math.round(state?.responseEnd ?? -1),
          contactsShown: Math.round(shown?.startTime ?? -1),
          loadEvent: Math.round(nav.loadEventEnd),
        };
      });
      await page.close();
    }
    const result = { contacts: total, loadsMs, fastestMs: Math.min(...loadsMs), lastLoadPageTimingsMs: pageTimings };
    console.log(`dashboard with ${total} contacts: navigation to the first page of contacts ${loadsMs.join(" / ")} ms`);
    console.log(`timings in the page of the last load (ms since navigation): ${JSON.stringify(pageTimings)}`);
    const dir = path.join(repoRoot, "bench", "results");
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `dashboard-load-${new Date().toISOString().replace(/[:.]/g, "-")}.json`), JSON.stringify(result, null, 2));
  } finally {
    await browser.close();
    await emulator.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
