/**
 * The plan as Markdown (a pull-request comment, $GITHUB_STEP_SUMMARY) or plain text (a
 * terminal), at most `limit` characters. Markdown starts with a hidden marker naming the stack,
 * by which a workflow finds the comment it updates. Names come from the pull request's files:
 * Markdown and HTML in them are escaped, and an @mention is broken so that it notifies no one.
 */
import type { Plan } from "./model";
import { countsOf, fitToLimit, omittedTotal, sectionsOf, type ItemText, type Section } from "./sections";

export type PlanFormat = "markdown" | "text";

/** GitHub's limit on a comment's body. */
export const GITHUB_COMMENT_LIMIT = 65_536;

/** Sections longer than this are folded in Markdown (deletes never are). */
const FOLD_AFTER = 20;

export const planMarker = (stack: string | undefined) => `<!-- lineworks-contacts plan: ${stack ?? "(stack unknown)"} -->`;

/** Text from the files, safe in Markdown: punctuation escaped, HTML inert, no @mention. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]|~<>&]/g, (c) => (c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === "&" ? "&amp;" : `\\${c}`))
    .replace(/(^|[^\w.+-])@/g, "$1@\u200b")
    .replace(/[\r\n]+/g, " ");
}

function head(plan: Plan): string {
  const counts = countsOf(plan);
  const summary = counts.length > 0 ? counts.map(([what, n]) => `${n} ${what}`).join(", ") : "no changes";
  return plan.drift.length > 0 ? `${summary}; ${plan.drift.length} changed outside the files` : summary;
}

const cutNote = (sections: Section[], limit: number) =>
  `This summary is cut to fit GitHub's ${limit.toLocaleString("en-US")}-character limit: ${omittedTotal(sections).toLocaleString("en-US")} entries are not listed (the largest sections first). \`pulumi preview --diff\` in the job log shows every change.`;

/** The action is said on the line only in the section that mixes them (deletes and replacements). */
const prefixed = (action: string) => action === "delete" || action === "replace";

function markdownLine(item: ItemText): string {
  const who = `${item.kind} **${escapeMarkdown(item.key)}**${item.display ? ` (${escapeMarkdown(item.display)})` : ""}`;
  const renamed = item.previousKey ? ` (was ${escapeMarkdown(item.previousKey)})` : "";
  const details = item.details.length > 0 ? `: ${item.details.map(escapeMarkdown).join("; ")}` : "";
  return `- ${prefixed(item.action) ? `${item.action} ` : ""}${who}${renamed}${details}`;
}

function textLine(item: ItemText): string {
  const who = `${item.kind} ${item.key}${item.display ? ` (${item.display})` : ""}`;
  const renamed = item.previousKey ? ` (was ${item.previousKey})` : "";
  const details = item.details.length > 0 ? `: ${item.details.join("; ")}` : "";
  return `  ${prefixed(item.action) ? `${item.action} ` : ""}${who}${renamed}${details}`;
}

function renderMarkdown(plan: Plan, sections: Section[], limit: number): string {
  const out = [planMarker(plan.stack), `### lineworks-contacts plan${plan.stack ? ` for stack \`${escapeMarkdown(plan.stack)}\`` : ""}`, "", `**${head(plan)}**`, ""];
  if (omittedTotal(sections) > 0) out.push(`> [!NOTE]`, `> ${cutNote(sections, limit)}`, "");
  for (const section of sections) {
    if (section.warning) out.push("> [!WARNING]", `> ${section.warning}`, "");
    const more = section.omitted > 0 ? [`- … and ${section.omitted.toLocaleString("en-US")} more (cut to fit the comment)`] : [];
    const body = [...section.lines, ...more];
    const note = section.note ? [section.note, ""] : [];
    if (section.warning || section.lines.length + section.omitted <= FOLD_AFTER) out.push(`#### ${section.title}`, "", ...note, ...body, "");
    else out.push(`<details><summary><b>${section.title}</b></summary>`, "", ...note, ...body, "", "</details>", "");
  }
  for (const note of plan.notes) out.push(`_${note}_`, "");
  return `${out.join("\n").trimEnd()}\n`;
}

function renderText(plan: Plan, sections: Section[], limit: number): string {
  const out = [`lineworks-contacts plan${plan.stack ? ` for stack ${plan.stack}` : ""}: ${head(plan)}`, ""];
  if (omittedTotal(sections) > 0) out.push(cutNote(sections, limit), "");
  for (const section of sections) {
    if (section.warning) out.push(`WARNING: ${section.warning}`, "");
    out.push(`${section.title}`, ...(section.note ? [`  ${section.note}`] : []), ...section.lines);
    if (section.omitted > 0) out.push(`  … and ${section.omitted.toLocaleString("en-US")} more`);
    out.push("");
  }
  out.push(...plan.notes);
  return `${out.join("\n").trimEnd()}\n`;
}

export function renderPlan(plan: Plan, format: PlanFormat, limit = GITHUB_COMMENT_LIMIT): string {
  if (format === "markdown") {
    const sections = sectionsOf(plan, markdownLine, (warning) => `- ${escapeMarkdown(warning)}`);
    return fitToLimit(sections, (s) => renderMarkdown(plan, s, limit), limit);
  }
  const sections = sectionsOf(plan, textLine, (warning) => `  ${warning}`);
  return fitToLimit(sections, (s) => renderText(plan, s, limit), limit);
}
