/**
 * Issue 30 item 1: the README documents the emulator's app and admin endpoints with one example
 * body each that works as written. Every row of that table is sent, from the top, to a fresh
 * emulator process, with TAG_ID and CONTACT_ID replaced by the ids the creates answered; each
 * must answer a 2xx (a body the emulator refuses, e.g. a list for customProperties, fails here).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT, startEmulatorProcess, type EmulatorProcess } from "../support/emulator-process";

interface Row {
  method: string;
  path: string;
  body?: string;
}

/** The rows of the README's table of `/_emulator/app/...` requests. */
function documentedRows(): Row[] {
  const readme = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
  return readme
    .split("\n")
    .filter((line) => /^\| `[A-Z]+ \/_emulator\/app\//.test(line))
    .map((line) => {
      const [request, body] = line.slice(1).split(" | ");
      const [, method, url] = /^`([A-Z]+) (\S+)`$/.exec(request!.trim())!;
      const example = body!.trim();
      return { method: method!, path: url!, ...(example === "(none)" ? {} : { body: example.replace(/^`|`$/g, "") }) };
    });
}

describe("the README's app and admin endpoints", () => {
  let emulator: EmulatorProcess;
  beforeAll(async () => {
    emulator = await startEmulatorProcess();
  });
  afterAll(async () => {
    await emulator?.stop();
  });

  it("every documented request, from the top, is answered 2xx, and the edits are logged as the app's", async () => {
    const rows = documentedRows();
    expect(rows.map((row) => `${row.method} ${row.path.replace(/\/_emulator\/app\/\d+/, "")}`)).toEqual(
      expect.arrayContaining(["POST /company-tags", "POST /contacts", "PATCH /contacts/CONTACT_ID", "POST /custom-properties", "PUT /user-tags"]),
    );
    const ids: Record<string, string> = {};
    const fill = (text: string) => text.replace(/TAG_ID|CONTACT_ID/g, (name) => ids[name] ?? name);
    const send = async (method: string, url: string, body?: string) => {
      const response = await fetch(`${emulator.url}${fill(url)}`, {
        method,
        ...(body === undefined ? {} : { headers: { "content-type": "application/json" }, body: fill(body) }),
      });
      const text = await response.text();
      expect(response.status, `${method} ${url} ${body ?? ""}: ${text}`).toBeLessThan(300);
      return text === "" ? undefined : JSON.parse(text);
    };
    for (const row of rows) {
      // The trash rows act on a contact deleted to the trash (the README says so).
      if (/\/trash\/CONTACT_ID$/.test(row.path)) await send("DELETE", row.path.replace(/\/trash\//, "/contacts/"));
      const answer = await send(row.method, row.path, row.body);
      if (answer?.contactTagId && ids.TAG_ID === undefined) ids.TAG_ID = answer.contactTagId;
      if (answer?.contactId && ids.CONTACT_ID === undefined) ids.CONTACT_ID = answer.contactId;
    }
    const log = (await (await fetch(`${emulator.url}/_emulator/requests?include=app`)).json()) as Array<{ kind: string }>;
    expect(log.filter((entry) => entry.kind === "app").length).toBeGreaterThanOrEqual(rows.length);
  });
});
