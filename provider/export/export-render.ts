/**
 * Writes exported sections as desired-state YAML: `version`, `adopt: true`, the sections in
 * their order, each entry's id as a comment above its key, leaf maps and lists on one line,
 * a literal `${` kept literal. The same input gives the same bytes.
 */
import { Document, isMap, isScalar, isSeq, type Node, type Pair, type Scalar, YAMLMap } from "yaml";
import { FORMAT_VERSION, SECTION_NAMES, type SectionName } from "../loader/format";

export type ExportSections = Partial<Record<SectionName, Record<string, object>>>;

export interface RenderInput {
  sections: ExportSections;
  /** `contactTagId: …` etc. by entry object, written as the comment above its key. */
  ids: ReadonlyMap<object, string>;
  /** Comment lines above the document (each without the leading `#`). */
  header: string[];
}

export function renderDocument({ sections, ids, header }: RenderInput): string {
  const root: Record<string, unknown> = { version: FORMAT_VERSION, adopt: true };
  for (const section of SECTION_NAMES) {
    const entries = sections[section];
    if (entries && Object.keys(entries).length > 0) root[section] = entries;
  }
  const doc = new Document(escapeSubstitutions(root));
  doc.commentBefore = header.map((line) => ` ${line}`).join("\n");
  for (const section of SECTION_NAMES) {
    const map = doc.get(section, true);
    if (!isMap(map)) continue;
    const plain = sections[section]!;
    for (const pair of map.items as Pair<Scalar, Node>[]) {
      const id = ids.get(plain[String(pair.key.value)]!);
      if (id) pair.key.commentBefore = ` ${id}`;
    }
  }
  compactLeaves(doc.contents as Node);
  return doc.toString({ lineWidth: 0 });
}

/** Strings in the document are read back with `${vars.X}` substitution: keep a literal `${` literal. */
function escapeSubstitutions(value: unknown): unknown {
  if (typeof value === "string") return value.replaceAll("${", () => "$${");
  if (Array.isArray(value)) return value.map(escapeSubstitutions);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, escapeSubstitutions(inner)]));
  }
  return value;
}

/** Maps and lists whose items are all scalars are written on one line: `{ email: x, primary: true }`. */
function compactLeaves(node: Node | null): void {
  if (isMap(node) || isSeq(node)) {
    const items = isMap(node) ? node.items.map((pair) => pair.value as Node) : (node.items as Node[]);
    const scalarsOnly = items.every((item) => isScalar(item) && !(typeof item.value === "string" && item.value.includes("\n")));
    if (scalarsOnly && items.length > 0 && !(node instanceof YAMLMap && items.length > 6)) node.flow = true;
    else items.forEach(compactLeaves);
    if (isSeq(node) && items.every((item) => isMap(item) && item.flow)) node.flow = false;
  }
}
