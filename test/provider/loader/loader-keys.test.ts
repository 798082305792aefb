/**
 * Issue 19 item 3: keys Pulumi can carry (one pattern, for YAML and for a state built in code),
 * and errors without echoes (a file, section or entry that cannot be read hides nothing but
 * what follows from it).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { formatProblem, loadDesiredState, type DesiredState } from "../../../provider/desired-state";
import { isValidKey, keyProblem, stateKeyProblems } from "../../../provider/loader/keys";
import { repoRoot } from "../../support/repo-root";
import { waitFor } from "../../support/wait-for";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lwc-keys-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function problemsOf(files: Record<string, string>, order = Object.keys(files), vars: Record<string, string> = {}): string[] {
  const sub = fs.mkdtempSync(path.join(dir, "case-"));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(sub, name), text);
  const result = loadDesiredState(order, vars, { baseDir: sub, checkPhotoFiles: false });
  return result.ok ? [] : result.problems.map(formatProblem);
}

describe("the key pattern", () => {
  it("accepts every key of the examples and the keys export makes", () => {
    for (const key of ["vip", "tanaka-taro", "sales-followup", "account-notes", "crm", "contact-0001", "a", "x".repeat(100)]) {
      expect(keyProblem(key), key).toBeUndefined();
    }
  });

  it("accepts letters of any script, with combining marks, digits, - _ .", () => {
    for (const key of ["取引先", "田中_太郎", "kim.minjun", "か\u3099", "Ünal-2", "v1.2_beta"]) expect(isValidKey(key), key).toBe(true);
  });

  it("refuses what Pulumi cannot carry or a user cannot see, and says why", () => {
    expect(keyProblem("")).toMatch(/^the key is empty; a key is 1 to 100 characters/);
    expect(keyProblem("x".repeat(101))).toMatch(/^the key has 101 characters/);
    expect(keyProblem("a::b")).toMatch(/^the key contains "::" \(the separator of Pulumi's URNs\)/);
    expect(keyProblem("vip\u0007")).toMatch(/^the key contains the control character U\+0007/);
    expect(keyProblem(" vip")).toMatch(/^the key contains a space/);
    expect(keyProblem("vip\u200b")).toMatch(/^the key contains the invisible character U\+200B/);
    expect(keyProblem("a/b")).toMatch(/^the key contains "\/" \(U\+002F\)/);
  });

  it("every key of the examples is valid", () => {
    let checked = 0;
    for (const example of ["basic", "promotion"]) {
      const folder = path.join(repoRoot, "examples", example);
      const files = fs.readdirSync(folder, { recursive: true }).map(String).filter((name) => /\.yaml$/.test(name) && !name.startsWith("Pulumi"));
      for (const file of files) {
        const doc: unknown = parse(fs.readFileSync(path.join(folder, file), "utf8"));
        const sections = ["tags", "userTags", "customProperties", "contacts"].map((name) => (doc as Record<string, unknown> | null)?.[name]);
        for (const section of sections.filter((value): value is Record<string, { previousKeys?: string[] } | null> => typeof value === "object" && value !== null)) {
          for (const [key, entry] of Object.entries(section)) {
            for (const name of [key, ...(entry?.previousKeys ?? [])]) {
              expect(isValidKey(name), `${example}/${file}: ${name}`).toBe(true);
              checked++;
            }
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(20);
  });
});

describe("keys in the files", () => {
  it("are checked at the key's FILE:LINE:COL, previousKeys at the item's; other entries still load", () => {
    const problems = problemsOf({
      "a.yaml": 'version: 1\ntags:\n  "": { contactTagName: Empty }\n  "a::b": { contactTagName: AB }\n  ok: { contactTagName: OK, previousKeys: ["old key"] }\n',
    });
    expect(problems).toEqual([
      `a.yaml:3:3: tags[""]: invalid key: the key is empty; a key is 1 to 100 characters, each a letter, a digit, "-", "_" or "."`,
      `a.yaml:4:3: tags["a::b"]: invalid key: the key contains "::" (the separator of Pulumi's URNs); a key is 1 to 100 characters, each a letter, a digit, "-", "_" or "."`,
      `a.yaml:5:44: tags.ok.previousKeys[0]: invalid previous key "old key": the key contains a space; a key is 1 to 100 characters, each a letter, a digit, "-", "_" or "."`,
    ]);
  });
});

describe("a state built in code", () => {
  const good: DesiredState = { tags: { vip: { contactTagName: "VIP", adopt: false, previousKeys: [] } }, userTags: {}, customProperties: {}, contacts: {} };
  const bad: DesiredState = {
    ...good,
    tags: { ...good.tags, "": { contactTagName: "Empty", adopt: false, previousKeys: ["a::b"] } },
  };

  it("lists every bad key and previous key", () => {
    expect(stateKeyProblems(good)).toEqual([]);
    expect(stateKeyProblems(bad)).toEqual([
      `tags[""]: invalid key: the key is empty; a key is 1 to 100 characters, each a letter, a digit, "-", "_" or "."`,
      `tags[""].previousKeys[0]: invalid key "a::b": the key contains "::" (the separator of Pulumi's URNs); a key is 1 to 100 characters, each a letter, a digit, "-", "_" or "."`,
    ]);
  });

  it("makes LineWorksContacts throw before it registers anything", async () => {
    const registered: string[] = [];
    await pulumi.runtime.setMocks(
      {
        newResource: (args) => {
          registered.push(args.name);
          return { id: `${args.name}-id`, state: args.inputs };
        },
        call: () => ({}),
      },
      "project",
      "stack",
      true,
    );
    const { LineWorksContacts } = await import("../../../provider/program/component");
    expect(() => new LineWorksContacts("bad", { state: bad })).toThrow(/LineWorksContacts: 2 invalid keys in the state[\s\S]*tags\[""\]: invalid key: the key is empty/);
    // The mocks see what a good state registers: the component, the stack's tenant record and its tag.
    new LineWorksContacts("good", { state: good });
    await waitFor("the good state's registrations", () => registered.length >= 3);
    expect(registered.sort()).toEqual(["good", "tenant", "vip"]);
  });
});

describe("errors without echoes", () => {
  const company = fs.readFileSync(path.join(repoRoot, "examples", "basic", "company.yaml"), "utf8");
  const contacts = fs.readFileSync(path.join(repoRoot, "examples", "basic", "contacts.yaml"), "utf8");
  const vars = { owner: "admin@example.com", salesLead: "sales@example.com" };
  const load = (companyText: string) => problemsOf({ "company.yaml": companyText, "contacts.yaml": contacts }, ["company.yaml", "contacts.yaml"], vars);

  it("the example is valid as it is", () => {
    expect(load(company)).toEqual([]);
  });

  it.each([
    ["an entry indented one space less", /^ {2}vip:/m, " vip:"],
    ["an entry indented one space more", /^ {2}partner:/m, "   partner:"],
    ["an entry not indented", /^ {2}vip:/m, "vip:"],
    ["a property indented one space less", /^ {2}crm:/m, " crm:"],
  ])("one wrong indentation in company.yaml (%s) is one problem, in company.yaml", (_, from, to) => {
    const problems = load(company.replace(from, to));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^company\.yaml:\d+:\d+: YAML syntax: /);
  });

  it("a misspelt section is one problem, with the section it meant", () => {
    expect(load(company.replace(/^tags:/m, "tag:"))).toEqual([
      `company.yaml:7:1: unknown key "tag" at the top level; did you mean "tags"? (expected one of version, adopt, tags, userTags, customProperties, contacts, or x-NAME for your own use)`,
    ]);
  });

  it("an entry that is not a map hides no reference to it; a property that is not a map hides no value for it", () => {
    const broken = company.replace("vip: { contactTagName: VIP }", "vip: VIP").replace(/^ {2}account-notes:\n(?: {4}.*\n)+/m, "  account-notes: notes\n");
    expect(load(broken).map((line) => line.replace(/:\d+:\d+:/, ":L:C:"))).toEqual([
      `company.yaml:L:C: tags.vip: expected a map of fields (or null to remove the entry), got the string "VIP"`,
      `company.yaml:L:C: customProperties.account-notes: expected a map of fields (or null to remove the entry), got the string "notes"`,
    ]);
  });

  it("duplicates and removals are checked once every file is read", () => {
    const files = {
      "a.yaml": "version: 1\ntags:\n  a: { contactTagName: Same }\n",
      "b.yaml": "version: 1\ntags:\n  b: { contactTagName: Same }\n  gone: null\n",
      "c.yaml": "version: 1\ntags:\n  a: { contactTagName: Other }\n   x: 1\n",
    };
    // c.yaml first: what it would define is unknown, so the later removal and duplicate may be echoes.
    expect(problemsOf(files, ["c.yaml", "a.yaml", "b.yaml"])).toEqual(["c.yaml:4:1: YAML syntax: All mapping items must start at the same column"]);
    const fixed = { ...files, "c.yaml": "version: 1\ntags:\n  a: { contactTagName: Other }\n" };
    expect(problemsOf(fixed, ["c.yaml", "a.yaml", "b.yaml"])).toEqual([
      "b.yaml:3:24: tags.b.contactTagName: duplicate tag name \"Same\": also used by tags.a (a.yaml:3:24)",
      "b.yaml:4:3: tags.gone: null removes an entry, but no earlier file defines tags.gone",
    ]);
  });
});
