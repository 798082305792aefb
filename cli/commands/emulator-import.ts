/**
 * `emulator --import FILE... [--var NAME=VALUE]...` (CONTRACT §4): desired-state files, loaded as
 * `validate` loads them, become a StagedDomain, the plain objects the emulator stages in its first
 * domain as if people had made them in the app and the admin console (emulator/import.ts).
 *
 * One rule marks a field made in the admin console with its propertyName left empty: a YAML
 * `propertyName` that starts with `console_`. Such a field gets a random propertyName, as the
 * console makes one; its values are stored under that name. Every other field keeps its
 * propertyName as written (an administrator typed it in the console).
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import type { StagedContact, StagedDomain, StagedField } from "../../emulator/import";
import type { ContactEntry, CustomPropertyEntry, DesiredState } from "../../provider/loader/model";
import { formatProblem } from "../../provider/loader/problems";
import { normalizeContactField } from "../../provider/dynamic-provider/normalize";
import { CONTACT_FIELD_NAMES } from "../../provider/schema/contact";
import { loadForCli } from "./validate";

/** A YAML propertyName starting with this marks a field the console named at random. */
export const CONSOLE_FIELD_PREFIX = "console_";

function stagedField(key: string, entry: CustomPropertyEntry): StagedField {
  return {
    key,
    ...(entry.propertyName.startsWith(CONSOLE_FIELD_PREFIX) ? {} : { propertyName: entry.propertyName }),
    displayName: entry.displayName,
    propertyType: entry.propertyType,
    multiValued: entry.multiValued,
    ...(entry.i18nDisplayNames ? { i18nDisplayNames: entry.i18nDisplayNames } : {}),
    ...(entry.displayOrder !== undefined ? { displayOrder: entry.displayOrder } : {}),
  };
}

/** The POST body the provider would send for the entry's fields (canonical form, defaults written out). */
function stagedContact(key: string, entry: ContactEntry, readPhoto: (file: string) => Buffer): StagedContact {
  const body: Record<string, unknown> = {};
  const fields = entry.fields as Record<string, unknown>;
  for (const field of CONTACT_FIELD_NAMES) {
    const value = normalizeContactField(field, fields[field]);
    if (value !== undefined) body[field] = value;
  }
  return {
    key,
    body,
    tags: [...entry.tags],
    customValues: { ...entry.customProperties },
    ...(entry.photo ? { photo: { fileName: path.basename(entry.photo), bytes: readPhoto(entry.photo) } } : {}),
  };
}

/** A loaded desired state as plain objects for the emulator; `readPhoto` reads a photo's bytes by absolute path. */
export function stagedDomainOf(state: DesiredState, readPhoto: (file: string) => Buffer): StagedDomain {
  return {
    companyTags: Object.entries(state.tags).map(([key, tag]) => ({ key, contactTagName: tag.contactTagName })),
    userTags: Object.entries(state.userTags).map(([key, tag]) => ({ key, owner: tag.userId, contactTagName: tag.contactTagName })),
    customProperties: Object.entries(state.customProperties).map(([key, entry]) => stagedField(key, entry)),
    contacts: Object.entries(state.contacts).map(([key, entry]) => stagedContact(key, entry, readPhoto)),
  };
}

/** One line: what was staged, for the person who started the emulator. */
export function describeStaged(staged: StagedDomain, files: readonly string[]): string {
  const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
  const consoleNamed = staged.customProperties.filter((field) => field.propertyName === undefined).length;
  const photos = staged.contacts.filter((contact) => contact.photo).length;
  return (
    `imported ${files.join(", ")} as made in the app and admin console (no API call): ` +
    `${count(staged.companyTags.length, "tag")}, ${count(staged.userTags.length, "user tag")}, ` +
    `${count(staged.customProperties.length, "custom property", "custom properties")}` +
    `${consoleNamed > 0 ? ` (${consoleNamed} with a random propertyName, as the console names a field left empty)` : ""}, ` +
    `${count(staged.contacts.length, "contact")}, ${count(photos, "photo")}`
  );
}

export type ImportResult = { ok: true; staged: StagedDomain } | { ok: false; problems: string[] };

/**
 * Loads `files` with `vars` as `validate --var` does (every variable used needs a value) and
 * converts them; problems as FILE:LINE:COL: message.
 */
export function loadImport(files: string[], vars: Record<string, string>, log: (line: string) => void): ImportResult {
  const result = loadForCli({ files, vars, unknownVars: new Set(), varsRequired: true, notes: [] }, log);
  if (!result.ok) return { ok: false, problems: result.problems.map(formatProblem) };
  return { ok: true, staged: stagedDomainOf(result.state, (file) => readFileSync(file)) };
}
