/**
 * Issue 30 item 4 in a real browser: a page of another site (another port of the same machine,
 * so Chromium's private-network rules do not stop it first) submits a form-encoded reset and an
 * app edit to the emulator, with the headers Chromium itself sends (Origin, Sec-Fetch-Site); and a
 * DNS-rebinding name (Chromium resolves evil.example to 127.0.0.1) opens the dashboard. All are
 * refused and the domain is intact. The dashboard's own use is covered by the other browser tests.
 */
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appEdits, expectStatus } from "../app/app-edits";
import { startEmulatorProcess, type EmulatorProcess } from "../../support/emulator-process";
import { findChromium, launchChromium } from "./chromium";

const chromiumPath = findChromium();
if (chromiumPath.skipReason) console.warn(chromiumPath.skipReason);

const DOMAIN = 10000001;

function evilPage(emulatorUrl: string): string {
  return `<!doctype html><meta charset="utf-8"><body>
<form id="f" method="POST" action="${emulatorUrl}/_emulator/reset"><input name="confirm" value="yes"></form>
<script>
fetch("${emulatorUrl}/_emulator/app/${DOMAIN}/company-tags", {
  method: "POST", mode: "no-cors",
  headers: { "content-type": "application/x-www-form-urlencoded" },
  body: "contactTagName=" + encodeURIComponent("乗っ取り"),
}).catch(() => undefined).finally(() => document.getElementById("f").submit());
</script></body>`;
}

describe.skipIf(!chromiumPath.path)("a page of another site in Chromium", () => {
  let emulator: EmulatorProcess;
  let evil: http.Server;
  let evilUrl: string;
  let browser: Browser;
  const tagNames = async (): Promise<string[]> => {
    const state = await emulator.state();
    return state.domains.find((d: { domainId: number }) => d.domainId === DOMAIN).contactTags.map((t: { contactTagName: string }) => t.contactTagName);
  };

  beforeAll(async () => {
    emulator = await startEmulatorProcess();
    expectStatus(await appEdits(emulator.url, DOMAIN).addCompanyTag("協力会社"), 201, "staged tag");
    evil = http.createServer((_request, response) => response.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(evilPage(emulator.url)));
    await new Promise<void>((resolve) => evil.listen(0, "127.0.0.1", resolve));
    evilUrl = `http://127.0.0.1:${(evil.address() as AddressInfo).port}/`;
    browser = await launchChromium(chromiumPath.path!);
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => evil?.close(resolve));
    await emulator?.stop();
  });

  it("cannot reset the emulator nor edit it as the app; the domain stays as it was", async () => {
    const page = await browser.newPage();
    const reset = page.waitForResponse((response) => response.url().endsWith("/_emulator/reset"));
    await page.goto(evilUrl);
    expect((await reset).status()).toBe(403);
    expect(await tagNames()).toEqual(["協力会社"]);
    await page.close();
  });

  it("a DNS-rebinding name cannot open the dashboard", async () => {
    const rebinding = await chromium.launch({
      executablePath: chromiumPath.path!,
      args: ["--no-sandbox", "--disable-dev-shm-usage", "--host-resolver-rules=MAP evil.example 127.0.0.1"],
    });
    try {
      const page = await rebinding.newPage();
      const port = new URL(emulator.url).port;
      const response = await page.goto(`http://evil.example:${port}/_emulator/ui`);
      expect(response?.status()).toBe(403);
      // The same page by its own address opens.
      expect((await page.goto(`${emulator.url}/_emulator/ui`))?.status()).toBe(200);
    } finally {
      await rebinding.close();
    }
    expect(await tagNames()).toEqual(["協力会社"]);
  });
});
