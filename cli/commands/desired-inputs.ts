/**
 * The desired-state files and vars of `validate` and `audit`: FILE arguments and `--var`s,
 * plus, with `--stack NAME`, those of Pulumi.NAME.yaml (its files relative to its folder).
 */
import * as path from "node:path";
import { InvalidArgumentError, Option, type Command } from "commander";
import { readStackSettings, type StackSettings } from "../../provider/desired-state/stack-config";

/** Collects repeated `--var NAME=VALUE` options. */
export function parseVarOption(text: string, previous: Record<string, string> = {}): Record<string, string> {
  const equals = text.indexOf("=");
  const name = equals < 0 ? "" : text.slice(0, equals);
  if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(name)) {
    throw new InvalidArgumentError(`expected NAME=VALUE, got "${text}"`);
  }
  return { ...previous, [name]: text.slice(equals + 1) };
}

export const varOption = () =>
  new Option("--var <NAME=VALUE>", "value for ${vars.NAME} (repeatable); once any is given, a variable used but not set is an error")
    .argParser(parseVarOption)
    .default({}, "none");

export const stackOption = () => new Option("--stack <NAME>", "also take files and vars from Pulumi.NAME.yaml (beside Pulumi.yaml)");
export const cwdOption = () => new Option("--cwd <DIR>", "the folder of Pulumi.yaml for --stack (default: the current folder)");

export interface DesiredInputs {
  /** File names as shown in problems: relative to the current folder. */
  files: string[];
  vars: Record<string, string>;
  /** Vars that have no value offline (secret in the stack file): noted, their fields unchecked. */
  unknownVars: Set<string>;
  /** True when every variable used must have a value (some --var or a stack was given). */
  varsRequired: boolean;
  stack?: StackSettings;
}

export function desiredInputs(files: string[], options: { var: Record<string, string>; stack?: string; cwd?: string }): DesiredInputs {
  if (options.cwd !== undefined && options.stack === undefined) throw new InvalidArgumentError("--cwd needs --stack");
  if (options.stack === undefined) {
    if (files.length === 0) throw new InvalidArgumentError("give desired-state FILEs or --stack NAME");
    return { files, vars: options.var, unknownVars: new Set(), varsRequired: Object.keys(options.var).length > 0 };
  }
  const stack = readStackSettings(options.stack, options.cwd ?? process.cwd());
  const stackFiles = stack.files.map((file) => path.relative(process.cwd(), path.resolve(stack.projectDir, file)) || file);
  const unknownVars = new Set(stack.secretVars.filter((name) => !(name in options.var)));
  return { files: [...stackFiles, ...files], vars: { ...stack.vars, ...options.var }, unknownVars, varsRequired: true, stack };
}

/** desiredInputs, with a bad combination of arguments reported as commander reports its own. */
export function desiredInputsOrUsageError(command: Command, files: string[], options: Parameters<typeof desiredInputs>[1]): DesiredInputs {
  try {
    return desiredInputs(files, options);
  } catch (err) {
    if (err instanceof InvalidArgumentError) command.error(`error: ${err.message}`, { exitCode: 1, code: "lineworks.usage" });
    throw err;
  }
}
