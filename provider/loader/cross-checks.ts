/**
 * Rules that span entries: what the API would refuse only when several objects meet
 * (duplicate names, the custom property quota) and key bookkeeping (tags vs userTags
 * keys, previousKeys). A section that some file could not give is not checked for duplicates
 * or the quota: without its unread entries, what is found may be only an echo.
 */
import { primaryEmail } from "../schema/contact";
import { limits } from "../rules";
import { positionAt } from "./located";
import type { MergedState } from "./overlay";
import type { ProblemSink } from "./paths";
import { PREVIOUS_KEYS, SECTION_NAMES } from "./format";

type Section = Record<string, Record<string, unknown>>;

export function checkAcrossEntries(merged: MergedState, sink: ProblemSink): void {
  const { tags, userTags, customProperties } = merged.sections;
  const readable = (section: keyof MergedState["sections"]) => !merged.unreadable[section];

  for (const key of Object.keys(userTags)) {
    if (key in tags) {
      sink.at(["userTags", key], `key "${key}" is also a key of tags: contacts refer to both by key, so keys must differ`, { preferKey: true });
    }
  }

  if (readable("tags")) uniqueValues(sink, merged.root, "tags", tags, (entry) => text(entry.contactTagName), "contactTagName", "tag name");
  if (readable("userTags")) {
    const userAndName = (entry: Record<string, unknown>) =>
      text(entry.userId) !== undefined && text(entry.contactTagName) !== undefined ? `${entry.userId}\u0000${entry.contactTagName}` : undefined;
    uniqueValues(sink, merged.root, "userTags", userTags, userAndName, "contactTagName", "tag name for this user");
  }
  if (readable("customProperties")) {
    uniqueValues(sink, merged.root, "customProperties", customProperties, (entry) => text(entry.propertyName), "propertyName", "propertyName");
    uniqueValues(sink, merged.root, "customProperties", customProperties, (entry) => text(entry.displayName), "displayName", "displayName");
  }

  const propertyKeys = readable("customProperties") ? Object.keys(customProperties) : [];
  propertyKeys.slice(limits.MAX_CUSTOM_PROPERTIES_PER_DOMAIN).forEach((key, index) => {
    sink.at(
      ["customProperties", key],
      `a domain has at most ${limits.MAX_CUSTOM_PROPERTIES_PER_DOMAIN} custom properties; this is number ${limits.MAX_CUSTOM_PROPERTIES_PER_DOMAIN + index + 1}`,
      { preferKey: true },
    );
  });

  if (readable("contacts")) {
    const naturalKey = (entry: Record<string, unknown>) =>
      Array.isArray(entry.emails) && entry.emails.every((e) => typeof e === "object" && e !== null) ? primaryEmail(entry) : undefined;
    uniqueValues(sink, merged.root, "contacts", merged.sections.contacts, naturalKey, "emails", "primary email (a contact's natural key)");
  }

  for (const name of SECTION_NAMES) checkPreviousKeys(sink, name, merged.sections[name]);
}

function text(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function uniqueValues(
  sink: ProblemSink,
  root: object,
  section: string,
  entries: Section,
  valueOf: (entry: Record<string, unknown>) => string | undefined,
  field: string,
  label: string,
): void {
  const firstKey = new Map<string, string>();
  for (const [key, entry] of Object.entries(entries)) {
    const value = valueOf(entry);
    if (value === undefined) continue;
    const earlier = firstKey.get(value);
    if (earlier === undefined) {
      firstKey.set(value, key);
      continue;
    }
    const there = positionAt(root, [section, earlier, field]);
    sink.at([section, key, field], `duplicate ${label} ${JSON.stringify(typeof entry[field] === "string" ? entry[field] : value)}: also used by ${section}.${earlier} (${there.file}:${there.line}:${there.col})`);
  }
}

function checkPreviousKeys(sink: ProblemSink, section: string, entries: Section): void {
  const claimedBy = new Map<string, string>();
  for (const [key, entry] of Object.entries(entries)) {
    const previous = entry[PREVIOUS_KEYS];
    if (!Array.isArray(previous)) continue;
    previous.forEach((old, index) => {
      if (typeof old !== "string") return;
      const where = [section, key, PREVIOUS_KEYS, index];
      if (old === key) {
        sink.at(where, `"${old}" is this entry's own key`);
      } else if (old in entries) {
        sink.at(where, `"${old}" is still a key of ${section}: a previous key must no longer be in use`);
      } else if (claimedBy.has(old)) {
        sink.at(where, `"${old}" is already a previous key of ${section}.${claimedBy.get(old)}`);
      } else {
        claimedBy.set(old, key);
      }
    });
  }
}
