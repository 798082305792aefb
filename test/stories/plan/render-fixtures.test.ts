/**
 * `plan` on previews captured from the real CLI (test/stories/plan/fixtures, see capture-fixtures.e2e.test.ts):
 * what a reviewer reads, line by line; never a URN, an id or a secret value.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { heldEntriesFromExport } from "../../../provider/stack/stack-ids";
import { buildPlan, type PlanOptions } from "../../../cli/plan/model";
import { readPreviewJson } from "../../../cli/plan/preview-json";
import { renderPlan, type PlanFormat } from "../../../cli/plan/render";

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, "fixtures", `${name}.json`), "utf8");
const held = heldEntriesFromExport(JSON.parse(fixture("stack-export")));
/** The photo file as the pull request has it: other bytes than the ones uploaded. */
const newPhoto: PlanOptions["photoSha256"] = () => "0".repeat(64);

function render(name: string, format: PlanFormat = "text", options: PlanOptions = { held }, text = fixture(name)): string {
  return renderPlan(buildPlan(readPreviewJson(text), options), format);
}
const lines = (text: string) => text.split("\n");

/** Every id the fixture holds (object ids, tag ids), and its URNs' prefix. */
function idsIn(text: string): string[] {
  const ids = new Set<string>();
  JSON.parse(text, (key, value) => {
    if ((key === "id" || key.endsWith("Id")) && typeof value === "string" && value.length >= 8 && key !== "masterUserId") ids.add(value);
    return value;
  });
  return [...ids];
}

describe("plan on captured previews", () => {
  it("update: field changes by name, tags by key and name, photo bytes, no URN or id", () => {
    const out = render("update", "text", { held, photoSha256: newPhoto });
    expect(lines(out)).toEqual(
      expect.arrayContaining([
        "lineworks-contacts plan for stack dev: 2 to create, 3 to update, 7 unchanged",
        "  tag press (報道)",
        "  contact suzuki-ichiro (鈴木 一郎, ichiro@press.example)",
        "  tag prospect (見込み顧客): contactTagName 見込み客 → 見込み顧客",
        "  custom property region (地域): displayName Region → 地域",
        "  contact kato-yoko (加藤 洋子, yoko.kato@acme.example): telephones: + 03-9999-0000 (HOME); memo changed; tags: + partner (取引先), - vip (VIP); customProperties: crm (CRM) changed; photo: new bytes",
      ]),
    );
    // sato-kenji's tags were only reordered: a set, so no update at all.
    expect(out).not.toContain("sato-kenji");
    for (const id of idsIn(fixture("update"))) expect(out).not.toContain(id);
    expect(out).not.toContain("urn:");
  });

  it("a new contact's tags that do not exist yet are named from the plan's creates", () => {
    const plan = buildPlan(readPreviewJson(fixture("update")), { held });
    expect(plan.items.find((item) => item.key === "suzuki-ichiro")?.action).toBe("create");
  });

  it("without --stack, tags the plan does not touch are not named by id, and the way to name them is said", () => {
    const out = render("update", "text", {});
    expect(out).toContain("tags: + a tag not in this plan, - a tag not in this plan");
    expect(out).toContain("run plan with --stack NAME");
    expect(out).toContain("customProperties: crm_link changed");
  });

  it("delete: deletes and replacements first, with a warning naming previousKeys", () => {
    const out = lines(render("delete"));
    const warning = out.findIndex((line) => line.startsWith("WARNING: This plan deletes 1 object and replaces 1"));
    expect(warning).toBeGreaterThan(0);
    expect(out[warning]).toContain("previousKeys");
    const del = out.indexOf("  delete contact test-customer (Test Customer, test.customer@example.com): goes to the contacts trash (a new id if created again)");
    const rep = out.indexOf("  replace custom property region (Region): propertyName sales_region → area; its value on every contact is deleted");
    const upd = out.indexOf("  contact kato-yoko (加藤 洋子, yoko.kato@acme.example): customProperties: region (Region) written again (new propertyName)");
    expect(del).toBeGreaterThan(warning);
    expect(rep).toBeGreaterThan(del);
    expect(upd).toBeGreaterThan(rep);
  });

  it("rename: keys renamed with previousKeys change nothing", () => {
    expect(render("rename")).toBe("lineworks-contacts plan for stack dev: 10 unchanged\n");
  });

  it("adoption: the provider's note makes it a take-over; without it, create or take over", () => {
    const out = render("adoption");
    expect(out).toContain("  tag press (報道): take over the existing object (no write)");
    expect(out).toContain("  contact suzuki-ichiro (鈴木 一郎, ichiro@press.example): take over the existing object (no write)");
    const withoutNotes = JSON.parse(fixture("adoption"));
    withoutNotes.diagnostics = [];
    const plain = render("adoption", "text", { held }, JSON.stringify(withoutNotes));
    expect(plain).toContain("  tag press (報道): create, or take over an existing object with this key (adopt: true)");
    expect(plain).not.toContain("no write");
  });

  it("drift found by --refresh is shown apart from what the files change", () => {
    const out = lines(render("drift"));
    const drift = out.indexOf("Drift found by --refresh (2)");
    expect(drift).toBeGreaterThan(0);
    expect(out.slice(drift)).toEqual(
      expect.arrayContaining(["  tag vip (VIP): contactTagName VIP → VIP顧客", "  contact kato-yoko (加藤 洋子, yoko.kato@acme.example): memo changed; tags: + partner (取引先)"]),
    );
    expect(out.slice(0, drift)).toEqual(
      expect.arrayContaining([
        "  tag vip (VIP): contactTagName VIP顧客 → VIP",
        "  contact kato-yoko (加藤 洋子, yoko.kato@acme.example): memo changed; tags: - partner (取引先)",
        "  contact test-customer (Test Customer, test.customer@example.com): memo changed",
      ]),
    );
    // The app's memo text is in the preview's JSON; the plan never shows it.
    expect(fixture("drift")).toContain("Edited in the app");
    expect(out.join("\n")).not.toContain("Edited in the app");
  });

  it("secretFields: a change is said, never the value", () => {
    const out = render("secret", "text", { held });
    expect(out).toContain("  contact kato-yoko (加藤 洋子, yoko.kato@acme.example): memo or customProperties changed (secret)");
    expect(out).not.toContain("Prefers");
    expect(out).not.toContain("近畿");
    expect(render("update")).not.toContain("Prefers");
  });

  it("Markdown: the hidden marker, escaped names, a warning callout", () => {
    const out = render("delete", "markdown");
    expect(lines(out)[0]).toBe("<!-- lineworks-contacts plan: dev -->");
    expect(out).toContain("> [!WARNING]");
    expect(out).toContain("- delete contact **test-customer** (Test Customer, test.customer@example.com): goes to the contacts trash (a new id if created again)");
    expect(out).not.toContain("urn:");
  });

  it("rejects what is not a preview's JSON with a one-line reason", () => {
    expect(() => readPreviewJson("not json")).toThrow(/^the input is not JSON .*pulumi preview --json$/);
    expect(() => readPreviewJson('{"deployment": {}}')).toThrow(/not the JSON of pulumi preview --json/);
  });
});
