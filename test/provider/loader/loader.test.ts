import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { Alias } from "yaml";
import { formatProblem, loadDesiredState, type LoadResult } from "../../../provider/desired-state";
import { MAX_ALIAS_VALUES } from "../../../provider/loader/source";
import { substituteVariables } from "../../../provider/loader/variables";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lwc-desired-state-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let counter = 0;
function file(text: string, name = `f${++counter}.yaml`): string {
  fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
  fs.writeFileSync(path.join(dir, name), text);
  return name;
}

function load(files: string[], vars: Record<string, string> = {}): LoadResult {
  return loadDesiredState(files, vars, { baseDir: dir });
}

function ok(result: LoadResult) {
  if (!result.ok) throw new Error(result.problems.map(formatProblem).join("\n"));
  return result.state;
}

function problems(result: LoadResult): string[] {
  if (result.ok) throw new Error("expected problems");
  return result.problems.map(formatProblem);
}

const contact = (extra = "") => `
contacts:
  taro:
    permission: { masterUserId: admin@example.com, accessibleRange: ALL }
    contactName: { lastName: Tanaka }
    emails: [{ email: taro@example.com, primary: true }]
${extra}`;

describe("overlays", () => {
  const base = file(`version: 1
tags:
  vip: { contactTagName: VIP }
  old: { contactTagName: Old }
${contact("    memo: base memo\n    tags: [vip]")}`);

  it("a later entry replaces only the fields it sets", () => {
    const over = file(`version: 1\ncontacts:\n  taro:\n    memo: prod memo\n`);
    const state = ok(load([base, over]));
    expect(state.contacts.taro!.fields.memo).toBe("prod memo");
    expect(state.contacts.taro!.fields.emails).toEqual([{ email: "taro@example.com", primary: true }]);
    expect(state.contacts.taro!.tags).toEqual(["vip"]);
  });

  it("a field set to null is removed; an entry set to null is removed", () => {
    const over = file(`version: 1\ntags:\n  old: null\ncontacts:\n  taro:\n    memo: null\n`);
    const state = ok(load([base, over]));
    expect(Object.keys(state.tags)).toEqual(["vip"]);
    expect(state.contacts.taro!.fields).not.toHaveProperty("memo");
  });

  it("adds entries and keeps file order, base entries first", () => {
    const over = file(`version: 1\ntags:\n  partner: { contactTagName: Partner }\n  vip: { contactTagName: VIP customers }\n`);
    const state = ok(load([base, over]));
    expect(Object.keys(state.tags)).toEqual(["vip", "old", "partner"]);
    expect(state.tags.vip!.contactTagName).toBe("VIP customers");
  });

  it("positions point into the file that set the field", () => {
    const over = file(`version: 1\ncontacts:\n  taro:\n    memo: 42\n`);
    expect(problems(load([base, over]))).toEqual([`${over}:4:11: contacts.taro.memo: must be a string, not number (put it in quotes in YAML)`]);
  });

  it("a reference broken by an overlay is reported where the reference is", () => {
    const over = file(`version: 1\ntags:\n  vip: null\n`);
    expect(problems(load([base, over]))).toEqual([`${base}:12:12: contacts.taro.tags[0]: unknown tag "vip": no key "vip" in tags or userTags`]);
  });

  it("later top-level adopt wins; an entry's own adopt wins over both", () => {
    const a = file(`version: 1\nadopt: true\ntags:\n  a: { contactTagName: A }\n  b: { contactTagName: B, adopt: false }\n`);
    const state = ok(load([a]));
    expect([state.tags.a!.adopt, state.tags.b!.adopt]).toEqual([true, false]);
    const off = file(`version: 1\nadopt: false\n`);
    expect(ok(load([a, off])).tags.a!.adopt).toBe(false);
  });
});

