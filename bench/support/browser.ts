/**
 * Debian's Chromium for bench/dashboard-load.ts, driven by playwright-core (no browser
 * download): scripts/ensure-chromium.sh finds it, or says why not.
 */
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { repoRoot } from "./repo-root";

export function findChromium(): string {
  try {
    const output = execFileSync("bash", [path.join(repoRoot, "scripts", "ensure-chromium.sh")], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 600_000,
    });
    return output.trim().split("\n").pop()!;
  } catch (error) {
    throw new Error(`Debian's chromium is not installed (apt-get install chromium): ${String((error as { stderr?: string }).stderr ?? "").trim()}`);
  }
}

export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-background-networking", "--disable-dev-shm-usage"] });
}

/** A new tab on `${emulatorUrl}/_emulator/ui`. */
export async function openDashboard(browser: Browser, emulatorUrl: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  await page.goto(`${emulatorUrl}/_emulator/ui`);
  return page;
}
