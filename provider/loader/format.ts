/**
 * The version-1 desired-state format (CONTRACT §7). An entry is its resource's inputs
 * (checked by provider/rules, which knows the API's fields, types and limits) plus the
 * fields only the YAML has, listed here.
 */
import { contactYamlOnlyFacts } from "../schema/contact";
import { SECTION_NAMES, type SectionName } from "../schema/resources";

export const FORMAT_VERSION = 1;

/** The sections, declared with their resources (provider/schema/resources.ts). */
export { SECTION_NAMES, type SectionName };
export const TOP_LEVEL_KEYS = ["version", "adopt", ...SECTION_NAMES] as const;

/** Fields of any entry that are not resource inputs. */
export const PREVIOUS_KEYS = "previousKeys";

/**
 * Contact fields whose YAML form differs from the API's: `tags` holds keys of
 * tags/userTags (sent as contactTagIds); `customProperties` is keyed by keys of the
 * customProperties section (sent under each property's propertyName).
 */
export const CONTACT_TAGS = "tags" satisfies keyof typeof contactYamlOnlyFacts;
export const CONTACT_CUSTOM_PROPERTIES = "customProperties";
/** API fields a YAML-only field stands for (contactTagIds come from `tags`): writing them directly would bypass key resolution. */
export const CONTACT_FORBIDDEN_FIELDS: readonly string[] = Object.values(contactYamlOnlyFacts).flatMap((fact) =>
  fact.yamlOnly.replaces === undefined ? [] : [fact.yamlOnly.replaces],
);
