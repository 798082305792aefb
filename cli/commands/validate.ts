import * as path from "node:path";
import type { Command } from "commander";
import { unknownConfigKeyProblems } from "../../provider/desired-state/config-keys";
import { MAX_DELETES_KEY, parseMaxDeletes } from "../../provider/desired-state/delete-guard";
// The pure loader only: the package index also loads @pulumi/pulumi, which validate does not need.
import { loadDesiredState, type LoadResult } from "../../provider/desired-state/load";
import { formatProblem, sortProblems, type Problem } from "../../provider/desired-state/problems";
import { secretFieldList } from "../../provider/desired-state/resource-options";
import { cwdOption, desiredInputsOrUsageError, stackOption, varOption, type DesiredInputs } from "./desired-inputs";

export { parseVarOption } from "./desired-inputs";

/**
 * Loads the desired state as `validate` does: variables without a value offline (no --var at
 * all, or secret in the stack file) are noted on stderr and the fields using them unchecked;
 * any other variable without a value is a problem once values were given.
 */
export function loadForCli(inputs: DesiredInputs, log: (line: string) => void): LoadResult {
  const result = loadDesiredState(inputs.files, inputs.vars, { unsetVariables: "unchecked" });
  const undefinedVars: Problem[] = [];
  for (const unset of result.unsetVariables) {
    if (inputs.varsRequired && !inputs.unknownVars.has(unset.name)) {
      undefinedVars.push({ ...unset, message: `undefined variable \${vars.${unset.name}}: set it in lineworks-contacts:vars (or --var ${unset.name}=VALUE)` });
      continue;
    }
    const why = inputs.unknownVars.has(unset.name)
      ? `is secret in ${inputs.stack?.stackFile ?? "the stack file"} and has no value offline; give --var ${unset.name}=VALUE to check the field that uses it`
      : `has no value offline; give --var ${unset.name}=VALUE to check the field that uses it`;
    log(`note: ${formatProblem({ ...unset, message: `\${vars.${unset.name}} ${why}` })}`);
  }
  if (undefinedVars.length === 0) return result;
  const problems = sortProblems([...(result.ok ? [] : result.problems), ...undefinedVars], inputs.files);
  return { ok: false, problems, unsetVariables: result.unsetVariables };
}

export function registerValidateCommand(program: Command): void {
  program
    .command("validate")
    .description("validate desired-state files offline (later files overlay earlier ones)")
    .argument("[FILE...]", "desired-state YAML files, in overlay order (after the stack's files with --stack)")
    .addOption(varOption())
    .addOption(stackOption())
    .addOption(cwdOption())
    .addHelpText(
      "after",
      "\nPrints FILE:LINE:COL: message for every problem and exits 1, or exits 0 when the files are valid.\n" +
        "No API is called. Without any --var, variables are not known offline: each is noted on stderr\n" +
        "and the fields that use it are not checked. With --var, a variable used but not set is a problem.\n" +
        "--stack NAME reads lineworks-contacts:files and lineworks-contacts:vars from the stack's config, secret\n" +
        "vars included, through the pulumi CLI in the folder of Pulumi.yaml (the current folder or --cwd DIR);\n" +
        "its files are relative to that folder. Without a working pulumi CLI, Pulumi.NAME.yaml is read offline\n" +
        "and secret (secure:) vars are noted like unset variables. With --stack, the stack's lineworks:* and\n" +
        "lineworks-contacts:* keys are checked too: unknown keys (with the closest known one), secretFields, maxDeletes.",
    )
    .action((args: string[], options: { var: Record<string, string>; stack?: string; cwd?: string }, command: Command) => {
      const inputs = desiredInputsOrUsageError(command, args, options);
      const { files } = inputs;
      const result = loadForCli(inputs, (line) => process.stderr.write(`${line}\n`));
      const configProblems = [...unknownKeyProblems(inputs), ...stackSecretFieldProblems(inputs), ...maxDeletesProblems(inputs)];
      if (!result.ok) {
        for (const problem of result.problems) process.stdout.write(`${formatProblem(problem)}\n`);
        for (const line of configProblems) process.stdout.write(`${line}\n`);
        const count = result.problems.length + configProblems.length;
        process.stderr.write(`validate: ${count} problem${count === 1 ? "" : "s"} in ${[...files, ...(configProblems.length > 0 ? [inputs.stack!.stackFile] : [])].join(", ")}\n`);
        process.exitCode = 1;
        return;
      }
      const { state } = result;
      if (configProblems.length > 0) {
        for (const line of configProblems) process.stdout.write(`${line}\n`);
        process.stderr.write(`validate: ${configProblems.length} problem(s) in ${inputs.stack!.stackFile}\n`);
        process.exitCode = 1;
        return;
      }
      process.stdout.write(
        `valid: ${files.join(", ")} (${plural(state.tags, "tag")}, ${plural(state.userTags, "user tag")}, ` +
          `${plural(state.customProperties, "custom property", "custom properties")}, ${plural(state.contacts, "contact")})\n`,
      );
    });
}

/** Keys of the stack's `lineworks` and `lineworks-contacts` namespaces that nothing reads, refused as the program refuses them. */
function unknownKeyProblems(inputs: DesiredInputs): string[] {
  const stack = inputs.stack;
  if (stack === undefined) return [];
  const shown = path.relative(process.cwd(), stack.stackFile) || stack.stackFile;
  return unknownConfigKeyProblems([...Object.keys(stack.config), ...stack.secureKeys], shown);
}

/** `lineworks-contacts:maxDeletes` of the stack, checked as the program checks it. */
function maxDeletesProblems(inputs: DesiredInputs): string[] {
  const raw = inputs.stack?.config[MAX_DELETES_KEY];
  try {
    parseMaxDeletes(raw);
    return [];
  } catch (err) {
    return [`${inputs.stack!.stackFile}: ${(err as Error).message}`];
  }
}

/** `lineworks-contacts:secretFields` of the stack, checked as the program checks it. */
function stackSecretFieldProblems(inputs: DesiredInputs): string[] {
  const raw = inputs.stack?.config["lineworks-contacts:secretFields"];
  if (raw === undefined) return [];
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    value = raw;
  }
  const problems: string[] = [];
  secretFieldList(value, (index, message) =>
    problems.push(`${inputs.stack!.stackFile}: lineworks-contacts:secretFields${index === undefined ? "" : `[${index}]`}: ${message}`),
  );
  return problems;
}

function plural(entries: object, one: string, many = `${one}s`): string {
  const count = Object.keys(entries).length;
  return `${count} ${count === 1 ? one : many}`;
}
