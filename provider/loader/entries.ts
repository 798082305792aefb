/**
 * Turns merged entries into typed entries: YAML-only fields are split off, the rest is a
 * resource's inputs, checked by provider/rules; each rule issue's input path is mapped
 * back to the YAML field it came from.
 */
import {
  checkCompanyContactTag,
  checkContact,
  checkContactCustomProperty,
  checkUserContactTag,
  type CustomPropertyShape,
  type RuleIssue,
} from "../rules";
import { fieldNamesAt } from "./field-names";
import { keyProblem } from "./keys";
import type { PathSegment } from "./located";
import { resolvePhoto } from "./photo-path";
import type { ContactEntry, CustomPropertyEntry, EntryOptions, TagEntry, UserTagEntry } from "./model";
import { describe } from "./overlay";
import type { ProblemSink } from "./paths";
import { contactCustomValues, contactTags, type ContactReferences } from "./references";
import { readResourceOptions, RESOURCE_OPTION_FIELDS, type OptionSection } from "./resource-options";
import { CONTACT_CUSTOM_PROPERTIES, CONTACT_FORBIDDEN_FIELDS, CONTACT_TAGS, PREVIOUS_KEYS, type SectionName } from "./format";
import { closestNames, didYouMeanText } from "../schema/suggest";
import { CONTACT_YAML_SPELLINGS, contactYamlOnlyFacts } from "../schema/contact";
import { customPropertyInputFacts } from "../schema/custom-property";
import { withDefaults } from "../schema/derive";

export type { ContactReferences } from "./references";

/** The API field the YAML's `tags` stands for (declared: yamlOnly.replaces). */
const TAGS_FIELD = contactYamlOnlyFacts.tags.yamlOnly.replaces;

type Raw = Record<string, unknown>;

export interface EntryContext {
  sink: ProblemSink;
  /** The top-level `adopt` of the merged files. */
  adopt: boolean;
  /** Resolves a file name used in problems to its absolute path. */
  absolutePathOf(file: string): string;
  checkPhotoFiles: boolean;
}

function withoutFields(entry: Raw, fields: readonly string[]): Raw {
  const inputs: Raw = {};
  for (const [field, value] of Object.entries(entry)) if (!fields.includes(field)) inputs[field] = value;
  return inputs;
}

function report(context: EntryContext, base: PathSegment[], issues: RuleIssue[], mapPath: (path: PathSegment[]) => PathSegment[] = (p) => p): void {
  // An unknown field that is a misspelt required field: "did you mean" says it all, "is required" would echo it.
  const suggested = new Map<RuleIssue, string[]>();
  for (const issue of issues) {
    if (!issue.message.startsWith("unknown field")) continue;
    suggested.set(issue, closestNames(String(issue.path.at(-1)), fieldNamesAt(base[0] as SectionName, issue.path.slice(0, -1))));
  }
  const misspelt = new Set([...suggested].flatMap(([issue, names]) => names.map((name) => JSON.stringify([...issue.path.slice(0, -1), name]))));
  for (const issue of issues) {
    if (issue.message === "is required" && misspelt.has(JSON.stringify(issue.path))) continue;
    const yamlPath = [...base, ...mapPath(issue.path)];
    const names = suggested.get(issue);
    const hint = /must be a string, not (number|boolean)/.test(issue.message) ? " (put it in quotes in YAML)" : names ? didYouMeanText(names) : "";
    context.sink.at(yamlPath, issue.message + hint, { preferKey: names !== undefined });
  }
}

function entryOptions(context: EntryContext, base: PathSegment[], entry: Raw): EntryOptions | undefined {
  const previous = entry[PREVIOUS_KEYS];
  let previousKeys: string[] = [];
  let ok = true;
  if (previous !== undefined) {
    if (!Array.isArray(previous)) {
      context.sink.at([...base, PREVIOUS_KEYS], `must be a list of former keys, not ${describe(previous)}`);
      ok = false;
    } else {
      previous.forEach((key, index) => {
        const problem = typeof key === "string" ? keyProblem(key) : `must be a former key, not ${describe(key)}`;
        if (problem) {
          context.sink.at([...base, PREVIOUS_KEYS, index], typeof key === "string" ? `invalid previous key ${JSON.stringify(key)}: ${problem}` : problem);
          ok = false;
        }
      });
      if (ok) previousKeys = previous as string[];
    }
  }
  const adopt = typeof entry.adopt === "boolean" ? entry.adopt : context.adopt;
  const resourceOptions = readResourceOptions(context.sink, base[0] as OptionSection, base, entry);
  return ok && resourceOptions ? { adopt, previousKeys, ...resourceOptions } : undefined;
}