describe("variables", () => {
  it("substitutes ${vars.NAME} anywhere in a string, and $${ is a literal ${", () => {
    expect(substituteVariables("${vars.a}-x-${vars.b_2}", { a: "1", b_2: "2" })).toEqual({ value: "1-x-2", problems: [], unset: [] });
    expect(substituteVariables("cost $${vars.a}", { a: "1" }).value).toBe("cost ${vars.a}");
  });

  it("reports each undefined variable once, at its first column in any quoting, with the others and the config key to set", () => {
    const f = file(`version: 1
userTags:
  a: { userId: "x-\${vars.missing}", contactTagName: A }
  b: { userId: '\${vars.other}', contactTagName: "\${vars.missing}" }
`);
    expect(problems(load([f]))).toEqual([
      `${f}:3:19: undefined variable \${vars.missing}: set it with pulumi config set --path 'lineworks-contacts:vars.missing' VALUE (also at 4:50)`,
      `${f}:4:17: undefined variable \${vars.other}: set it with pulumi config set --path 'lineworks-contacts:vars.other' VALUE`,
    ]);
  });

  it("values from vars are checked like literal values", () => {
    const f = file(`version: 1\ntags:\n  a: { contactTagName: "\${vars.name}" }\n`);
    expect(ok(load([f], { name: "営業部" })).tags.a!.contactTagName).toBe("営業部");
    expect(problems(load([f], { name: "x".repeat(31) }))).toEqual([`${f}:3:24: tags.a.contactTagName: must be at most 30 characters`]);
  });
});

describe("references and entries", () => {
  it("resolves contact tags to tag/userTag keys and custom values to property keys", () => {
    const f = file(`version: 1
tags: { vip: { contactTagName: VIP } }
userTags: { mine: { userId: sales@example.com, contactTagName: Mine } }
customProperties:
  crm: { propertyName: crm_link, displayName: CRM, propertyType: LINK, previousKeys: [crm-old] }
  notes: { propertyName: notes, displayName: Notes, propertyType: STRING, multiValued: true }
${contact(`    tags: [vip, mine]
    customProperties:
      crm: { text: CRM, link: "https://crm.example/1" }
      notes: [{ content: a, represent: true }, { content: b }]`)}`);
    const state = ok(load([f]));
    expect(state.contacts.taro!.tags).toEqual(["vip", "mine"]);
    expect(state.contacts.taro!.customProperties).toEqual({
      crm: { text: "CRM", link: "https://crm.example/1" },
      notes: [{ content: "a", represent: true }, { content: "b" }],
    });
    expect(state.customProperties.crm).toMatchObject({ propertyName: "crm_link", multiValued: false, previousKeys: ["crm-old"] });
    expect(state.customProperties.notes!.multiValued).toBe(true);
  });

  it("resolves a photo against the file that names it", () => {
    fs.mkdirSync(path.join(dir, "team", "photos"), { recursive: true });
    fs.writeFileSync(path.join(dir, "team", "photos", "taro.jpg"), Buffer.from([0xff, 0xd8, 0xff]));
    const f = file(`version: 1\n${contact("    photo: photos/taro.jpg")}`, "team/contacts.yaml");
    expect(ok(load([f])).contacts.taro!.photo).toBe(path.join(dir, "team", "photos", "taro.jpg"));
  });

  it("reports every problem of every file at once, in file order", () => {
    const a = file(`version: 1\ntags:\n  a: { contactTagName: "" }\n  b: { contactTagName: B, colour: red }\n`);
    const b = file(`version: 3\ncustomProperties:\n  p: { propertyName: 1p, displayName: P, propertyType: STRING }\n`);
    const list = problems(load([a, b]));
    expect(list).toEqual([
      `${a}:3:24: tags.a.contactTagName: must not be empty`,
      `${a}:4:27: tags.b.colour: unknown field "colour"`,
      `${b}:1:10: unsupported version 3: this tool reads version 1`,
      `${b}:3:22: customProperties.p.propertyName: must start with a letter or _ and contain only letters, digits and _`,
    ]);
  });

  it("a missing file is a problem at 1:1, not an exception", () => {
    expect(problems(load(["nowhere.yaml"]))).toEqual(["nowhere.yaml:1:1: cannot read desired-state file: file not found"]);
  });

  it("an empty list of files is an empty state", () => {
    expect(ok(load([]))).toEqual({ tags: {}, userTags: {}, customProperties: {}, contacts: {} });
  });
});

