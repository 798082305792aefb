/**
 * The desired-state files and vars of `validate` and `audit`: FILE arguments and `--var`s,
 * plus, with `--stack NAME`, those of the stack's config (its files relative to the folder of
 * Pulumi.yaml), read through the Pulumi CLI when there is one (stack-settings.ts).
 */
import * as path from "node:path";
import { InvalidArgumentError, Option, type Command } from "commander";
import type { StackSettings } from "../../provider/stack/stack-config";
import { readStackForCli, type StackNeeds } from "./stack-settings";

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

export const stackOption = (what = "files and vars") =>
  new Option("--stack <NAME>", `also take ${what} from the stack's config (through the pulumi CLI, else Pulumi.NAME.yaml's plain values)`);
export const cwdOption = () => new Option("--cwd <DIR>", "the folder of Pulumi.yaml for --stack (default: the current folder)");

/** `--cwd` without `--stack` is a usage error. */
export function checkCwdNeedsStack(options: { stack?: string; cwd?: string }): void {
  if (options.cwd !== undefined && options.stack === undefined) throw new InvalidArgumentError("--cwd needs --stack");
}

export interface DesiredInputs {
  /** File names as shown in problems: relative to the current folder. */
  files: string[];
  vars: Record<string, string>;
  /** Vars that have no value offline (secret in the stack file): noted, their fields unchecked. */
  unknownVars: Set<string>;
  /** True when every variable used must have a value (some --var or a stack was given). */
  varsRequired: boolean;
  stack?: StackSettings;
  /** Notes about the stack's config (secure values that could not be read), one line each. */
  notes: string[];
}

export function desiredInputs(
  files: string[],
  options: { var: Record<string, string>; stack?: string; cwd?: string },
  needs: StackNeeds = { desiredState: true, credentials: false },
): DesiredInputs {
  checkCwdNeedsStack(options);
  if (options.stack === undefined) {
    if (files.length === 0) throw new InvalidArgumentError("give desired-state FILEs or --stack NAME");
    return { files, vars: options.var, unknownVars: new Set(), varsRequired: Object.keys(options.var).length > 0, notes: [] };
  }
  const { settings: stack, notes } = readStackForCli(options.stack, options.cwd ?? process.cwd(), { ...needs, givenVars: Object.keys(options.var) });
  const stackFiles = stack.files.map((file) => path.relative(process.cwd(), path.resolve(stack.projectDir, file)) || file);
  const unknownVars = new Set(stack.secretVars.filter((name) => !(name in options.var)));
  return { files: [...stackFiles, ...files], vars: { ...stack.vars, ...options.var }, unknownVars, varsRequired: true, stack, notes };
}

/**
 * desiredInputs, with a bad combination of arguments reported as commander reports its own and
 * the stack's notes printed on stderr. `audit` also reads the stack's credentials.
 */
export function desiredInputsOrUsageError(command: Command, files: string[], options: Parameters<typeof desiredInputs>[1]): DesiredInputs {
  try {
    const inputs = desiredInputs(files, options, { desiredState: true, credentials: command.name() === "audit" });
    for (const note of inputs.notes) process.stderr.write(`${command.name()}: note: ${note}\n`);
    return inputs;
  } catch (err) {
    if (err instanceof InvalidArgumentError) command.error(`error: ${err.message}`, { exitCode: 1, code: "lineworks.usage" });
    throw err;
  }
}
