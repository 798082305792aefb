/**
 * What the dynamic-provider process loads (issue 33): every Pulumi run starts one, and a preview
 * without changes calls no API and runs no rules. Loading the API client (undici) or the rules
 * (zod) costs that process ~100 ms; they load on the first API call and the first check that
 * runs the rules. Runs the built `./h` (dist/, rebuilt by the global setup) in a fresh Node.
 */
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { canonicalContactInputs } from "../../../provider/dynamic-provider/contact-state";
import type { ContactInputs } from "../../../provider/seam/types";
import { repoRoot } from "../../support/repo-root";

const entry = path.join(repoRoot, "dist", "provider", "dynamic-provider", "index.js");

/** Runs `body` after loading ./h; prints the packages and our client modules loaded at each `mark(label)`. */
function loadedAfter(body: string): Record<string, { packages: string[]; client: string[] }> {
  const script = `
    const marks = {};
    const mark = (label) => {
      const files = Object.keys(require.cache);
      const packages = [...new Set(files.filter((f) => f.includes("/node_modules/")).map((f) => f.match(/node_modules\\/((?:@[^/]+\\/)?[^/]+)/)[1]))].sort();
      const client = files.filter((f) => f.includes("/dist/provider/client/")).map((f) => f.split("/dist/provider/client/")[1]).sort();
      marks[label] = { packages, client };
    };
    const h = require(${JSON.stringify(entry)});
    mark("loaded");
    (async () => { ${body} })().then(() => process.stdout.write(JSON.stringify(marks)), (e) => { console.error(e); process.exit(1); });
  `;
  const run = spawnSync(process.execPath, ["-e", script], { encoding: "utf8", timeout: 60_000 });
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout);
}

const contact = { permission: { masterUserId: "admin@example.com", accessibleRange: "ALL" }, contactName: { lastName: "A" }, emails: [{ email: "a@acme.example" }] };

describe("the dynamic-provider process loads what it uses", () => {
  it("loads no package and no API client to start, nor for the checks and diffs of unchanged inputs", () => {
    const marks = loadedAfter(`
      const olds = (await h.Contact.check({}, ${JSON.stringify(contact)})).inputs;
      mark("after a create's check");
      const again = await h.Contact.check(olds, ${JSON.stringify(contact)});
      if (again.failures.length) throw new Error("unchanged inputs failed");
      const diff = await h.Contact.diff("c1", {}, again.inputs);
      if (diff.changes) throw new Error("unchanged inputs changed");
      const tag = await h.CompanyContactTag.check({ contactTagName: "VIP" }, { contactTagName: "VIP" });
      if (tag.failures.length) throw new Error("unchanged tag failed");
      mark("unchanged");
    `);
    expect(marks.loaded).toEqual({ packages: [], client: expect.any(Array) });
    // Only the config reader and the error types: the client itself (transport, undici) is not loaded.
    expect(marks.loaded!.client).toEqual(expect.arrayContaining(["config.js", "errors.js"]));
    expect(marks.loaded!.client).not.toContain("index.js");
    expect(marks.loaded!.client).not.toContain("transport.js");
    // A create is checked: the rules (and zod) load then.
    expect(marks["after a create's check"]!.packages).toContain("zod");
    expect(marks["after a create's check"]!.packages).not.toContain("undici");
  });

  it("runs no rules for a process whose inputs are all unchanged", () => {
    // What the state holds: the inputs as check() returned them when the contact was made.
    const stored = canonicalContactInputs(contact as ContactInputs, true);
    const marks = loadedAfter(`
      const stored = ${JSON.stringify(stored)};
      const check = await h.Contact.check(stored, ${JSON.stringify(contact)});
      if (check.failures.length) throw new Error(JSON.stringify(check.failures));
      mark("checked");
      const changed = await h.Contact.check(stored, { ...stored, memo: "new" });
      if (changed.failures.length) throw new Error(JSON.stringify(changed.failures));
      mark("changed");
    `);
    expect(marks.checked!.packages).toEqual([]);
    expect(marks.changed!.packages).toContain("zod");
  });
});
