/**
 * The field names a place in an entry may hold, from the declarations (provider/schema): what
 * "did you mean" compares an unknown field with.
 */
import { CUSTOM_VALUE_FIELD_NAMES, resourceOf, type Fact, type ObjectFact } from "../schema";
import type { PathSegment } from "./located";
import { RESOURCE_OPTION_FIELDS } from "./resource-options";
import { CONTACT_FORBIDDEN_FIELDS, CONTACT_TAGS, PREVIOUS_KEYS, type SectionName } from "./format";

const entryFacts = (section: SectionName): ObjectFact => resourceOf(section).inputs;

const writableNames = (fact: ObjectFact): string[] => Object.keys(fact.fields).filter((name) => !fact.fields[name]!.readOnly);

/** The fields of any custom value shape (content, text, link, represent). */
const CUSTOM_VALUE_FIELDS = [...CUSTOM_VALUE_FIELD_NAMES];

/** The fields an entry of `section` may carry, as written in YAML. */
export function entryFieldNames(section: SectionName): string[] {
  const names = writableNames(entryFacts(section));
  const yamlNames = section === "contacts" ? [...names.filter((name) => !CONTACT_FORBIDDEN_FIELDS.includes(name)), CONTACT_TAGS] : names;
  return [...yamlNames, PREVIOUS_KEYS, ...RESOURCE_OPTION_FIELDS];
}

/**
 * The fields known in the map at `parent`, a path of the resource's inputs below an entry
 * (`[]` is the entry, `["emails", 0]` one email); empty when the path leads to no map.
 */
export function fieldNamesAt(section: SectionName, parent: readonly PathSegment[]): string[] {
  if (parent.length === 0) return entryFieldNames(section);
  let fact: Fact | undefined = entryFacts(section);
  for (const segment of parent) {
    if (!fact) return [];
    if (fact.kind === "customValues") return CUSTOM_VALUE_FIELDS;
    if (fact.kind === "object" && typeof segment === "string") fact = fact.fields[segment];
    else if (fact.kind === "list" && typeof segment === "number") fact = fact.item;
    else return [];
  }
  if (fact?.kind === "customValues") return CUSTOM_VALUE_FIELDS;
  return fact?.kind === "object" ? writableNames(fact) : [];
}
