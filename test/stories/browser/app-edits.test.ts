/**
 * Edits made on the dashboard page (its "Edit as the app" panel) in headless Chromium, against the emulator
 * process after a real `pulumi up`: a company tag renamed, a memo changed and a field reordered
 * (by drag, then by the up/down buttons) are made through the app endpoints, shown in the page's
 * own log of app edits and not among the API calls; `lineworks-contacts audit` then reports each
 * of them, and `pulumi up --refresh` puts them back where the files manage them.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sortedDifferences, startAppStack, type AppStack } from "../app/e2e-app";
import { expectOk } from "../../support/expect-ok";
import { findChromium, launchChromium, openDashboard, type DashboardTab } from "./chromium";

const chromiumPath = findChromium();
if (chromiumPath.skipReason) console.warn(chromiumPath.skipReason);

const FILES = `version: 1
tags:
  vip: { contactTagName: VIP }
customProperties:
  crm: { propertyName: crm_link, displayName: CRM, propertyType: LINK, displayOrder: 1 }
  notes: { propertyName: notes, displayName: Notes, propertyType: STRING, displayOrder: 2 }
contacts:
  taro:
    permission: { masterUserId: admin@example.com, accessibleRange: ALL }
    contactName: { lastName: Tanaka, firstName: Taro }
    emails: [{ email: taro@acme.example, primary: true }]
    memo: Key account
    tags: [vip]
`;

const fieldNames = (page: Page) => page.$$eval("#app-fields li .mono", (items) => items.map((item) => item.textContent ?? ""));

describe.skipIf(!chromiumPath.path)("editing as the app on the dashboard", () => {
  let stack: AppStack;
  let browser: Browser;
  let tab: DashboardTab;

  /** Clicks `button` and waits for the page to say the edit was made. */
  async function act(button: string, done: string): Promise<void> {
    await tab.page.click(button);
    await tab.page.waitForFunction((text) => (globalThis as any).document.getElementById("app-status").textContent === text, `Done: ${done}`);
  }

  beforeAll(async () => {
    stack = await startAppStack();
    stack.write(FILES);
    expectOk(await stack.up(), "up");
    await stack.emulator.clearRequests();
    browser = await launchChromium(chromiumPath.path!);
    tab = await openDashboard(browser, stack.emulator.url);
    // The panel is folded; its script loads when it is opened.
    await tab.page.click("#app-panel > summary");
    await tab.page.waitForSelector("#app-tag option:text('VIP')", { state: "attached" });
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.dispose();
  });

  it("renames a tag, changes a memo and reorders the fields by drag and by buttons", async () => {
    const page = tab.page;
    await page.selectOption("#app-tag", { label: "VIP" });
    await page.fill("#app-tag-name", "VIP Gold");
    await act("#app-tag-rename", "company tag renamed");
    await page.waitForSelector("#app-tag option:text('VIP Gold')", { state: "attached" });

    await page.selectOption("#app-contact", { label: "Tanaka Taro <taro@acme.example>" });
    expect(await page.inputValue("#app-memo")).toBe("Key account");
    await page.fill("#app-memo", "Changed in the app");
    await act("#app-memo-save", "memo saved");

    expect(await fieldNames(page)).toEqual(["crm_link", "notes"]);
    await page.dragAndDrop("#app-fields li:nth-child(2)", "#app-fields li:nth-child(1)");
    await page.waitForFunction(() => (globalThis as any).document.querySelector("#app-fields li .mono").textContent === "notes");
    expect(await fieldNames(page)).toEqual(["notes", "crm_link"]);
    await act("#app-fields li:nth-child(1) button[title='Move down']", "fields reordered");
    await page.waitForFunction(() => (globalThis as any).document.querySelector("#app-fields li .mono").textContent === "crm_link");
    await act("#app-fields li:nth-child(2) button[title='Move up']", "fields reordered");
    await page.waitForFunction(() => (globalThis as any).document.querySelector("#app-fields li .mono").textContent === "notes");

    const domain = await stack.domain();
    expect(domain.contactTags.map((t: any) => t.contactTagName)).toEqual(["VIP Gold"]);
    expect(domain.contacts[0].memo).toBe("Changed in the app");
    expect(Object.fromEntries(domain.customProperties.map((p: any) => [p.propertyName, p.displayOrder]))).toEqual({ crm_link: 2, notes: 1 });

    // Shown as app edits on the page, never among the API calls.
    await page.waitForFunction(() => (globalThis as any).document.querySelectorAll("#app-log tbody tr").length >= 5);
    const paths = await page.$$eval("#app-log tbody tr", (rows) => rows.map((row) => (row as any).cells[2].textContent as string));
    expect(paths.every((p) => p.startsWith(`/_emulator/app/${stack.domainId}/`))).toBe(true);
    expect(await stack.emulator.requests()).toEqual([]);
    expect(tab.problems).toEqual([]);
    expect(tab.foreignRequests).toEqual([]);
  });

  it("lineworks-contacts audit reports every edit, and pulumi up --refresh puts them back", async () => {
    const audit = await stack.audit();
    expect(audit.code, audit.stderr).toBe(2);
    expect(sortedDifferences(audit.report).map((d) => `${d.kind} ${d.status} ${d.name} ${d.fields.join(",")}`)).toEqual([
      "contact drifted taro@acme.example memo,tags",
      "customProperty drifted crm_link displayOrder",
      "customProperty drifted notes displayOrder",
      "tag missing VIP ",
      "tag unmanaged VIP Gold ",
    ]);

    expectOk(await stack.up(["--refresh"]), "up --refresh");
    const domain = await stack.domain();
    expect(domain.contactTags.map((t: any) => t.contactTagName)).toEqual(["VIP"]);
    expect(domain.contacts[0].memo).toBe("Key account");
    expect(Object.fromEntries(domain.customProperties.map((p: any) => [p.propertyName, p.displayOrder]))).toEqual({ crm_link: 1, notes: 2 });
    const after = await stack.audit();
    expect(after.code, JSON.stringify(after.report)).toBe(0);
    // The page follows: the tag's old name and the files' order are back.
    await tab.page.waitForSelector("#app-tag option:text-is('VIP')", { state: "attached" });
    await tab.page.waitForFunction(() => (globalThis as any).document.querySelector("#app-fields li .mono").textContent === "crm_link");
    expect(tab.problems).toEqual([]);
  });
});
