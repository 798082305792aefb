/**
 * Turns merged entries into typed entries: YAML-only fields are split off, the rest is a
 * resource's inputs, checked by provider/rules; each rule issue's input path is mapped
 * back to the YAML field it came from.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { CustomPropertyValue } from "../client/contact-api";
import {
  checkCompanyContactTag,
  checkContact,
  checkContactCustomProperty,
  checkUserContactTag,
  limits,
  type CustomPropertyShape,
  type RuleIssue,
} from "../rules";
import { isPlainObject, type PathSegment } from "./located";
import type { ContactEntry, CustomPropertyEntry, EntryOptions, TagEntry, UserTagEntry } from "./model";
import { describe } from "./overlay";
import type { ProblemSink } from "./paths";
import { readResourceOptions, RESOURCE_OPTION_FIELDS, type OptionSection } from "./resource-options";
import { CONTACT_CUSTOM_PROPERTIES, CONTACT_FORBIDDEN_FIELDS, CONTACT_TAGS, PREVIOUS_KEYS } from "./schema";

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
  for (const issue of issues) {
    const yamlPath = [...base, ...mapPath(issue.path)];
    const hint = /must be a string, not (number|boolean)/.test(issue.message) ? " (put it in quotes in YAML)" : "";
    context.sink.at(yamlPath, issue.message + hint, { preferKey: issue.message.startsWith("unknown field") });
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
        if (typeof key !== "string" || key === "") {
          context.sink.at([...base, PREVIOUS_KEYS, index], `must be a non-empty key, not ${describe(key)}`);
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
  return { ...(fields as Omit<CustomPropertyEntry, keyof EntryOptions>), ...options, multiValued: entry.multiValued === true };
}

export interface ContactReferences {
  /** Keys of tags and userTags that exist (whether or not their entry is valid). */
  tagKeys: ReadonlySet<string>;
  /** Valid custom property entries by key. */
  customProperties: Readonly<Record<string, CustomPropertyEntry>>;
  /** Keys of custom properties that exist but are invalid: values for them are not checked. */
  invalidCustomPropertyKeys: ReadonlySet<string>;
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

  const tags = contactTags(context, base, entry[CONTACT_TAGS], references);
  if (!tags) ok = false;
  const { values, resolved } = contactCustomValues(context, base, entry[CONTACT_CUSTOM_PROPERTIES], references);
  if (!resolved) ok = false;

  const inputs = withoutFields(entry, [PREVIOUS_KEYS, ...RESOURCE_OPTION_FIELDS, CONTACT_TAGS, CONTACT_CUSTOM_PROPERTIES, ...CONTACT_FORBIDDEN_FIELDS]);
  if (tags) inputs.contactTagIds = tags;
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
    if (field === "contactTagIds") return second === undefined ? [CONTACT_TAGS] : [CONTACT_TAGS, second, ...rest];
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

  const { adopt: _adopt, forceDelete, photo: _photo, contactTagIds: _ids, customProperties: _values, ...fields } = inputs;
  return {
    ...options,
    fields: fields as ContactEntry["fields"],
    tags,
    customProperties: values,
    ...(photo ? { photo } : {}),
    forceDelete: forceDelete === true,
  };
}

function contactTags(context: EntryContext, base: PathSegment[], raw: unknown, references: ContactReferences): string[] | undefined {
  if (raw === undefined) return [];
  const where = [...base, CONTACT_TAGS];
  if (!Array.isArray(raw)) {
    context.sink.at(where, `must be a list of keys of tags or userTags, not ${describe(raw)}`);
    return undefined;
  }
  let ok = true;
  raw.forEach((tagKey, index) => {
    if (typeof tagKey !== "string") {
      context.sink.at([...where, index], `must be a key of tags or userTags, not ${describe(tagKey)}`);
      ok = false;
    } else if (!references.tagKeys.has(tagKey)) {
      context.sink.at([...where, index], `unknown tag "${tagKey}": no key "${tagKey}" in tags or userTags`);
      ok = false;
    }
  });
  return ok ? (raw as string[]) : undefined;
}

function contactCustomValues(
  context: EntryContext,
  base: PathSegment[],
  raw: unknown,
  references: ContactReferences,
): { values: Record<string, CustomPropertyValue> | undefined; resolved: boolean } {
  if (raw === undefined) return { values: {}, resolved: true };
  const where = [...base, CONTACT_CUSTOM_PROPERTIES];
  if (!isPlainObject(raw)) {
    context.sink.at(where, `must be a map of custom property key to value, not ${describe(raw)}`);
    return { values: undefined, resolved: false };
  }
  let ok = true;
  const values: Record<string, CustomPropertyValue> = {};
  for (const [propertyKey, value] of Object.entries(raw)) {
    if (references.customProperties[propertyKey]) {
      values[propertyKey] = value as CustomPropertyValue;
    } else {
      ok = false;
      if (!references.invalidCustomPropertyKeys.has(propertyKey)) {
        context.sink.at([...where, propertyKey], `unknown custom property "${propertyKey}": no key "${propertyKey}" in customProperties`, {
          preferKey: true,
        });
      }
    }
  }
  // The values of the properties that resolve are still checked against their types.
  return { values, resolved: ok };
}

function resolvePhoto(context: EntryContext, where: PathSegment[], relative: string): string | undefined {
  const file = context.sink.fileOf(where);
  const absolute = path.resolve(path.dirname(context.absolutePathOf(file)), relative);
  if (!context.checkPhotoFiles) return absolute;
  let size: number;
  try {
    const stat = fs.statSync(absolute);
    if (!stat.isFile()) throw new Error("not a file");
    size = stat.size;
  } catch {
    context.sink.at(where, `photo file not found: ${relative} (relative to ${file})`);
    return undefined;
  }
  if (size === 0 || size > limits.PHOTO_MAX_BYTES) {
    context.sink.at(where, `photo file must be 1 to ${limits.PHOTO_MAX_BYTES} bytes, ${relative} has ${size}`);
    return undefined;
  }
  return absolute;
}

