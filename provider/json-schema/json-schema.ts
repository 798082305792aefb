/**
 * A JSON Schema (draft-07) of one desired-state file, for editors (a YAML language server reads
 * it from a `# yaml-language-server: $schema=...` line). Generated, never written by hand: each
 * field from its declaration (provider/schema: types, enums, lengths, patterns, list limits,
 * required fields), the fields an entry may carry from the loader's own lists (field-names.ts,
 * resource-options.ts), keys from keys.ts. scripts/build-schema.js writes it into
 * dist/schema/desired-state.schema.json at build time.
 *
 * One file is checked alone, so what needs the other files or the API is left to `validate`:
 * references to keys, overlays of earlier files (an entry's fields are never required and
 * `null` removes a field or entry an earlier file set), variable values, cross-entry limits.
 * A string field may hold `${vars.NAME}`: its value is only known with the stack's vars.
 */
import {
  contactFieldFacts,
  contactYamlOnlyFacts,
  CUSTOM_VALUE_TYPES,
  customValueFacts,
  describeValueShape,
  resourceOf,
  SECRET_CONTACT_FIELD_NAMES,
  type Fact,
  type ObjectFact,
} from "../schema";
import { entryFieldNames } from "../loader/field-names";
import { KEY_PATTERN, KEY_RULE } from "../loader/keys";
import { IGNORABLE_FIELDS, IGNORE_CHANGES, PROTECT, RETAIN_ON_DELETE, SECRET_FIELDS } from "../loader/resource-options";
import { CONTACT_CUSTOM_PROPERTIES, CONTACT_TAGS, FORMAT_VERSION, PREVIOUS_KEYS, SECTION_NAMES, type SectionName } from "../loader/format";

export type JsonSchema = { [keyword: string]: unknown };

const SECTION_DESCRIPTIONS: Record<SectionName, string> = {
  tags: "Company contact tags, by key (the stable name contacts refer to).",
  userTags: "A member's own contact tags, by key.",
  customProperties: "Contact custom property definitions, by key (at most 5 per domain).",
  contacts: "Seed contacts, by key.",
};

/** `${vars.NAME}` somewhere in the string (variables.ts). */
const VARIABLE: JsonSchema = {
  type: "string",
  pattern: "\\$\\{\\s*vars\\.[A-Za-z_][A-Za-z0-9_-]*\\s*\\}",
  description: "A value with ${vars.NAME}, replaced from lineworks-contacts:vars",
};
const NULL: JsonSchema = { type: "null" };

function regexSource(pattern: RegExp): string {
  if (pattern.flags.replace("u", "") !== "") throw new Error(`json-schema: pattern ${pattern} has flags JSON Schema cannot carry`);
  return pattern.source;
}

const KEY: JsonSchema = { type: "string", pattern: regexSource(KEY_PATTERN), description: KEY_RULE };

function describeFact(fact: Fact, extra: string[] = []): { description?: string } {
  const notes = [...extra];
  if (fact.kind === "string" && fact.pattern && fact.patternMessage) notes.push(`Must ${fact.patternMessage.replace(/^must /, "")}.`);
  if (fact.kind === "string" && fact.check && fact.checkMessage) notes.push(`Must ${fact.checkMessage.replace(/^must /, "")}.`);
  if (fact.immutable) notes.push("The API cannot change it: a change replaces the object.");
  if (fact.kind === "enum" && fact.removed) notes.push(`No longer accepted: ${Object.keys(fact.removed).join(", ")}.`);
  return notes.length > 0 ? { description: notes.join(" ") } : {};
}

/** A string or enum may also be written with a variable, whose value only validate knows. */
const orVariable = (schema: JsonSchema): JsonSchema => ({ anyOf: [schema, VARIABLE] });

function stringSchema(fact: Extract<Fact, { kind: "string" }>): JsonSchema {
  const schema: JsonSchema = { type: "string" };
  if (fact.min !== undefined && fact.min > 0) schema.minLength = fact.min;
  if (fact.max !== undefined) schema.maxLength = fact.max;
  if (fact.pattern) schema.pattern = regexSource(fact.pattern);
  return schema.minLength === undefined && schema.maxLength === undefined && schema.pattern === undefined ? schema : orVariable(schema);
}

function listSchema(fact: Extract<Fact, { kind: "list" }>, item: JsonSchema = factSchema(fact.item)): JsonSchema {
  return {
    type: "array",
    items: item,
    ...(fact.max !== undefined ? { maxItems: fact.max } : {}),
    ...(fact.unique === true ? { uniqueItems: true } : {}),
  };
}

/** requiredWhen (a CUSTOM type needs customType) and nonEmptyWhen (MEMBER needs members), as if/then. */
function conditions(fact: ObjectFact): JsonSchema[] {
  const rules: JsonSchema[] = [];
  for (const [name, field] of Object.entries(fact.fields)) {
    const when = field.requiredWhen ?? (field.kind === "list" ? field.nonEmptyWhen : undefined);
    if (!when) continue;
    const present = field.kind === "list" ? { type: "array", minItems: 1 } : { type: "string", minLength: 1 };
    const then: JsonSchema = { required: [name], properties: { [name]: present } };
    rules.push({ if: { properties: { [when.field]: { const: when.equals } }, required: [when.field] }, then });
  }
  return rules;
}

