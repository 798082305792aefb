/**
 * The plan as sections of one-line entries, the same for Markdown and text: deletes and
 * replacements first (with a warning), then creates, take-overs, updates, drift found by
 * `--refresh`, and the provider's warnings. Also the fitting under a size limit: the largest
 * section loses its last entries first, and says how many.
 */
import type { PlanKind } from "./names";
import type { Plan, PlanAction, PlanItem } from "./model";

export interface Section {
  title: string;
  /** Said above the section (deletes). */
  warning?: string;
  /** Said under the title. */
  note?: string;
  lines: string[];
  /** Entries left out to fit the limit. */
  omitted: number;
}

const KIND_WORD: Record<PlanKind, string> = { tag: "tag", userTag: "user tag", customProperty: "custom property", contact: "contact" };

const ACTION_WORD: Record<PlanAction, string> = {
  delete: "delete",
  replace: "replace",
  create: "create",
  "take-over": "take over",
  "create-or-take-over": "create or take over",
  update: "update",
  drift: "",
  "deleted-outside": "deleted outside the files",
};

/** What happens besides the field changes, in the reviewer's words. */
function consequence(item: PlanItem): string | undefined {
  if (item.action === "take-over") return "take over the existing object (no write)";
  if (item.action === "create-or-take-over") return "create, or take over an existing object with this key (adopt: true)";
  if (item.action === "deleted-outside") return "the plan creates it again";
  if (item.action === "delete" && item.kind === "contact") return "goes to the contacts trash (a new id if created again)";
  if ((item.action === "delete" || item.action === "replace") && item.kind === "customProperty") return "its value on every contact is deleted";
  if (item.action === "replace") return "deleted, then created again";
  return undefined;
}

export interface ItemText {
  action: string;
  kind: string;
  key: string;
  display?: string;
  previousKey?: string;
  details: string[];
}

export function itemText(item: PlanItem): ItemText {
  const details = [...item.changes];
  const note = consequence(item);
  if (note) details.push(note);
  return {
    action: ACTION_WORD[item.action],
    kind: KIND_WORD[item.kind],
    key: item.key,
    ...(item.display ? { display: item.display } : {}),
    ...(item.previousKey ? { previousKey: item.previousKey } : {}),
    details,
  };
}

export function countsOf(plan: Plan): Array<[string, number]> {
  const count = (action: PlanAction) => plan.items.filter((item) => item.action === action).length;
  const counts: Array<[string, number]> = [
    ["to delete", count("delete")],
    ["to replace", count("replace")],
    ["to create", count("create")],
    ["to take over", count("take-over")],
    ["to create or take over", count("create-or-take-over")],
    ["to update", count("update")],
    ["unchanged", plan.unchanged],
  ];
  return counts.filter(([, n]) => n > 0);
}

export function sectionsOf(plan: Plan, line: (item: ItemText) => string, warningLine: (text: string) => string = (t) => t): Section[] {
  const pick = (...actions: PlanAction[]) => plan.items.filter((item) => actions.includes(item.action));
  const destructive = pick("delete", "replace");
  const sections: Section[] = [];
  if (plan.tenantMove) sections.push({ title: "The stack moves to another tenant", warning: plan.tenantMove, lines: [], omitted: 0 });
  const add = (title: string, items: PlanItem[], extra: { warning?: string; note?: string } = {}) => {
    if (items.length > 0) sections.push({ title: `${title} (${items.length})`, lines: items.map((item) => line(itemText(item))), omitted: 0, ...extra });
  };
  const deletes = destructive.filter((item) => item.action === "delete").length;
  const replaces = destructive.length - deletes;
  const what = [deletes > 0 ? `deletes ${deletes} object${deletes === 1 ? "" : "s"}` : "", replaces > 0 ? `replaces ${replaces}` : ""].filter(Boolean).join(" and ");
  add("Deletes and replacements", destructive, { warning: `This plan ${what}: check that each is meant; an entry renamed by mistake deletes its object (keep it with previousKeys: [old-key]).` });
  add("Creates", pick("create"));
  add("Take-overs (adopt: true)", pick("take-over", "create-or-take-over"));
  add("Updates", pick("update"));
  add("Drift found by --refresh", plan.drift, { note: "Changed outside these files (in the app or the admin console); the updates above put the files' values back." });
  if (plan.warnings.length > 0) sections.push({ title: `Provider warnings (${plan.warnings.length})`, lines: plan.warnings.map(warningLine), omitted: 0 });
  return sections;
}

/**
 * Renders, then while the text is over `limit` characters (UTF-16 units, never fewer than
 * GitHub's characters) cuts the section with the most characters from its end.
 */
export function fitToLimit(sections: Section[], render: (sections: Section[]) => string, limit: number): string {
  let text = render(sections);
  while (text.length > limit) {
    const largest = sections
      .filter((section) => section.lines.length > 0)
      .sort((a, b) => b.lines.reduce((n, l) => n + l.length + 1, 0) - a.lines.reduce((n, l) => n + l.length + 1, 0))[0];
    if (!largest) throw new Error(`the summary does not fit in ${limit} characters even without its entries`);
    let excess = text.length - limit + 200;
    while (excess > 0 && largest.lines.length > 0) {
      excess -= largest.lines.pop()!.length + 1;
      largest.omitted++;
    }
    text = render(sections);
  }
  return text;
}

export const omittedTotal = (sections: Section[]) => sections.reduce((n, section) => n + section.omitted, 0);
