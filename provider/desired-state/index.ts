/**
 * Public path `lineworks-contacts-pulumi/provider/desired-state` (TypeScript users, README):
 * desired state in YAML (CONTRACT §7) — loading, overlays, variables, validation
 * (provider/loader) — and the component and root program that turn a loaded state into
 * resources (provider/program). Re-exports only.
 */
export { loadDesiredState, loadDesiredStateOrThrow, type LoadOptions, type LoadResult } from "../loader/load";
export { DesiredStateError, formatProblem, type Problem } from "../loader/problems";
export { normalizeVars } from "../loader/variables";
export { IGNORABLE_FIELDS, pulumiResourceOptions } from "../loader/resource-options";
export { readStackSettings, StackConfigError, type StackSettings } from "../stack/stack-config";
export type { ContactEntry, CustomPropertyEntry, DesiredState, EntryOptions, TagEntry, UserTagEntry } from "../loader/model";
export { COMPONENT_TYPE, LineWorksContacts, type LineWorksContactsArgs } from "../program/component";
export { CONFIG_NAMESPACE, readProgramConfig, runRootProgram, type RootProgramOutputs } from "../program/root-program";
