/**
 * The dashboard with 1,000 contacts (created through the API, as any client would): the page
 * loads, counts them, pages them 25 at a time and searches them; the page itself (HTML, script,
 * styles) stays under the README's 32 KB. Counts and bytes only: how
 * fast it shows them is measured by bench/dashboard-load.ts, not asserted here.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { client, contactBody, requestToken } from "../../support/emulator-http";
import { startEmulatorProcess, type EmulatorProcess } from "../../support/emulator-process";
import { findChromium, launchChromium, openDashboard } from "./chromium";

const chromiumPath = findChromium();
const CONTACTS = 1000;
/** The dashboard's contacts page size, as the README states it. */
const PAGE_SIZE = 25;
/** The README: the page (HTML, script, styles) is under 32 KB. */
const PAGE_BYTES_LIMIT = 32 * 1024;
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

  it("loads, pages and searches them; the page and its data stay small", async () => {
    const tab = await openDashboard(browser, emulator.url);
    const sizes = new Map<string, number>();
    tab.page.on("response", (response) => {
      const { pathname } = new URL(response.url());
      void response.body().then((body) => sizes.set(pathname, body.length), () => {});
    });
    // A fresh navigation with the listeners attached (the first one above opened the tab).
    await tab.page.reload();
    await tab.page.waitForFunction(
      (n) => (globalThis as any).document.getElementById("contacts-count").textContent === String(n),
      CONTACTS,
      { timeout: 60_000 },
    );
    // Pages of 25 (README).
    expect(await tab.page.locator("#page-info").textContent()).toBe(`page 1 of ${CONTACTS / PAGE_SIZE}`);
    expect(await tab.page.locator("#contacts tbody tr").count()).toBe(PAGE_SIZE);
    const pageFiles = ["/_emulator/ui", "/_emulator/ui/app.js", "/_emulator/ui/app.css"];
    await expect.poll(() => [...pageFiles, "/_emulator/state"].filter((p) => sizes.has(p)).length, { timeout: 30_000 }).toBe(4);
    const pageBytes = pageFiles.reduce((sum, p) => sum + sizes.get(p)!, 0);
    const dataBytes = sizes.get("/_emulator/state")!;
    console.log(`dashboard with ${CONTACTS} contacts: page (HTML+JS+CSS) ${pageBytes} bytes, /_emulator/state ${dataBytes} bytes`);
    // The README's numbers: the page under 32 KB, the data it reads under 1 KB a contact.
    expect(pageBytes).toBeLessThan(PAGE_BYTES_LIMIT);
    expect(dataBytes).toBeGreaterThan(CONTACTS * 100);
    expect(dataBytes).toBeLessThan(CONTACTS * 1024);

    await tab.page.fill("#search", "contact0999@");
    await expect.poll(() => tab.page.locator("#contacts tbody tr").count()).toBe(1);
    await tab.page.fill("#search", "박");
    await expect.poll(() => tab.page.locator("#contacts-count").textContent()).toBe("500 of 1000");
    await tab.page.click("#next");
    expect(await tab.page.locator("#page-info").textContent()).toBe("page 2 of 20");
    expect(tab.foreignRequests).toEqual([]);
    expect(tab.problems).toEqual([]);
    await tab.page.close();
  });
});
