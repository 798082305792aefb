/**
 * provider/schema is the bottom layer (issue 22): the declarations, the limits and the
 * comparison defaults live there, and nothing in it imports from a folder above it.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { replacedFields } from "../../../provider/dynamic-provider/custom-property";
import { CONTACT_SECRET_OUTPUTS } from "../../../provider/program/classes";
import { contactFieldFacts, CUSTOM_PROPERTY_REPLACING_FIELDS, SECRET_CONTACT_FIELD_NAMES, USER_TAG_REPLACING_FIELDS, COMPANY_TAG_REPLACING_FIELDS } from "../../../provider/schema";

const schemaDir = path.join(__dirname, "..", "..", "..", "provider", "schema");
const importsOf = (file: string) =>
  [...fs.readFileSync(file, "utf8").matchAll(/(?:^|\n)\s*(?:import|export)[^;]*?from\s+"([^"]+)"/g)].map((match) => match[1]!);

describe("provider/schema is the bottom layer", () => {
  const files = fs.readdirSync(schemaDir).filter((name) => name.endsWith(".ts"));

  it("has files to check", () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it("imports nothing from another folder of provider/ (only its own files and packages)", () => {
    const outward = files.flatMap((name) => importsOf(path.join(schemaDir, name)).filter((spec) => spec.startsWith("..")).map((spec) => `${name}: ${spec}`));
    expect(outward).toEqual([]);
  });
});

describe("the declaration drives the resources", () => {
  it("the secret fields are the ones declared secret, for the state, the YAML option and the stack config alike", () => {
    const declared = Object.entries(contactFieldFacts).filter(([, fact]) => (fact as { secret?: true }).secret === true).map(([name]) => name);
    expect(declared).toEqual(["memo", "customProperties"]);
    expect(SECRET_CONTACT_FIELD_NAMES).toEqual(declared);
    // One list: the deprecated public name is the same object.
    expect(CONTACT_SECRET_OUTPUTS).toBe(SECRET_CONTACT_FIELD_NAMES);
  });

  it("the fields that replace are the ones declared immutable, and the custom property diff uses them", () => {
    expect(CUSTOM_PROPERTY_REPLACING_FIELDS).toEqual(["propertyName", "propertyType", "multiValued"]);
    expect(USER_TAG_REPLACING_FIELDS).toEqual(["userId"]);
    expect(COMPANY_TAG_REPLACING_FIELDS).toEqual([]);
    const current = { propertyName: "crm", displayName: "CRM", propertyType: "STRING" as const, multiValued: false };
    expect(replacedFields(current, { ...current, displayName: "CRM 2" })).toEqual([]);
    expect(replacedFields(current, { ...current, propertyType: "LINK", multiValued: true })).toEqual(["propertyType", "multiValued"]);
  });
});