function objectSchema(fact: ObjectFact): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const [name, field] of Object.entries(fact.fields)) {
    if (field.readOnly) continue;
    properties[name] = factSchema(field);
    if (!field.optional) required.push(name);
  }
  const rules = conditions(fact);
  return {
    type: "object",
    properties,
    ...(required.length > 0 ? { required } : {}),
    additionalProperties: false,
    ...(rules.length > 0 ? { allOf: rules } : {}),
  };
}

/** A contact's customProperties: property key → one of the four value shapes (seed 000). */
function customValuesSchema(): JsonSchema {
  const shapes = Object.values(customValueFacts).flatMap((byArity) => [factSchema(byArity.single), factSchema(byArity.multi)]);
  return {
    type: "object",
    propertyNames: KEY,
    additionalProperties: { anyOf: shapes },
    description: `Values by key of the customProperties section: ${CUSTOM_VALUE_TYPES.map((type) => `${describeValueShape(type, false)} or [${describeValueShape(type, true, "")}] for ${type}`).join(", ")}.`,
  };
}

/** The schema of a declared value. */
export function factSchema(fact: Fact): JsonSchema {
  let schema: JsonSchema;
  switch (fact.kind) {
    case "string":
      schema = stringSchema(fact);
      break;
    case "enum":
      schema = orVariable({ enum: [...fact.values] });
      break;
    case "boolean":
      schema = { type: "boolean" };
      break;
    case "integer":
      schema = { type: "integer", ...(fact.min !== undefined ? { minimum: fact.min } : {}), ...(fact.max !== undefined ? { maximum: fact.max } : {}) };
      break;
    case "list":
      schema = listSchema(fact);
      break;
    case "object":
      schema = objectSchema(fact);
      break;
    case "customValues":
      schema = customValuesSchema();
      break;
  }
  const defaults = "default" in fact && fact.default !== undefined ? { default: fact.default } : {};
  const described = { ...schema, ...describeFact(fact), ...defaults };
  return fact.nullable ? { anyOf: [described, NULL] } : described;
}

const uniqueList = (item: JsonSchema, description: string): JsonSchema => ({ type: "array", items: item, uniqueItems: true, description });

/** One field an entry of `section` may carry, as written in YAML. */
function entryFieldSchema(section: SectionName, name: string): JsonSchema | undefined {
  switch (name) {
    case PREVIOUS_KEYS:
      return uniqueList(KEY, "Former keys of this entry: renaming the key is then not a replacement.");
    case PROTECT:
      return { type: "boolean", description: "Pulumi refuses to delete or replace it." };
    case RETAIN_ON_DELETE:
      return { type: "boolean", description: "Removing it from the files forgets it without deleting it in LINE WORKS." };
    case IGNORE_CHANGES:
      return uniqueList({ enum: Object.keys(IGNORABLE_FIELDS[section]) }, "Fields whose changes made in the LINE WORKS app are left alone.");
    case SECRET_FIELDS:
      // The loader refuses it outside contacts.
      return section === "contacts" ? uniqueList({ enum: [...SECRET_CONTACT_FIELD_NAMES] }, "Fields stored as Pulumi secrets.") : undefined;
  }
  if (section === "contacts" && name === CONTACT_TAGS) {
    const tags = contactYamlOnlyFacts.tags;
    const replaced = contactFieldFacts[tags.yamlOnly.replaces as keyof typeof contactFieldFacts] as Fact;
    const unique = replaced.kind === "list" && replaced.unique === true;
    return { ...listSchema(tags, KEY), ...(unique ? { uniqueItems: true } : {}), description: "Keys of tags or userTags." };
  }
  if (section === "contacts" && name === CONTACT_CUSTOM_PROPERTIES) return customValuesSchema();
  const fact = (resourceOf(section).inputs as ObjectFact).fields[name];
  if (fact === undefined) throw new Error(`json-schema: ${section} field ${name} has no declaration`);
  return factSchema(fact);
}

/** An entry: every field optional (a later file may set only some), `null` removes a field or the entry. */
export function entrySchema(section: SectionName): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const name of entryFieldNames(section)) {
    const schema = entryFieldSchema(section, name);
    if (schema) properties[name] = { anyOf: [schema, { type: "null", description: "Removes the field an earlier file set." }] };
  }
  return {
    anyOf: [
      { type: "object", properties, additionalProperties: false },
      { type: "null", description: "Removes the entry an earlier file defines." },
    ],
  };
}

/** The whole schema of a desired-state file (version 1). */
export function desiredStateJsonSchema(): JsonSchema {
  const definitions: Record<string, JsonSchema> = { key: KEY };
  const properties: Record<string, JsonSchema> = {
    version: { const: FORMAT_VERSION, description: "The format's version." },
    adopt: { type: ["boolean", "null"], description: "Sets adopt: true on every entry of this file (take over existing objects)." },
  };
  for (const section of SECTION_NAMES) {
    const entry = resourceOf(section).entry;
    definitions[entry] = entrySchema(section);
    properties[section] = {
      anyOf: [{ type: "object", propertyNames: { $ref: "#/definitions/key" }, additionalProperties: { $ref: `#/definitions/${entry}` } }, NULL],
      description: SECTION_DESCRIPTIONS[section],
    };
  }
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    title: "lineworks-contacts desired state (version 1)",
    description:
      "One desired-state file. Generated from the declarations; `lineworks-contacts validate` checks what one file cannot show (references, overlays, variables, the API's cross-entry limits).",
    type: "object",
    properties,
    patternProperties: { "^x-": { description: "Free for your own use, e.g. anchors of shared blocks." } },
    additionalProperties: false,
    definitions,
  };
}
