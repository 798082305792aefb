/**
 * Adding a field to a resource is one declaration plus its rule (issue 32): a custom property
 * declaration extended by one field, `description`, reaches validation, the request bodies, the
 * state, export, the audit's comparison, ignoreChanges and the JSON Schema through the derived
 * functions alone; a contact field declared `secret` joins the secret list the same way.
 */
import { describe, expect, it } from "vitest";
import { factSchema } from "../../../provider/json-schema/json-schema";
import {
  contactFieldFacts,
  createBody,
  customPropertyDefinitionFacts,
  customPropertyStateFacts,
  differingFields,
  fieldNames,
  flag,
  ignorableFields,
  object,
  patchBody,
  replacedFields,
  stateOf,
  strictSchema,
  text,
  withDefaults,
} from "../../../provider/schema";
import { projectOnto } from "../../../provider/schema/project";

// The one declaration: a field and its rule (at most 20 characters).
const description = text({ optional: true, max: 20 });
const definition = { ...customPropertyDefinitionFacts, description };
const inputs = object({ ...definition, adopt: flag({ optional: true, local: true }) });
const state = object({ ...customPropertyStateFacts.fields, description });

const desired = { propertyName: "crm", displayName: "CRM", propertyType: "STRING" as const, description: "Customer id" };
const live = { customPropertyId: "p1", domainId: 10, propertyName: "crm", displayName: "CRM", propertyType: "STRING", multiValued: false, description: "Old text" };

describe("one declared field reaches every layer", () => {
  it("validation: its rule holds, unknown fields still fail", () => {
    expect(strictSchema(inputs).safeParse(desired).success).toBe(true);
    expect(strictSchema(inputs).safeParse({ ...desired, description: "x".repeat(21) }).success).toBe(false);
    expect(strictSchema(object(customPropertyDefinitionFacts)).safeParse(desired).success).toBe(false);
  });

  it("the create and PATCH bodies carry it", () => {
    expect(createBody(definition, desired)).toEqual({ ...desired });
    expect(patchBody(definition, live, desired)).toEqual({ description: "Customer id" });
    expect(patchBody(definition, live, { ...desired, description: "Old text" })).toEqual({});
    expect(replacedFields(definition, live, desired)).toEqual([]);
  });

  it("the state records it (live value where it differs, desired spelling where it means the same)", () => {
    expect(stateOf(state.fields, live, desired)).toEqual({ customPropertyId: "p1", domainId: 10, propertyName: "crm", displayName: "CRM", propertyType: "STRING", description: "Old text" });
    expect(stateOf(state.fields, { ...live, description: "Customer id" }, desired).description).toBe("Customer id");
  });

  it("export writes it (and no longer reports it as a field the format does not model)", () => {
    const dropped: string[] = [];
    expect(withDefaults(inputs.fields, projectOnto(inputs, live, dropped))).toEqual({ propertyName: "crm", displayName: "CRM", propertyType: "STRING", multiValued: false, description: "Old text" });
    expect(dropped).toEqual(["customPropertyId", "domainId"]);
    const before: string[] = [];
    projectOnto(object(customPropertyDefinitionFacts), live, before);
    expect(before).toEqual(["customPropertyId", "domainId", "description"]);
  });

  it("the audit names it when it drifted", () => {
    expect(differingFields(definition, live, desired)).toEqual(["description"]);
  });

  it("ignoreChanges and the JSON Schema know it", () => {
    expect(Object.keys(ignorableFields(inputs.fields))).toContain("description");
    const schema = factSchema(inputs) as { properties: Record<string, unknown> };
    expect(schema.properties.description).toEqual({ anyOf: [{ type: "string", maxLength: 20 }, expect.objectContaining({ pattern: expect.any(String) })] });
  });

  it("a contact field declared secret joins the secret list", () => {
    const fields = { ...contactFieldFacts, privateNote: text({ optional: true, max: 100, secret: true }) };
    expect(fieldNames(fields, (fact) => fact.secret === true)).toEqual(["memo", "customProperties", "privateNote"]);
  });
});
