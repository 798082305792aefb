/**
 * Desired state in YAML (CONTRACT §7): loading, overlays, variables, validation, and the
 * component that turns a loaded state into resources. The root program (index.ts beside
 * Pulumi.yaml) and TypeScript users share this one implementation.
 */
export { loadDesiredState, loadDesiredStateOrThrow, type LoadOptions, type LoadResult } from "./load";
export { DesiredStateError, formatProblem, type Problem } from "./problems";
export { normalizeVars } from "./variables";
export { IGNORABLE_FIELDS, pulumiResourceOptions } from "./resource-options";
export { readStackSettings, StackConfigError, type StackSettings } from "./stack-config";
export type { ContactEntry, CustomPropertyEntry, DesiredState, EntryOptions, TagEntry, UserTagEntry } from "./model";
export { COMPONENT_TYPE, LineWorksContacts, type LineWorksContactsArgs } from "./component";
export { CONFIG_NAMESPACE, readProgramConfig, runRootProgram, type RootProgramOutputs } from "./program";
