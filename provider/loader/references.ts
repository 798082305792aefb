/**
 * A contact's references: `tags` (keys of tags or userTags) and `customProperties` (keys of
 * customProperties). An unknown reference gets the key it most likely meant: the key whose
 * display name was written (contactTagName, propertyName, displayName), else the closest key.
 * When a section could not be read, an unknown reference is not reported (it may be defined
 * in what could not be read), unless it is plainly a display name.
 */
import type { CustomPropertyValue } from "../client/contact-api";
import { isRecord } from "../schema/json";
import { type PathSegment } from "./located";
import type { CustomPropertyEntry } from "./model";
import { describe, type MergedState } from "./overlay";
import { dottedPath, type ProblemSink } from "./paths";
import { CONTACT_CUSTOM_PROPERTIES, CONTACT_TAGS, type SectionName } from "./format";
import { didYouMean } from "../schema/suggest";

/** An entry whose display name a reference may have used in place of its key. */
interface Named {
  section: SectionName;
  key: string;
  field: string;
}

export interface ContactReferences {
  /** Keys of tags and userTags that exist (whether or not their entry is valid). */
  tagKeys: ReadonlySet<string>;
  /** contactTagName → the tags and userTags that carry it. */
  tagNames: ReadonlyMap<string, Named[]>;
  /** Some file could not give tags or userTags: their keys are not all known. */
  tagsUnreadable: boolean;
  /** Valid custom property entries by key. */
  customProperties: Readonly<Record<string, CustomPropertyEntry>>;
  /** Keys of custom properties that exist but are invalid: values for them are not checked. */
  invalidCustomPropertyKeys: ReadonlySet<string>;
  /** propertyName and displayName → the custom properties that carry it. */
  propertyNames: ReadonlyMap<string, Named[]>;
  propertiesUnreadable: boolean;
}

export function contactReferences(
  merged: MergedState,
  customProperties: Record<string, CustomPropertyEntry>,
  invalidCustomPropertyKeys: ReadonlySet<string>,
): ContactReferences {
  const { sections, unreadable, unreadableKeys } = merged;
  const tagNames = new Map<string, Named[]>();
  const propertyNames = new Map<string, Named[]>();
  const collect = (names: Map<string, Named[]>, section: SectionName, fields: string[]) => {
    for (const [key, entry] of Object.entries(sections[section])) {
      for (const field of fields) {
        const name = entry[field];
        if (typeof name === "string" && name !== key) names.set(name, [...(names.get(name) ?? []), { section, key, field }]);
      }
    }
  };
  collect(tagNames, "tags", ["contactTagName"]);
  collect(tagNames, "userTags", ["contactTagName"]);
  collect(propertyNames, "customProperties", ["propertyName", "displayName"]);
  return {
    tagKeys: new Set([...Object.keys(sections.tags), ...Object.keys(sections.userTags), ...unreadableKeys.tags, ...unreadableKeys.userTags]),
    tagNames,
    tagsUnreadable: unreadable.tags || unreadable.userTags,
    customProperties,
    invalidCustomPropertyKeys: new Set([...invalidCustomPropertyKeys, ...unreadableKeys.customProperties]),
    propertyNames,
    propertiesUnreadable: unreadable.customProperties,
  };
}

/** `"取引先" is the contactTagName of tags.partner; reference it by its key: partner`, or undefined. */
function displayNameHint(written: string, named: Named[] | undefined): string | undefined {
  if (!named || named.length === 0) return undefined;
  const owners = named.map((n) => `the ${n.field} of ${dottedPath([n.section, n.key])}`);
  const keys = [...new Set(named.map((n) => n.key))];
  return `${JSON.stringify(written)} is ${owners.join(" and ")}; reference it by its key: ${keys.join(" or ")}`;
}

/** Tag keys of a contact; undefined (and reported) when any is not a key of tags or userTags. */
export function contactTags(sink: ProblemSink, base: PathSegment[], raw: unknown, references: ContactReferences): string[] | undefined {
  if (raw === undefined) return [];
  const where = [...base, CONTACT_TAGS];
  if (!Array.isArray(raw)) {
    sink.at(where, `must be a list of keys of tags or userTags, not ${describe(raw)}`);
    return undefined;
  }
  let ok = true;
  raw.forEach((tagKey, index) => {
    if (typeof tagKey !== "string") {
      sink.at([...where, index], `must be a key of tags or userTags, not ${describe(tagKey)}`);
      ok = false;
    } else if (!references.tagKeys.has(tagKey)) {
      ok = false;
      const unknown = `unknown tag ${JSON.stringify(tagKey)}`;
      const hint = displayNameHint(tagKey, references.tagNames.get(tagKey));
      if (hint) sink.at([...where, index], `${unknown}: ${hint}`);
      else if (!references.tagsUnreadable) {
        sink.at([...where, index], `${unknown}: no key ${JSON.stringify(tagKey)} in tags or userTags${didYouMean(tagKey, references.tagKeys)}`);
      }
    }
  });
  return ok ? (raw as string[]) : undefined;
}

/** A contact's custom values by property key; `resolved` is false when a key is not a property's. */
export function contactCustomValues(
  sink: ProblemSink,
  base: PathSegment[],
  raw: unknown,
  references: ContactReferences,
): { values: Record<string, CustomPropertyValue> | undefined; resolved: boolean } {
  if (raw === undefined) return { values: {}, resolved: true };
  const where = [...base, CONTACT_CUSTOM_PROPERTIES];
  if (!isRecord(raw)) {
    sink.at(where, `must be a map of custom property key to value, not ${describe(raw)}`);
    return { values: undefined, resolved: false };
  }
  let ok = true;
  const values: Record<string, CustomPropertyValue> = {};
  for (const [propertyKey, value] of Object.entries(raw)) {
    if (references.customProperties[propertyKey]) {
      values[propertyKey] = value as CustomPropertyValue;
      continue;
    }
    ok = false;
    if (references.invalidCustomPropertyKeys.has(propertyKey)) continue;
    const unknown = `unknown custom property ${JSON.stringify(propertyKey)}`;
    const hint = displayNameHint(propertyKey, references.propertyNames.get(propertyKey));
    const known = [...Object.keys(references.customProperties), ...references.invalidCustomPropertyKeys];
    if (hint) sink.at([...where, propertyKey], `${unknown}: ${hint}`, { preferKey: true });
    else if (!references.propertiesUnreadable) {
      const message = `${unknown}: no key ${JSON.stringify(propertyKey)} in customProperties${didYouMean(propertyKey, known)}`;
      sink.at([...where, propertyKey], message, { preferKey: true });
    }
  }
  // The values of the properties that resolve are still checked against their types.
  return { values, resolved: ok };
}