describe("offline validation without variable values", () => {
  const text = `version: 1
userTags:
  followup: { userId: "\${vars.lead}", contactTagName: Follow up }
contacts:
  taro:
    permission: { masterUserId: "\${vars.owner}", accessibleRange: ALL }
    contactName: { lastName: Tanaka }
    emails: [{ email: not-an-email, primary: true }]
`;

  it("leaves unset variables unchecked, notes where they are, and still reports every other problem", () => {
    const name = file(text);
    const result = loadDesiredState([name], {}, { baseDir: dir, unsetVariables: "unchecked" });
    expect(problems(result)).toEqual([expect.stringMatching(new RegExp(`^${name}:8:23: .*email`))]);
    expect(result.unsetVariables.map((v) => `${v.file}:${v.line}:${v.col} ${v.name}`)).toEqual([`${name}:3:24 lead`, `${name}:6:34 owner`]);
  });

  it("reports them as undefined variables by default", () => {
    const name = file(text);
    expect(problems(load([name]))).toEqual([
      `${name}:3:24: undefined variable \${vars.lead}: set it with pulumi config set --path 'lineworks-contacts:vars.lead' VALUE`,
      `${name}:6:34: undefined variable \${vars.owner}: set it with pulumi config set --path 'lineworks-contacts:vars.owner' VALUE`,
      expect.stringMatching(new RegExp(`^${name}:8:23: .*email`)),
    ]);
  });
});

describe("version", () => {
  it("may be left out, as every section is optional; another version is refused", () => {
    expect(ok(load([file("tags:\n  vip: { contactTagName: VIP }\n")])).tags.vip).toBeDefined();
    expect(problems(load([file("version: 2\n")]))).toEqual([expect.stringContaining("unsupported version 2")]);
  });
});

describe("resource options (protect, retainOnDelete, ignoreChanges)", () => {
  it("are read from every section, and overlays set and unset them like any field", () => {
    const base = file(`version: 1
tags: { vip: { contactTagName: VIP, protect: true } }
userTags: { mine: { userId: sales@example.com, contactTagName: Mine, retainOnDelete: true } }
customProperties:
  crm: { propertyName: crm_link, displayName: CRM, propertyType: LINK, ignoreChanges: [displayName, displayOrder] }
${contact("    ignoreChanges: [memo, tags, customProperties, photo]\n    retainOnDelete: true")}`);
    const state = ok(load([base]));
    expect(state.tags.vip).toMatchObject({ protect: true, retainOnDelete: false, ignoreChanges: [] });
    expect(state.userTags.mine).toMatchObject({ protect: false, retainOnDelete: true });
    expect(state.customProperties.crm!.ignoreChanges).toEqual(["displayName", "displayOrder"]);
    expect(state.customProperties.crm).not.toHaveProperty("protect", true);
    expect(state.contacts.taro).toMatchObject({ ignoreChanges: ["memo", "tags", "customProperties", "photo"], retainOnDelete: true });
    expect(state.contacts.taro!.fields).not.toHaveProperty("ignoreChanges");
    expect(state.contacts.taro!.fields).not.toHaveProperty("retainOnDelete");

    const over = file(`version: 1\ntags: { vip: { protect: null } }\ncontacts: { taro: { ignoreChanges: [telephones], retainOnDelete: false } }\n`);
    const overlaid = ok(load([base, over]));
    expect(overlaid.tags.vip!.protect).toBe(false);
    expect(overlaid.contacts.taro).toMatchObject({ ignoreChanges: ["telephones"], retainOnDelete: false });
  });

  it("an unknown field name, a non-boolean flag or a non-list is an error at its position", () => {
    const f = file(`version: 1
tags:
  vip: { contactTagName: VIP, protect: "yes", ignoreChanges: [memo] }
  old: { contactTagName: Old, retainOnDelete: 1, ignoreChanges: contactTagName }
${contact("    ignoreChanges: [memo, contactTagIds, memo]")}`);
    expect(problems(load([f]))).toEqual([
      `${f}:3:40: tags.vip.protect: must be true or false, not "yes"`,
      `${f}:3:63: tags.vip.ignoreChanges[0]: unknown field "memo" for tags (expected one of contactTagName)`,
      `${f}:4:47: tags.old.retainOnDelete: must be true or false, not number 1`,
      `${f}:4:65: tags.old.ignoreChanges: must be a list of field names of this entry, not "contactTagName"`,
      expect.stringMatching(new RegExp(`^${f}:11:27: contacts.taro.ignoreChanges\\[1\\]: unknown field "contactTagIds" for contacts \\(expected one of permission, .*, tags, photo\\)$`)),
      `${f}:11:42: contacts.taro.ignoreChanges[2]: "memo" is listed twice`,
    ]);
  });
});

