/**
 * The dashboard with 1,000 contacts (created through the API, as any client would): the page
 * loads, counts and pages them, searches them, and stays within a loose time budget. Prints
 * the page's own size and the load time measured in Chromium (for the README's numbers).
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { client, contactBody, requestToken } from "../emulator/http";
import { startEmulatorProcess, type EmulatorProcess } from "../support/emulator-process";
import { findChromium, launchChromium, openDashboard } from "./chromium";

const chromiumPath = findChromium();
const CONTACTS = 1000;
const pad = (n: number) => String(n).padStart(4, "0");

describe.skipIf(!chromiumPath.path)("the dashboard with 1,000 contacts", () => {
  let emulator: EmulatorProcess;
  let browser: Browser;

  beforeAll(async () => {
    emulator = await startEmulatorProcess({ requestsPerMinute: 100_000 });
    const api = client(emulator, (await requestToken(emulator)).access_token);
    const tag = await api.post("/contact-tags", { contactTagName: "顧客" });
    expect(tag.status).toBe(201);
    for (let start = 0; start < CONTACTS; start += 20) {
      const batch = Array.from({ length: Math.min(20, CONTACTS - start) }, (_, k) => start + k).map((i) =>
        api.post(
          "/contacts",
          contactBody({
            contactName: { lastName: i % 2 ? "山田" : "박", firstName: `Contact ${pad(i)}` },
            emails: [{ email: `contact${pad(i)}@company.example`, primary: true }],
            contactTagIds: [tag.body.contactTagId],
            memo: `memo of contact ${i}`,
          }),
        ),
      );
      for (const reply of await Promise.all(batch)) expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    }
    browser = await launchChromium(chromiumPath.path!);
  });

  afterAll(async () => {
    await browser?.close();
    await emulator?.stop();
  });

  it("loads, pages and searches them", async () => {
    const loads: number[] = [];
    let pageBytes = 0;
    let dataBytes = 0;
    for (let round = 0; round < 3; round += 1) {
      const tab = await openDashboard(browser, emulator.url);
      const sizes = new Map<string, number>();
      tab.page.on("response", (response) => {
        void response.body().then((body) => sizes.set(new URL(response.url()).pathname, body.length), () => {});
      });
      // Timed from a fresh navigation (the first one above only attached the listeners).
      const started = Date.now();
      await tab.page.reload();
      await tab.page.waitForFunction(
        (n) => (globalThis as any).document.getElementById("contacts-count").textContent === String(n),
        CONTACTS,
        { timeout: 30_000 },
      );
      loads.push(Date.now() - started);
      if (round === 2) {
        const timings = await tab.page.evaluate(() => {
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
        console.log(`timings in the page (ms since navigation): ${JSON.stringify(timings)}`);
      }
      expect(await tab.page.locator("#page-info").textContent()).toBe("page 1 of 40");
      expect(await tab.page.locator("#contacts tbody tr").count()).toBe(25);
      await tab.page.waitForTimeout(300);
      pageBytes = ["/_emulator/ui", "/_emulator/ui/app.js", "/_emulator/ui/app.css"].reduce((sum, p) => sum + (sizes.get(p) ?? 0), 0);
      dataBytes = sizes.get("/_emulator/state") ?? 0;

      if (round === 0) {
        await tab.page.fill("#search", "contact0999@");
        await expect.poll(() => tab.page.locator("#contacts tbody tr").count()).toBe(1);
        await tab.page.fill("#search", "박");
        await expect.poll(() => tab.page.locator("#contacts-count").textContent()).toBe("500 of 1000");
        await tab.page.click("#next");
        expect(await tab.page.locator("#page-info").textContent()).toBe("page 2 of 20");
        expect(tab.foreignRequests).toEqual([]);
        expect(tab.problems).toEqual([]);
      }
      await tab.page.close();
    }
    expect(pageBytes).toBeGreaterThan(0);
    expect(dataBytes).toBeGreaterThan(0);
    console.log(
      `dashboard with ${CONTACTS} contacts: page (HTML+JS+CSS) ${pageBytes} bytes, /_emulator/state ${dataBytes} bytes, ` +
        `load to first page of contacts ${loads.join(" / ")} ms`,
    );
    // Loose budget on a shared 2-core machine: a regression to seconds per render would fail it.
    expect(Math.min(...loads)).toBeLessThan(10_000);
  });
});
