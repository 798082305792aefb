/**
 * Debian's Chromium for the browser tests, driven by playwright-core with `executablePath`
 * (no browser download). scripts/ensure-chromium.sh finds it, or installs it in CI; when it
 * is missing the browser tests are skipped with the reason printed.
 */
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { repoRoot } from "../../support/repo-root";

export interface ChromiumLookup {
  path?: string;
  /** Why there is no browser (the tests skip with this message). */
  skipReason?: string;
}

export function findChromium(): ChromiumLookup {
  try {
    const output = execFileSync("bash", [path.join(repoRoot, "scripts", "ensure-chromium.sh")], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 600_000,
    });
    return { path: output.trim().split("\n").pop()! };
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? "").trim();
    // CI must run the browser tests: there, a missing browser is a failure, not a skip.
    if (process.env.CI) throw new Error(`Chromium is required in CI (scripts/ensure-chromium.sh): ${stderr}`);
    return { skipReason: `browser tests skipped: Debian's chromium is not installed (apt-get install chromium). ${stderr}` };
  }
}

export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({
    executablePath,
    args: ["--no-sandbox", "--disable-background-networking", "--disable-dev-shm-usage"],
  });
}

export interface DashboardTab {
  page: Page;
  /** Requests the page made to any other origin than the emulator's (should stay empty). */
  foreignRequests: string[];
  /** Script errors and dialogs (an `alert` would mean injected markup ran). */
  problems: string[];
}

/** A new tab on `${emulatorUrl}/_emulator/ui`, recording foreign requests, errors and dialogs. */
export async function openDashboard(browser: Browser, emulatorUrl: string, viewport = { width: 1440, height: 1000 }): Promise<DashboardTab> {
  const page = await browser.newPage({ viewport });
  const tab: DashboardTab = { page, foreignRequests: [], problems: [] };
  page.on("request", (request) => {
    if (new URL(request.url()).origin !== emulatorUrl) tab.foreignRequests.push(request.url());
  });
  page.on("pageerror", (error) => tab.problems.push(`page error: ${error.message}`));
  page.on("dialog", (dialog) => {
    tab.problems.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on("console", (message) => {
    if (message.type() === "error") tab.problems.push(`console: ${message.text()}`);
  });
  await page.goto(`${emulatorUrl}/_emulator/ui`);
  return tab;
}
