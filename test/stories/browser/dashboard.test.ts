/**
 * The emulator's dashboard (GET /_emulator/ui) in headless Chromium, against an emulator
 * process after a real `pulumi up` of examples/basic (plus a Korean contact and contacts
 * named with HTML tags): it lists what the run created, shows the run's calls without a
 * reload, turns a fault on that the next API call meets, and shows markup as text.
 * With DASHBOARD_SCREENSHOT=FILE it also saves a screenshot (docs/dashboard.png).
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { createInterface } from "node:readline";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyExample, removeDir } from "../../support/cli-runs";
import { api, requestToken } from "../../support/emulator-http";
import { CLI_PATH, startEmulatorProcess, type EmulatorProcess } from "../../support/emulator-process";
import { emulatorProviderEnv } from "../../support/provider-config";
import { createPulumiWorkspace, type PulumiWorkspace } from "../../support/pulumi-workspace";
import { findChromium, launchChromium, openDashboard, type DashboardTab } from "./chromium";

/** Only inside page functions (they run in the browser; the tests are compiled without the DOM lib). */
declare const document: any;

const chromiumPath = findChromium();
if (chromiumPath.skipReason) console.warn(chromiumPath.skipReason);

const SCRIPT_NAME = "<script>alert(1)</script>";
const BOLD_NAME = "<b>x</b>";
const EXTRA_CONTACTS = `
  kim-minjun:
    permission: { masterUserId: "\${vars.owner}", accessibleRange: ALL }
    contactName: { lastName: 김, firstName: 민준 }
    emails: [{ email: minjun.kim@seoul.example, primary: true }]
    organizations: [{ name: 서울상사, primary: true }]
    tags: [partner]

  markup-name:
    permission: { masterUserId: "\${vars.owner}", accessibleRange: ALL }
    contactName: { lastName: "${SCRIPT_NAME}", firstName: "${BOLD_NAME}" }
    emails: [{ email: markup@example.com, primary: true }]
    memo: "<img src=x onerror=alert(2)>"
`;

const rowTexts = (page: Page, table: string, column = 0) =>
  page.$$eval(`#${table} tbody tr`, (rows, index) => rows.map((row) => (row as any).cells[index]?.textContent ?? ""), column);