describe("YAML hardening", () => {
  it("nested aliases (a billion laughs) fail at once, at the alias that expands too far", () => {
    const f = file(`version: 1
x-a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
x-b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
x-c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
x-d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
x-e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
x-f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
x-g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
x-h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
`);
    // Counted, not timed: every alias the loader follows is one resolve(). Unguarded, this file
    // expands 9 + 9^2 + ... + 9^7 (about 5.4 million) times; the guard stops near its budget.
    const resolve = vi.spyOn(Alias.prototype, "resolve");
    let list: string[];
    try {
      list = problems(load([f]));
      expect(resolve.mock.calls.length).toBeGreaterThan(MAX_ALIAS_VALUES / 9);
      expect(resolve.mock.calls.length).toBeLessThan(MAX_ALIAS_VALUES);
    } finally {
      resolve.mockRestore();
    }
    expect(list).toHaveLength(1);
    expect(list[0]).toMatch(new RegExp(`^${f}:\\d+:\\d+: YAML aliases expand to more than 100000 values`));
  });

  it("top-level x- keys are ignored, so shared blocks can be anchored there", () => {
    const f = file(`version: 1
x-owner: &owner { masterUserId: admin@example.com, accessibleRange: ALL }
contacts:
  taro: { permission: *owner, contactName: { lastName: Tanaka }, emails: [{ email: taro@example.com }] }
  hana: { permission: *owner, contactName: { lastName: Sato }, emails: [{ email: hana@example.com }] }
`);
    const state = ok(load([f]));
    expect(state.contacts.hana!.fields.permission).toEqual({ masterUserId: "admin@example.com", accessibleRange: "ALL" });
    expect(problems(load([file("version: 1\nowner: x\n")]))).toEqual([expect.stringContaining('unknown key "owner" at the top level')]);
  });
});

describe("resource options for the component", () => {
  it("map YAML field names to the resource's inputs, and refuse unknown ones from a state built in code", async () => {
    const { pulumiResourceOptions } = await import("../../../provider/loader/resource-options");
    expect(pulumiResourceOptions("contacts", { protect: true, ignoreChanges: ["tags", "memo", "customProperties"] })).toEqual({
      protect: true,
      ignoreChanges: ["contactTagIds", "memo", "customProperties"],
    });
    expect(pulumiResourceOptions("tags", { protect: false, retainOnDelete: true, ignoreChanges: [] })).toEqual({ retainOnDelete: true });
    expect(() => pulumiResourceOptions("tags", { ignoreChanges: ["memo"] })).toThrow(/tags: ignoreChanges: unknown field "memo"/);
  });
});
