import * as path from "node:path";
import { checkAcrossEntries } from "./cross-checks";
import { contactEntry, customPropertyEntry, tagEntry, userTagEntry, type EntryContext } from "./entries";
import { checkEntryKeys } from "./keys";
import type { CustomPropertyEntry, DesiredState } from "./model";
import { mergeSources } from "./overlay";
import { ProblemSink } from "./paths";
import { contactReferences } from "./references";
import { DesiredStateError, formatProblem, sortProblems, type Position, type Problem } from "./problems";
import { positionKey, readSourceFile, type UnsetVariables } from "./source";
import { oncePerKey, undefinedVariableOf } from "./variables";

export interface LoadOptions {
  /** Directory that relative file names are resolved against; default the working directory. */
  baseDir?: string;
  /** Check that photo files exist and fit the API's size limit; default true. */
  checkPhotoFiles?: boolean;
  /**
   * "error" (default): a `${vars.NAME}` without a value is a problem. "unchecked": offline
   * validation without values; the reference stays as written, the fields that use it are not
   * checked, and `unsetVariables` lists where they are.
   */
  unsetVariables?: "error" | "unchecked";
}

export type UnsetVariable = Position & { name: string };

export type LoadResult =
  | { ok: true; state: DesiredState; unsetVariables: UnsetVariable[] }
  | { ok: false; problems: Problem[]; unsetVariables: UnsetVariable[] };

/**
 * Reads desired-state files (later ones overlay earlier ones), substitutes `${vars.NAME}`,
 * checks the format and the API's rules, and resolves references. Pure: no API calls.
 * Either the whole state is valid, or every problem is returned, in file/line/column order.
 */
export function loadDesiredState(files: readonly string[], vars: Readonly<Record<string, string>>, options: LoadOptions = {}): LoadResult {
  const baseDir = options.baseDir ?? process.cwd();
  const problems: Problem[] = [];
  const unset: UnsetVariables | undefined = options.unsetVariables === "unchecked" ? { references: [], scalars: new Set() } : undefined;
  const absoluteOf = new Map<string, string>();
  const sources = files.map((file) => {
    const absolute = path.resolve(baseDir, file);
    absoluteOf.set(file, absolute);
    return readSourceFile(file, absolute, vars, problems, unset);
  });
  const merged = mergeSources(sources, problems);
  const sink = new ProblemSink(merged.root, problems);
  checkEntryKeys(merged, sink);
  checkAcrossEntries(merged, sink);

  const context: EntryContext = {
    sink,
    adopt: merged.adopt ?? false,
    absolutePathOf: (file) => absoluteOf.get(file) ?? path.resolve(baseDir, file),
    checkPhotoFiles: options.checkPhotoFiles ?? true,
  };
  const state: DesiredState = { tags: {}, userTags: {}, customProperties: {}, contacts: {} };
  const { sections } = merged;
  for (const [key, entry] of Object.entries(sections.tags)) {
    const typed = tagEntry(context, key, entry);
    if (typed) state.tags[key] = typed;
  }
  for (const [key, entry] of Object.entries(sections.userTags)) {
    const typed = userTagEntry(context, key, entry);
    if (typed) state.userTags[key] = typed;
  }
  const invalidCustomPropertyKeys = new Set<string>();
  for (const [key, entry] of Object.entries(sections.customProperties)) {
    const typed: CustomPropertyEntry | undefined = customPropertyEntry(context, key, entry);
    if (typed) state.customProperties[key] = typed;
    else invalidCustomPropertyKeys.add(key);
  }
  const references = contactReferences(merged, state.customProperties, invalidCustomPropertyKeys);
  for (const [key, entry] of Object.entries(sections.contacts)) {
    const typed = contactEntry(context, key, entry, references);
    if (typed) state.contacts[key] = typed;
  }

  const unsetVariables = unset?.references ?? [];
  const reported = unset ? problems.filter((problem) => !unset.scalars.has(positionKey(problem))) : problems;
  if (reported.length > 0) {
    const sorted = sortProblems(dedupe(reported), [...files]);
    return { ok: false, problems: oncePerKey(sorted, (problem) => undefinedVariableOf(problem.message)), unsetVariables };
  }
  return { ok: true, state, unsetVariables };
}

/** Like loadDesiredState, but throws a DesiredStateError listing every problem. */
export function loadDesiredStateOrThrow(files: readonly string[], vars: Readonly<Record<string, string>>, options: LoadOptions = {}): DesiredState {
  const result = loadDesiredState(files, vars, options);
  if (!result.ok) throw new DesiredStateError(result.problems);
  return result.state;
}

function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const text = formatProblem(problem);
    if (seen.has(text)) return false;
    seen.add(text);
    return true;
  });
}
