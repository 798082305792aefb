import * as path from "node:path";
import type { Command } from "commander";
import { unknownConfigKeyProblems } from "../../provider/stack/config-keys";
import { MAX_DELETES_KEY, parseMaxDeletes } from "../../provider/program/delete-guard";
// The pure loader only: the package index also loads @pulumi/pulumi, which validate does not need.
import { loadDesiredState, type LoadResult } from "../../provider/loader/load";
import { formatProblem, sortProblems, type Problem } from "../../provider/loader/problems";
import { secretFieldList } from "../../provider/loader/resource-options";
import { oncePerKey, setVarCommand } from "../../provider/loader/variables";
import { failureReason, runPulumiSync } from "./pulumi-cli";
import { cwdOption, desiredInputsOrUsageError, stackOption, varOption, type DesiredInputs } from "./desired-inputs";

export { parseVarOption } from "./desired-inputs";

/** The stack's name as `pulumi` knows it, from its config file (`Pulumi.dev.yaml` → dev). */
const stackNameOf = (inputs: DesiredInputs): string | undefined => /^Pulumi\.(.+)\.yaml$/.exec(path.basename(inputs.stack?.stackFile ?? ""))?.[1];

/** How to give a variable its value: the stack's config key (with --stack), or --var. */
function howToSet(inputs: DesiredInputs, name: string): string {
  const stack = stackNameOf(inputs);
  return stack === undefined ? `give --var ${name}=VALUE` : `set it with ${setVarCommand(name, stack)} (or give --var ${name}=VALUE)`;
}

/**
 * Loads the desired state as `validate` does: variables without a value offline (no --var at
 * all, or secret in the stack file) are noted on stderr and the fields using them unchecked;
 * any other variable without a value is a problem once values were given. One note or problem
 * per variable, naming every place that uses it.
 */
export function loadForCli(inputs: DesiredInputs, log: (line: string) => void): LoadResult {
  const result = loadDesiredState(inputs.files, inputs.vars, { unsetVariables: "unchecked" });
  const undefinedVars: Problem[] = [];
  const notes: Problem[] = [];
  for (const unset of result.unsetVariables) {
    const { name } = unset;
    if (inputs.varsRequired && !inputs.unknownVars.has(name)) {
      undefinedVars.push({ ...unset, message: `undefined variable \${vars.${name}}: ${howToSet(inputs, name)}` });
    } else if (inputs.unknownVars.has(name)) {
      notes.push({ ...unset, message: `\${vars.${name}} is secret in ${inputs.stack?.stackFile ?? "the stack file"} and has no value offline; give --var ${name}=VALUE to check the fields that use it` });
    } else {
      notes.push({ ...unset, message: `\${vars.${name}} has no value offline; give --var ${name}=VALUE to check the fields that use it` });
    }
  }
  const byVariable = (problem: Problem) => /\$\{vars\.([^}]*)\}/.exec(problem.message)?.[1];
  for (const note of oncePerKey(sortProblems(notes, inputs.files), byVariable)) log(`note: ${formatProblem(note)}`);
  if (undefinedVars.length === 0) return result;
  const problems = sortProblems([...(result.ok ? [] : result.problems), ...oncePerKey(sortProblems(undefinedVars, inputs.files), byVariable)], inputs.files);
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
        "lineworks-contacts:* keys are checked too: unknown keys (with the closest known one), secretFields, maxDeletes.\n" +
        "With neither FILE nor --stack, the stack pulumi has selected there (pulumi stack select NAME).",
    )
    .action((args: string[], options: { var: Record<string, string>; stack?: string; cwd?: string }, command: Command) => {
      const stack = options.stack ?? (args.length === 0 ? selectedStack(command, options.cwd ?? process.cwd()) : undefined);
      const inputs = desiredInputsOrUsageError(command, args, { ...options, ...(stack === undefined ? {} : { stack }) });
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

/**
 * With neither FILE nor --stack: the stack `pulumi` has selected in the project's folder, said on
 * stderr; none selected (or no pulumi) is a usage error that names both ways out.
 */
function selectedStack(command: Command, cwd: string): string {
  const run = runPulumiSync(["stack", "--show-name"], cwd);
  const name = run.code === 0 ? run.stdout.trim() : "";
  if (name === "") {
    const why = run.code === 0 ? "no stack is selected" : failureReason(run, "pulumi stack --show-name");
    command.error(`error: give desired-state FILEs or --stack NAME (no selected stack to validate: ${why}; select one with pulumi stack select NAME)`, {
      exitCode: 1,
      code: "lineworks.usage",
    });
  }
  process.stderr.write(`validate: no FILE or --stack given: validating the selected stack ${name}\n`);
  return name;
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
