/**
 * The four resources, declared once: each one's type name, its section of the desired-state
 * files, what an entry of that section is called, its inputs and state (the object
 * declarations), its id field, its natural key and the scope in which the API keeps a name
 * unique. The section names, type names and the per-section lists of the loader, the JSON
 * Schema, the program and the audit are read from here.
 */
import { contactInputFacts, contactYamlOnlyFacts } from "./contact";
import { customPropertyInputFacts, customPropertyStateFacts } from "./custom-property";
import type { Fields, ObjectFact } from "./facts";
import { companyContactTagInputFacts, companyContactTagStateFacts, userContactTagInputFacts, userContactTagStateFacts } from "./tags";

interface ResourceDeclaration {
  /** The section of the desired-state files (CONTRACT §7). */
  section: string;
  /** One entry of the section (JSON Schema definitions, audit kinds). */
  entry: string;
  inputs: ObjectFact;
  /** What the state keeps (outputs); absent when the state keeps the inputs only (a contact). */
  state?: ObjectFact;
  /** Fields only the YAML has, standing for an API field (`yamlOnly.replaces`). */
  yamlOnly?: Fields;
  idField: string;
  /** The fields that find an existing object (adopt, conflicts), joined by "/"; a contact's is its primary email. */
  naturalKey: readonly string[] | "primaryEmail";
  /** The field whose value the API keeps unique, and among which objects ("per userId": one member's). */
  uniqueName?: { field: string; per?: string };
}

export const RESOURCES = {
  CompanyContactTag: {
    section: "tags",
    entry: "tag",
    inputs: companyContactTagInputFacts,
    state: companyContactTagStateFacts,
    idField: "contactTagId",
    naturalKey: ["contactTagName"],
    uniqueName: { field: "contactTagName" },
  },
  UserContactTag: {
    section: "userTags",
    entry: "userTag",
    inputs: userContactTagInputFacts,
    state: userContactTagStateFacts,
    idField: "contactTagId",
    naturalKey: ["userId", "contactTagName"],
    uniqueName: { field: "contactTagName", per: "userId" },
  },
  ContactCustomProperty: {
    section: "customProperties",
    entry: "customProperty",
    inputs: customPropertyInputFacts,
    state: customPropertyStateFacts,
    idField: "customPropertyId",
    naturalKey: ["propertyName"],
    uniqueName: { field: "displayName" },
  },
  Contact: {
    section: "contacts",
    entry: "contact",
    inputs: contactInputFacts,
    yamlOnly: contactYamlOnlyFacts,
    idField: "contactId",
    naturalKey: "primaryEmail",
  },
} as const satisfies Record<string, ResourceDeclaration>;

export type ResourceTypeName = keyof typeof RESOURCES;
export const RESOURCE_TYPE_NAMES = Object.keys(RESOURCES) as ResourceTypeName[];

export type SectionName = (typeof RESOURCES)[ResourceTypeName]["section"];
/** The sections of a desired-state file, in the order of the resources. */
export const SECTION_NAMES = RESOURCE_TYPE_NAMES.map((type) => RESOURCES[type].section) as readonly SectionName[];

export type EntryName = (typeof RESOURCES)[ResourceTypeName]["entry"];

/** The declaration of a section's resource. */
export function resourceOf<S extends SectionName>(section: S): Extract<(typeof RESOURCES)[ResourceTypeName], { section: S }> & ResourceDeclaration {
  return Object.values(RESOURCES).find((resource) => resource.section === section)! as Extract<(typeof RESOURCES)[ResourceTypeName], { section: S }> & ResourceDeclaration;
}

/** The resource type of a section. */
export function typeOfSection(section: SectionName): ResourceTypeName {
  return RESOURCE_TYPE_NAMES.find((type) => RESOURCES[type].section === section)!;
}

/**
 * The scope in which the API keeps a resource's unique name (the name hand-off's namespace):
 * `CompanyContactTag.contactTagName`, or per owner `UserContactTag.contactTagName:<userId>`.
 */
export function uniqueNameScope(type: ResourceTypeName, inputs: object): string {
  const unique = (RESOURCES[type] as ResourceDeclaration).uniqueName;
  if (!unique) throw new Error(`${type} declares no unique name`);
  const scope = `${type}.${unique.field}`;
  return unique.per === undefined ? scope : `${scope}:${String((inputs as Record<string, unknown>)[unique.per])}`;
}
