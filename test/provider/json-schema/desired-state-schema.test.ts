/**
 * The JSON Schema for editors (provider/json-schema/json-schema.ts, shipped as
 * dist/schema/desired-state.schema.json), checked with a standard validator (ajv, strict mode):
 * every example and good fixture passes; every bad fixture of test/provider/loader/invalid that one file can
 * show is rejected at the line `validate` reports; the ones it cannot show are listed below
 * with the reason, and must pass (so the list stays true). Every example names the schema on
 * its first line.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import Ajv, { type ErrorObject } from "ajv";
import { isMap, isSeq, LineCounter, parseDocument, type Node } from "yaml";
import { describe, expect, it } from "vitest";
import { desiredStateJsonSchema } from "../../../provider/json-schema/json-schema";
import { entryFieldNames } from "../../../provider/loader/field-names";
import { SECTION_NAMES } from "../../../provider/loader/format";
import { invalidCases, invalidDir } from "../loader/corpus";
import { repoRoot } from "../../support/repo-root";

const SCHEMA_FILE = path.join(repoRoot, "dist", "schema", "desired-state.schema.json");
const SCHEMA_LINE = /^# yaml-language-server: \$schema=(\S+)$/;

/** Bad fixtures one file cannot show, by reason: `validate` reports them. */
const BEYOND_ONE_FILE: Record<string, string[]> = {
  "a reference to another entry, or what it refers to (a property's type, a tag's key)": [
    "contact-unknown-custom-property.yaml",
    "contact-unknown-tag.yaml",
    "custom-value-single-for-multi.yaml",
    "custom-value-wrong-type.yaml",
    "overlay-custom-value-shape.yaml",
    "overlay-tag-to-removed-tag.yaml",
    "suggest-property-key.yaml",
    "suggest-property-name.yaml",
    "suggest-tag-display-name.yaml",
    "suggest-tag-key.yaml",
  ],
  "an entry's required fields (a later file may set only some of them)": [
    "contact-missing-permission.yaml",
    "contact-without-email-or-telephone.yaml",
    "user-tag-missing-user.yaml",
  ],
  "overlays of earlier files": ["overlay-removes-unknown-entry.yaml", "suggest-removed-entry.yaml", "echo-after-syntax-error.yaml"],
  "limits across entries (duplicates, counts, keys in use)": [
    "previous-key-still-in-use.yaml",
    "property-duplicate-name.yaml",
    "property-six-per-domain.yaml",
    "tag-duplicate-name.yaml",
    "user-tag-duplicate-name.yaml",
    "user-tag-key-clash.yaml",
  ],
  "variables (their values, their syntax)": ["undefined-variable.yaml", "unsupported-substitution.yaml"],
  "rules of the provider not declared per field (a calendar date, a name part)": ["event-impossible-date.yaml", "contact-name-without-last-or-first.yaml"],
  "the file system": ["photo-missing.yaml"],
};
const beyond = new Set(Object.values(BEYOND_ONE_FILE).flat());

function compile() {
  const ajv = new Ajv({ allErrors: true, strict: true });
  return ajv.compile(desiredStateJsonSchema());
}

function read(file: string) {
  const text = fs.readFileSync(file, "utf8");
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true });
  return { text, doc, lineCounter, syntaxError: doc.errors.length > 0 };
}

/** The lines an error points at: the node of its instance path, or the key it names. */
function errorLines(error: ErrorObject, doc: ReturnType<typeof parseDocument>, lineCounter: LineCounter): number[] {
  const segments = error.instancePath.split("/").slice(1).map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
  let node = doc.contents as Node | null;
  for (const segment of segments) {
    if (isMap(node)) node = (node.items.find((pair) => String((pair.key as { value?: unknown })?.value) === segment)?.value as Node) ?? null;
    else if (isSeq(node)) node = (node.items[Number(segment)] as Node) ?? null;
    else node = null;
  }
  const named = (error.params as { additionalProperty?: string; propertyName?: string }).additionalProperty ?? (error.params as { propertyName?: string }).propertyName;
  const lines: number[] = [];
  if (isMap(node) && named !== undefined) {
    const pair = node.items.find((item) => String((item.key as { value?: unknown })?.value) === named);
    const key = pair?.key as Node | undefined;
    if (key?.range) lines.push(lineCounter.linePos(key.range[0]).line);
  }
  if (node?.range) lines.push(lineCounter.linePos(node.range[0]).line);
  return lines;
}

function desiredStateFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && !entry.name.startsWith(".") && entry.name !== "node_modules") found.push(...desiredStateFiles(full));
    else if (/\.ya?ml$/.test(entry.name) && !/^Pulumi(Policy)?\./.test(entry.name) && entry.name !== "emulator-seed.yaml") found.push(full);
  }
  return found.sort();
}

describe("the desired-state JSON Schema", () => {
  const validate = compile();
  const examples = desiredStateFiles(path.join(repoRoot, "examples"));

  it("covers exactly the fields the loader reads, per section", () => {
    const schema = desiredStateJsonSchema() as { definitions: Record<string, { anyOf: [{ properties: Record<string, unknown> }] }> };
    const definition = { tags: "tag", userTags: "userTag", customProperties: "customProperty", contacts: "contact" } as const;
    for (const section of SECTION_NAMES) {
      const expected = entryFieldNames(section).filter((name) => section === "contacts" || name !== "secretFields");
      expect(Object.keys(schema.definitions[definition[section]]!.anyOf[0].properties).sort(), section).toEqual([...expected].sort());
    }
  });

  it("finds the examples' desired-state files", () => {
    expect(examples.map((file) => path.relative(repoRoot, file))).toEqual(
      expect.arrayContaining(["examples/basic/company.yaml", "examples/basic/contacts.yaml", "examples/promotion/desired/prod-overlay.yaml"]),
    );
  });

  it.each([...examples, path.join(invalidDir, "base", "base.yaml")].map((file) => [path.relative(repoRoot, file), file]))("%s passes", (_name, file) => {
    const { doc, syntaxError } = read(file);
    expect(syntaxError).toBe(false);
    const ok = validate(doc.toJS());
    expect(ok, JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it("every example starts with the yaml-language-server line naming the shipped schema", () => {
    for (const file of examples) {
      const first = fs.readFileSync(file, "utf8").split("\n")[0]!;
      const match = SCHEMA_LINE.exec(first);
      expect(match, `${path.relative(repoRoot, file)}: ${first}`).not.toBeNull();
      expect(path.resolve(path.dirname(file), match![1]!)).toBe(SCHEMA_FILE);
    }
  });

  it("rejects each bad fixture one file can show, at the line validate reports; passes the ones it cannot", () => {
    const failures: string[] = [];
    const names = new Set<string>();
    for (const testCase of invalidCases()) {
      names.add(testCase.name);
      const { doc, lineCounter, syntaxError } = read(path.join(invalidDir, testCase.file));
      if (syntaxError) {
        // A YAML language server reports syntax itself, before any schema.
        if (!testCase.name.startsWith("syntax-")) failures.push(`${testCase.name}: does not parse, yet is not a syntax-* case`);
        continue;
      }
      const ok = validate(doc.toJS());
      if (beyond.has(testCase.name)) {
        if (!ok) failures.push(`${testCase.name}: listed as beyond one file, but the schema rejects it: take it off BEYOND_ONE_FILE`);
        continue;
      }
      if (ok) {
        failures.push(`${testCase.name}: the schema accepts it; if one file cannot show it, add it to BEYOND_ONE_FILE with the reason`);
        continue;
      }
      const [file, line] = testCase.location.split(":");
      if (file !== testCase.file) continue; // reported in an earlier file
      const lines = validate.errors!.flatMap((error) => errorLines(error, doc, lineCounter));
      if (!lines.includes(Number(line))) failures.push(`${testCase.name}: rejected at lines ${[...new Set(lines)].join(", ")}, validate says line ${line}`);
    }
    for (const name of beyond) if (!names.has(name)) failures.push(`${name}: in BEYOND_ONE_FILE but not in test/provider/loader/invalid`);
    expect(failures).toEqual([]);
  });

  it("scripts/build-schema.js writes the generated schema (what the package ships)", () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lwc-schema-")), "schema.json");
    try {
      execFileSync(process.execPath, [path.join(repoRoot, "scripts", "build-schema.js"), out]);
      expect(JSON.parse(fs.readFileSync(out, "utf8"))).toEqual(desiredStateJsonSchema());
    } finally {
      fs.rmSync(path.dirname(out), { recursive: true, force: true });
    }
  });
});
