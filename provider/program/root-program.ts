/**
 * The root program (index.ts beside Pulumi.yaml): applies the desired-state files named by
 * the stack config `lineworks-contacts:files`, with `lineworks-contacts:vars`. Every problem
 * in the files is reported before any resource is registered, so a bad file makes no API call.
 */
import * as pulumi from "@pulumi/pulumi";
import type { HeldEntries } from "../stack/stack-ids";
import { JOURNAL_DIR, pruneCreateJournal } from "../seam/create-journal";
import { LineWorksContacts } from "./component";
import { loadDesiredState } from "../loader/load";
import { readPreviousEntries } from "../stack/previous-state";
import { DEFAULT_MAX_DELETES, parseMaxDeletes } from "./delete-guard";
import { DesiredStateError } from "../loader/problems";
import { guardDeletes, refuseUnknownConfigKeys } from "./program-guards";
import { describeRename, recogniseRenames, withRenames } from "./renames";
import { takenNameProblems } from "./taken-names";
import { secretFieldList, type SecretFieldName } from "../loader/resource-options";
import { secureVarValues } from "./secret-values";
import { namesHeldByStack } from "./stack-held-names";
import { normalizeVars } from "../loader/variables";

export const CONFIG_NAMESPACE = "lineworks-contacts";

export interface RootProgramOutputs {
  tagIds: pulumi.Output<Record<string, string>>;
  userTagIds: pulumi.Output<Record<string, string>>;
  customPropertyIds: pulumi.Output<Record<string, string>>;
  contactIds: pulumi.Output<Record<string, string>>;
}

export function readProgramConfig(config = new pulumi.Config(CONFIG_NAMESPACE)): {
  files: string[];
  vars: Record<string, string>;
  secretFields: SecretFieldName[];
  maxDeletes: number;
} {
  const files = config.getObject<unknown>("files");
  if (!Array.isArray(files) || files.length === 0 || files.some((file) => typeof file !== "string" || file === "")) {
    throw new pulumi.RunError(
      `${CONFIG_NAMESPACE}:files must be a non-empty JSON list of desired-state files relative to the project, ` +
        `e.g. pulumi config set ${CONFIG_NAMESPACE}:files '["contacts.yaml"]'`,
    );
  }
  let vars: Record<string, string>;
  try {
    vars = normalizeVars(config.getObject<unknown>("vars"));
  } catch (err) {
    throw new pulumi.RunError((err as Error).message);
  }
  const problems: string[] = [];
  const secretFields = secretFieldList(config.getObject<unknown>("secretFields"), (index, message) =>
    problems.push(`${CONFIG_NAMESPACE}:secretFields${index === undefined ? "" : `[${index}]`}: ${message}`),
  );
  if (secretFields === false) {
    throw new pulumi.RunError(`${problems.join("\n")}\ne.g. pulumi config set --path '${CONFIG_NAMESPACE}:secretFields[0]' memo`);
  }
  let maxDeletes = DEFAULT_MAX_DELETES;
  try {
    maxDeletes = parseMaxDeletes(config.get("maxDeletes"));
  } catch (err) {
    throw new pulumi.RunError((err as Error).message);
  }
  return { files: files as string[], vars, secretFields: secretFields ?? [], maxDeletes };
}

/** The project's folder: where `files` and photos are resolved from. */
function projectDir(): string {
  try {
    return pulumi.runtime.getRootDirectory();
  } catch {
    return process.cwd();
  }
}

/** An up drops the create journal's lines whose ids the state now holds (../seam/create-journal.ts). */
function pruneJournal(dir: string, previous: HeldEntries): void {
  const held = new Set<string>();
  for (const entries of Object.values(previous)) for (const entry of entries.values()) held.add(entry.id);
  try {
    pruneCreateJournal(dir, pulumi.getStack(), held);
  } catch (err) {
    pulumi.log.warn(`the create journal (${JOURNAL_DIR}/) could not be pruned: ${(err as Error).message}`);
  }
}

/**
 * Validates the files (a problem throws before anything is registered), then reads what the
 * stack held before to recognise renamed keys (./renames.ts) and count the deletes against
 * maxDeletes (./program-guards.ts), then registers the resources.
 */
export function runRootProgram(): Promise<RootProgramOutputs> {
  refuseUnknownConfigKeys();
  const { files, vars, secretFields, maxDeletes } = readProgramConfig();
  const dir = projectDir();
  // The stack's state comes from a `pulumi stack export` subprocess (it never rejects): started
  // first, it runs while the files load and are checked, instead of after.
  const previousEntries = readPreviousEntries(dir);
  const result = loadDesiredState(files, vars, { baseDir: dir });
  if (!result.ok) throw new pulumi.RunError(new DesiredStateError(result.problems).message);
  return previousEntries.then((previous) => {
    if (previous && !pulumi.runtime.isDryRun()) pruneJournal(dir, previous);
    const renames = previous ? recogniseRenames(result.state, previous) : [];
    const state = withRenames(result.state, renames);
    const taken = previous ? takenNameProblems(state, previous) : [];
    if (taken.length > 0) throw new pulumi.RunError(taken.join("\n"));
    guardDeletes(state, previous, maxDeletes);
    for (const rename of renames) pulumi.log.warn(describeRename(rename));
    const contacts = new LineWorksContacts("desired-state", { state }, {
      secretFields,
      secretValues: secureVarValues(vars, dir),
      namesFromStack: namesHeldByStack(state, previous),
    });
    return {
      tagIds: contacts.tagIds,
      userTagIds: contacts.userTagIds,
      customPropertyIds: contacts.customPropertyIds,
      contactIds: contacts.contactIds,
    };
  });
}
