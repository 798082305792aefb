/**
 * `export --split DIR`: one file per section with entries, in the order
 * `lineworks-contacts:files` lists them (tags before the contacts that name them), and the
 * `pulumi config set` line that lists them.
 */
import { SECTION_NAMES, type SectionName } from "../loader/format";
import { renderDocument, type RenderInput } from "./export-render";

export const SPLIT_FILE_NAMES: Readonly<Record<SectionName, string>> = {
  tags: "tags.yaml",
  userTags: "user-tags.yaml",
  customProperties: "custom-properties.yaml",
  contacts: "contacts.yaml",
};

export interface SplitFile {
  /** File name inside DIR, e.g. `tags.yaml`. */
  name: string;
  text: string;
}

/** One document per section that has entries; `headerOf` gives each its comment lines. */
export function splitDocuments(input: Omit<RenderInput, "header">, headerOf: (section: SectionName) => string[]): SplitFile[] {
  const files: SplitFile[] = [];
  for (const section of SECTION_NAMES) {
    const entries = input.sections[section];
    if (!entries || Object.keys(entries).length === 0) continue;
    files.push({ name: SPLIT_FILE_NAMES[section], text: renderDocument({ sections: { [section]: entries }, ids: input.ids, header: headerOf(section) }) });
  }
  return files;
}

/** The shell line that lists `paths` (relative to the project) as the stack's files. */
export function filesConfigCommand(paths: readonly string[]): string {
  const json = JSON.stringify(paths);
  return `pulumi config set lineworks-contacts:files '${json.replaceAll("'", "'\\''")}'`;
}
