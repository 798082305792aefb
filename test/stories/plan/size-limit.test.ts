/**
 * A plan too big for one pull-request comment: 5,000 contact updates (each a copy of the captured
 * kato-yoko step under its own key and email) plus the captured deletes. It must come out under
 * GitHub's 65,536 characters, cut from the largest section, keep every delete, and say so.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { buildPlan } from "../../../cli/plan/model";
import { readPreviewJson } from "../../../cli/plan/preview-json";
import { GITHUB_COMMENT_LIMIT, renderPlan } from "../../../cli/plan/render";

const fixture = (name: string) => JSON.parse(fs.readFileSync(path.join(__dirname, "fixtures", `${name}.json`), "utf8"));

function bigPreview(count: number): string {
  const preview = fixture("delete");
  const update = fixture("update").steps.find((step: any) => step.op === "update" && step.urn.endsWith("::kato-yoko"));
  const rename = (text: string, i: number) => text.replaceAll("kato-yoko", `contact-${i}`).replaceAll("yoko.kato@", `person${i}@`);
  for (let i = 0; i < count; i++) preview.steps.push(JSON.parse(rename(JSON.stringify(update), i)));
  return JSON.stringify(preview);
}

describe("plan size limit", () => {
  const preview = bigPreview(5_000);

  for (const format of ["markdown", "text"] as const) {
    it(`${format}: 5,000 updates are cut under 65,536 characters, deletes kept, the cut said`, () => {
      const started = Date.now();
      const out = renderPlan(buildPlan(readPreviewJson(preview)), format);
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(out.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
      expect(out.length).toBeGreaterThan(GITHUB_COMMENT_LIMIT - 2_000);
      expect(out).toContain("5002 to update");
      expect(out).toMatch(/This summary is cut to fit GitHub's 65,536-character limit: [\d,]+ entries are not listed/);
      const shown = out.split("\n").filter((line) => /contact-\d+/.test(line)).length;
      expect(shown).toBeGreaterThan(100);
      expect(out).toContain(`… and ${(5_000 + 2 - shown).toLocaleString("en-US")} more`);
      expect(out).toContain("test-customer");
      expect(out).toContain("replace custom property");
    });
  }

  it("Markdown folds a long section in <details> with its count", () => {
    const out = renderPlan(buildPlan(readPreviewJson(bigPreview(30))), "markdown");
    expect(out).toContain("<details><summary><b>Updates (32)</b></summary>");
    expect(out).not.toContain("cut to fit");
  });
});
