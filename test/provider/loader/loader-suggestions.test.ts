/**
 * Issue 23 item 3: "did you mean" for unknown fields, entry keys and references; a display
 * name used in place of a key names the key. The corpus (test/provider/loader/invalid/suggest-*.yaml) checks
 * the same texts through `validate`; these check the choice of names.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { formatProblem, loadDesiredState } from "../../../provider/desired-state";
import { entryFieldNames, fieldNamesAt } from "../../../provider/loader/field-names";
import { closestNames, didYouMean } from "../../../provider/schema/suggest";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lwc-suggest-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let counter = 0;
function problems(text: string): string[] {
  const name = `s${++counter}.yaml`;
  fs.writeFileSync(path.join(dir, name), `version: 1\n${text}`);
  const result = loadDesiredState([name], {}, { baseDir: dir, checkPhotoFiles: false });
  return result.ok ? [] : result.problems.map((problem) => formatProblem(problem).replace(/^s\d+\.yaml:/, ""));
}

const person = (extra: string) => `contacts:
  taro:
    permission: { masterUserId: admin@example.com, accessibleRange: ALL }
    contactName: { lastName: Tanaka }
    emails: [{ email: taro@example.com }]
${extra}`;

describe("closest names", () => {
  it("a typo, a swap of two letters, another case", () => {
    expect(closestNames("emials", ["emails", "memo", "events"])).toEqual(["emails"]);
    expect(closestNames("vpi", ["vip", "press"])).toEqual(["vip"]);
    expect(closestNames("Telephones", ["telephones", "emails"])).toEqual(["telephones"]);
    expect(closestNames("contactTagNmae", ["contactTagName", "adopt"])).toEqual(["contactTagName"]);
  });

  it("nothing when nothing is close, nor for the name itself", () => {
    expect(closestNames("nosuch", ["vip", "partner", "prospect", "press", "supplier", "sales-followup"])).toEqual([]);
    expect(closestNames("ab", ["xy"])).toEqual([]);
    expect(closestNames("vip", ["vip"])).toEqual([]);
    expect(didYouMean("zzz", ["vip"])).toBe("");
  });

  it("ties are all named", () => {
    expect(didYouMean("tag-1", ["tag-2", "tag-3", "other"])).toBe(`; did you mean "tag-2" or "tag-3"?`);
  });
});

describe("known field names come from the declarations", () => {
  it("an entry's YAML fields, nested fields, custom value fields", () => {
    expect(entryFieldNames("tags")).toEqual(expect.arrayContaining(["contactTagName", "adopt", "previousKeys", "protect", "retainOnDelete", "ignoreChanges"]));
    expect(entryFieldNames("tags")).not.toContain("contactTagId");
    expect(entryFieldNames("contacts")).toContain("tags");
    expect(entryFieldNames("contacts")).not.toContain("contactTagIds");
    expect(fieldNamesAt("contacts", ["contactName"])).toContain("firstName");
    expect(fieldNamesAt("contacts", ["emails", 0])).toContain("primary");
    expect(fieldNamesAt("contacts", ["customProperties", "crm_link", 1])).toEqual(expect.arrayContaining(["content", "text", "link", "represent"]));
    expect(fieldNamesAt("contacts", ["memo"])).toEqual([]);
  });
});

describe("in the loader", () => {
  it("an unknown field of an email names the email's field; a misspelt required field is one problem", () => {
    expect(problems(person("    telephones: [{ type: CELLPHONE, telephon: \"090\" }]\n"))).toEqual([
      `7:37: contacts.taro.telephones[0].telephon: unknown field "telephon"; did you mean "telephone"?`,
    ]);
  });

  it("a tag's display name, from tags or userTags, names its key", () => {
    const tags = "tags:\n  vip: { contactTagName: VIP }\nuserTags:\n  mine: { userId: u@example.com, contactTagName: VIP }\n";
    expect(problems(`${tags}${person("    tags: [VIP]\n")}`)).toEqual([
      `11:12: contacts.taro.tags[0]: unknown tag "VIP": "VIP" is the contactTagName of tags.vip and the contactTagName of userTags.mine; reference it by its key: vip or mine`,
    ]);
  });

  it("a property's propertyName or displayName names its key", () => {
    const property = "customProperties:\n  crm: { propertyName: crm_link, displayName: CRM link, propertyType: LINK }\n";
    expect(problems(`${property}${person("    customProperties:\n      CRM link: { link: \"https://crm.example/1\" }\n")}`)).toEqual([
      `10:7: contacts.taro.customProperties["CRM link"]: unknown custom property "CRM link": "CRM link" is the displayName of customProperties.crm; reference it by its key: crm`,
    ]);
  });

  it("an unknown reference with no close key gets no suggestion", () => {
    expect(problems(`tags:\n  vip: { contactTagName: VIP }\n${person("    tags: [nosuch]\n")}`)).toEqual([
      `9:12: contacts.taro.tags[0]: unknown tag "nosuch": no key "nosuch" in tags or userTags`,
    ]);
  });

  it("a misspelt top-level key and a removal of a misspelt key", () => {
    expect(problems("contact:\n  taro: null\n")).toEqual([
      `2:1: unknown key "contact" at the top level; did you mean "contacts"? (expected one of version, adopt, tags, userTags, customProperties, contacts, or x-NAME for your own use)`,
    ]);
  });
});