describe("where the dashboard is", () => {
  it("the emulator's output says it on the line after the base URL", async () => {
    const child = spawn(process.execPath, [CLI_PATH, "emulator", "--port", "0"], { stdio: ["ignore", "pipe", "inherit"] });
    try {
      const lines: string[] = [];
      for await (const line of createInterface({ input: child.stdout })) if (lines.push(line) === 2) break;
      const [first, second] = lines as [string, string];
      expect(first).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(second).toContain(`${first}/_emulator/ui`);
      const page = await fetch(`${first}/_emulator/ui`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain("LINE WORKS Contact API emulator");
    } finally {
      child.kill("SIGTERM");
    }
  });
});

describe.skipIf(!chromiumPath.path)("the emulator's dashboard in Chromium", () => {
  let emulator: EmulatorProcess;
  let projectDir: string;
  let workspace: PulumiWorkspace;
  let browser: Browser;
  let tab: DashboardTab;
  let contactIds: Record<string, string>;

  beforeAll(async () => {
    emulator = await startEmulatorProcess();
    projectDir = copyExample("basic");
    fs.appendFileSync(path.join(projectDir, "contacts.yaml"), EXTRA_CONTACTS);
    // crm after account_notes: the API lists by displayOrder, not by creation.
    const company = path.join(projectDir, "company.yaml");
    fs.writeFileSync(company, fs.readFileSync(company, "utf8").replace("displayOrder: 1", "displayOrder: 3"));
    workspace = await createPulumiWorkspace({ projectDir, stack: "dev", env: await emulatorProviderEnv(emulator) });
    browser = await launchChromium(chromiumPath.path!);
    tab = await openDashboard(browser, emulator.url);
  });

  afterAll(async () => {
    await browser?.close();
    await workspace?.dispose();
    removeDir(projectDir);
    await emulator?.stop();
  });

  it("is one self-contained page with a strict Content-Security-Policy", async () => {
    const response = await fetch(`${emulator.url}/_emulator/ui`);
    expect(response.headers.get("content-security-policy")).toMatch(/default-src 'self'/);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await tab.page.evaluate(() => document.characterSet)).toBe("UTF-8");
    await tab.page.waitForFunction(() => document.getElementById("live")!.textContent!.startsWith("live"));
    expect(await tab.page.locator("#origin").textContent()).toBe(emulator.url);
  });

  it("shows the calls of a pulumi up while the page stays open, and then what it created", async () => {
    const seenDuringRun: string[] = [];
    // Most of a small `up` is start-up, and the engine makes the calls of one dependency level in
    // parallel: slow each API call enough that the levels (tags and properties, then contacts,
    // then photos) span several of the page's 1 s polls even when the program starts fast.
    await emulator.setFaults({ latencyMs: [700, 900] });
    const running = workspace.start(["up", "--yes", "--skip-preview", "--stack", "dev"]);
    const watching = setInterval(() => {
      void tab.page.locator("#requests-count").textContent().then((text) => seenDuringRun.push(text ?? ""), () => {});
    }, 250);
    const up = await running.done;
    clearInterval(watching);
    await emulator.setFaults({});
    expect(up.code, up.stdout + up.stderr).toBe(0);
    contactIds = JSON.parse((await workspace.run(["stack", "output", "contactIds", "--json", "--stack", "dev"])).stdout);

    // The log in the page (never reloaded) matches the emulator's log of the run.
    const log = (await emulator.requests()).filter((entry) => entry.kind === "api");
    expect(log.length).toBeGreaterThan(20);
    await expect.poll(() => tab.page.locator("#requests-count").textContent(), { timeout: 10_000 }).toBe(String(log.length));
    const shown = await tab.page.$$eval("#requests tbody tr", (rows) =>
      rows.map((row) => [1, 2, 3].map((i) => (row as any).cells[i]!.textContent).join(" ")),
    );
    expect(shown.sort()).toEqual(log.map((entry) => `${entry.method} ${entry.path} ${entry.status}`).sort());
    expect(await rowTexts(tab.page, "requests", 4)).not.toContain("–");
    // Live: the open page counted calls before the run had even ended.
    expect(seenDuringRun.some((text) => Number(text) > 0), `counts seen during the run: ${seenDuringRun.join(", ")}`).toBe(true);

    // Tags, user tags, properties (in the API's order) and every contact of the stack.
    await expect.poll(() => tab.page.locator("#contacts-count").textContent()).toBe("12");
    expect((await rowTexts(tab.page, "company-tags")).sort()).toEqual(["Supplier", "VIP", "取引先", "報道関係", "見込み客"].sort());
    expect(await rowTexts(tab.page, "user-tags", 0)).toEqual(["要フォロー"]);
    expect(await rowTexts(tab.page, "user-tags", 1)).toEqual(["sales@example.com"]);
    expect(await rowTexts(tab.page, "properties", 2)).toEqual(["account_notes", "crm_link"]);
    const listed = await tab.page.$$eval("#contacts tbody tr", (rows) => rows.map((row) => (row as any).dataset.contactId));
    expect(listed.sort()).toEqual(Object.values(contactIds).sort());

    const tanaka = tab.page.locator(`#contacts tr[data-contact-id="${contactIds["tanaka-taro"]}"]`);
    await expect.poll(() => tanaka.locator("img.photo").evaluate((img) => (img as any).naturalWidth)).toBeGreaterThan(0);
    expect(await tanaka.locator(".name").textContent()).toBe("田中 太郎");
    const tanakaText = (await tanaka.textContent())!;
    for (const expected of ["taro.tanaka@acme.example", "VIP", "要フォロー", "ACME in CRM", "★ Annual contract renews in April"]) {
      expect(tanakaText).toContain(expected);
    }
    const kim = tab.page.locator(`#contacts tr[data-contact-id="${contactIds["kim-minjun"]}"]`);
    expect(await kim.locator(".name").textContent()).toBe("김 민준");
    expect(await kim.textContent()).toContain("서울상사");
  });

  it("searches contacts by name and by email", async () => {
    await tab.page.fill("#search", "acme.example");
    await expect.poll(() => tab.page.locator("#contacts tbody tr").count()).toBe(3);
    await tab.page.fill("#search", "渡辺");
    await expect.poll(() => rowTexts(tab.page, "contacts", 1)).toEqual([expect.stringContaining("渡辺 結衣")]);
    await tab.page.fill("#search", "");
    await expect.poll(() => tab.page.locator("#contacts tbody tr").count()).toBe(12);
  });

  it("shows a contact named with HTML tags as text", async () => {
    const row = tab.page.locator(`#contacts tr[data-contact-id="${contactIds["markup-name"]}"]`);
    expect(await row.locator(".name").textContent()).toBe(`${SCRIPT_NAME} ${BOLD_NAME}`);
    expect(await row.locator(".name").evaluate((node) => node.children.length)).toBe(0);
    expect(await tab.page.locator("#contacts tbody script, #contacts tbody img:not(.photo)").count()).toBe(0);
    expect(await row.textContent()).toContain("<img src=x onerror=alert(2)>");
    expect(tab.problems).toEqual([]);
  });

  it("turns a fault on from the page: the next API call fails, and clearing it restores calls", async () => {
    // The page refills its fault form from the emulator on each poll: wait until it has seen the
    // latency of the previous test cleared, or Apply would send that latency again.
    await expect.poll(() => tab.page.locator("#faults-status").textContent()).toBe("No faults injected");
    const { access_token: token } = await requestToken(emulator);
    expect((await api(emulator, token, "GET", "/contact-tags")).status).toBe(200);

    await tab.page.fill('#faults input[name="status500Rate"]', "1");
    await tab.page.click("#apply-faults");
    await expect.poll(() => tab.page.locator("#faults-status").textContent()).toBe("Active: status500Rate 1");
    const failed = await api(emulator, token, "GET", "/contact-tags");
    expect(failed.status).toBe(500);
    await tab.page.selectOption("#status-filter", "5xx");
    await expect.poll(() => rowTexts(tab.page, "requests", 5)).toEqual(["status500"]);
    if (process.env.DASHBOARD_SCREENSHOT) {
      await tab.page.selectOption("#status-filter", "all");
      await expect.poll(async () => (await rowTexts(tab.page, "requests", 5)).length).toBeGreaterThan(1);
      await tab.page.screenshot({ path: path.resolve(process.env.DASHBOARD_SCREENSHOT), fullPage: true });
      await tab.page.selectOption("#status-filter", "5xx");
    }

    await tab.page.click("#clear-faults");
    await expect.poll(() => tab.page.locator("#faults-status").textContent()).toBe("No faults injected");
    expect((await api(emulator, token, "GET", "/contact-tags")).status).toBe(200);
  });

  it("clears the request log, and never requested another host", async () => {
    await tab.page.click("#clear-log");
    await expect.poll(async () => (await emulator.requests()).length).toBe(0);
    await expect.poll(() => tab.page.locator("#requests-count").textContent()).toBe("0");
    expect(tab.foreignRequests).toEqual([]);
    expect(tab.problems).toEqual([]);
  });
});
