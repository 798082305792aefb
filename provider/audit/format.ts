/** The text form of an audit: one line per difference, grouped by kind, then a summary line. */
import type { AuditDetails, AuditKind } from "./compare";

const KIND_ORDER: AuditKind[] = ["tag", "userTag", "customProperty", "contact"];
const KIND_LABEL: Record<AuditKind, [string, string]> = {
  tag: ["company tag", "company tags"],
  userTag: ["user tag", "user tags"],
  customProperty: ["custom property", "custom properties"],
  contact: ["contact", "contacts"],
};

const count = (n: number, kind: AuditKind) => `${n} ${KIND_LABEL[kind][n === 1 ? 0 : 1]}`;

export function formatAuditText(details: AuditDetails): string {
  const { report, inSyncCount } = details;
  const lines: string[] = [];
  for (const kind of KIND_ORDER) {
    for (const difference of report.differences.filter((d) => d.kind === kind)) {
      const who = [difference.key ?? "-", JSON.stringify(difference.name), difference.id ? `id ${difference.id}` : ""].filter(Boolean).join(" ");
      const what =
        difference.status === "drifted"
          ? `drifted (${difference.fields.join(", ")})`
          : difference.status === "missing"
            ? "missing (in the files, not in LINE WORKS)"
            : "unmanaged (in LINE WORKS, in no file)";
      lines.push(`${KIND_LABEL[kind][0]} ${who}: ${what}`);
    }
  }
  if (report.unmanagedContacts > 0) lines.push(`${count(report.unmanagedContacts, "contact")} in LINE WORKS that no file describes`);
  const inSync = KIND_ORDER.map((kind) => count(inSyncCount[kind], kind)).join(", ");
  // Only the statuses that occur; contacts no file describes have their own line above (not drift).
  const differing = (["drifted", "missing", "unmanaged"] as const)
    .map((status) => [status, report.differences.filter((d) => d.status === status).length] as const)
    .filter(([, n]) => n > 0)
    .map(([status, n]) => `${n} ${status}`);
  lines.push(report.inSync ? `in sync: ${inSync}` : `not in sync: ${differing.join(", ") || "differences above"}; in sync: ${inSync}`);
  return `${lines.join("\n")}\n`;
}