export function tagEntry(context: EntryContext, key: string, entry: Raw): TagEntry | undefined {
  const base = ["tags", key];
  const options = entryOptions(context, base, entry);
  const issues = checkCompanyContactTag(withoutFields(entry, [PREVIOUS_KEYS, ...RESOURCE_OPTION_FIELDS]));
  report(context, base, issues);
  if (!options || issues.length > 0) return undefined;
  return { ...options, contactTagName: entry.contactTagName as string };
}

export function userTagEntry(context: EntryContext, key: string, entry: Raw): UserTagEntry | undefined {
  const base = ["userTags", key];
  const options = entryOptions(context, base, entry);
  const issues = checkUserContactTag(withoutFields(entry, [PREVIOUS_KEYS, ...RESOURCE_OPTION_FIELDS]));
  report(context, base, issues);
  if (!options || issues.length > 0) return undefined;
  return { ...options, userId: entry.userId as string, contactTagName: entry.contactTagName as string };
}

export function customPropertyEntry(context: EntryContext, key: string, entry: Raw): CustomPropertyEntry | undefined {
  const base = ["customProperties", key];
  const options = entryOptions(context, base, entry);
  const inputs = withoutFields(entry, [PREVIOUS_KEYS, ...RESOURCE_OPTION_FIELDS]);
  const issues = checkContactCustomProperty(inputs);
  report(context, base, issues);
  if (!options || issues.length > 0) return undefined;
  const { adopt: _adopt, ...fields } = inputs;
  return { ...(withDefaults(customPropertyInputFacts.fields, fields) as Omit<CustomPropertyEntry, keyof EntryOptions>), ...options };
}

export function contactEntry(context: EntryContext, key: string, entry: Raw, references: ContactReferences): ContactEntry | undefined {
  const base: PathSegment[] = ["contacts", key];
  let ok = true;
  const options = entryOptions(context, base, entry);
  if (!options) ok = false;

  for (const field of CONTACT_FORBIDDEN_FIELDS) {
    if (field in entry) {
      context.sink.at([...base, field], `not allowed here: list tag keys under "${CONTACT_TAGS}" instead`, { preferKey: true });
      ok = false;
    }
  }

  const tags = contactTags(context.sink, base, entry[CONTACT_TAGS], references);
  if (!tags) ok = false;
  const { values, resolved } = contactCustomValues(context.sink, base, entry[CONTACT_CUSTOM_PROPERTIES], references);
  if (!resolved) ok = false;

  const inputs = withoutFields(entry, [PREVIOUS_KEYS, ...RESOURCE_OPTION_FIELDS, CONTACT_TAGS, CONTACT_CUSTOM_PROPERTIES, ...CONTACT_FORBIDDEN_FIELDS]);
  if (tags) inputs[TAGS_FIELD] = tags;
  const keyOfPropertyName = new Map<string, string>();
  const customPropertyTypes: Record<string, CustomPropertyShape> = {};
  if (values) {
    const byPropertyName: Record<string, unknown> = {};
    for (const [propertyKey, value] of Object.entries(values)) {
      const property = references.customProperties[propertyKey]!;
      byPropertyName[property.propertyName] = value;
      keyOfPropertyName.set(property.propertyName, propertyKey);
      customPropertyTypes[property.propertyName] = { propertyType: property.propertyType, multiValued: property.multiValued };
    }
    inputs.customProperties = byPropertyName;
  }
  const issues = checkContact(inputs, { customPropertyTypes });
  report(context, base, issues, (issuePath) => {
    const [field, second, ...rest] = issuePath;
    const yamlName = CONTACT_YAML_SPELLINGS[String(field)];
    if (yamlName !== undefined) return second === undefined ? [yamlName] : [yamlName, second, ...rest];
    if (field === "customProperties" && typeof second === "string") {
      return [CONTACT_CUSTOM_PROPERTIES, keyOfPropertyName.get(second) ?? second, ...rest];
    }
    return issuePath;
  });
  if (issues.length > 0) ok = false;

  let photo: string | undefined;
  if (typeof entry.photo === "string" && entry.photo !== "") {
    photo = resolvePhoto(context, [...base, "photo"], entry.photo);
    if (!photo) ok = false;
  }
  if (!ok || !options || !tags || !values || !resolved) return undefined;

  const { adopt: _adopt, forceDelete, photo: _photo, [TAGS_FIELD]: _ids, customProperties: _values, ...fields } = inputs;
  return {
    ...options,
    fields: fields as ContactEntry["fields"],
    tags,
    customProperties: values,
    ...(photo ? { photo } : {}),
    forceDelete: forceDelete === true,
  };
}
