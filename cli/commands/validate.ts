import { InvalidArgumentError, Option, type Command } from "commander";
// The pure loader only: the package index also loads @pulumi/pulumi, which validate does not need.
import { loadDesiredState } from "../../provider/desired-state/load";
import { formatProblem } from "../../provider/desired-state/problems";

/** Collects repeated `--var NAME=VALUE` options. */
export function parseVarOption(text: string, previous: Record<string, string> = {}): Record<string, string> {
  const equals = text.indexOf("=");
  const name = equals < 0 ? "" : text.slice(0, equals);
  if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(name)) {
    throw new InvalidArgumentError(`expected NAME=VALUE, got "${text}"`);
  }
  return { ...previous, [name]: text.slice(equals + 1) };
}

export function registerValidateCommand(program: Command): void {
  program
    .command("validate")
    .description("validate desired-state files offline (later files overlay earlier ones)")
    .argument("<FILE...>", "desired-state YAML files, in overlay order")
    .addOption(
      new Option("--var <NAME=VALUE>", "value for ${vars.NAME} (repeatable); once any is given, a variable used but not set is an error")
        .argParser(parseVarOption)
        .default({}, "none"),
    )
    .addHelpText(
      "after",
      "\nPrints FILE:LINE:COL: message for every problem and exits 1, or exits 0 when the files are valid.\n" +
        "No API is called. Without any --var, variables are not known offline: each is noted on stderr\n" +
        "and the fields that use it are not checked. With --var, a variable used but not set is a problem.",
    )
    .action((files: string[], options: { var: Record<string, string> }) => {
      const varsGiven = Object.keys(options.var).length > 0;
      const result = loadDesiredState(files, options.var, { unsetVariables: varsGiven ? "error" : "unchecked" });
      for (const unset of result.unsetVariables) {
        process.stderr.write(
          `note: ${formatProblem({ ...unset, message: `\${vars.${unset.name}} has no value offline; give --var ${unset.name}=VALUE to check the field that uses it` })}\n`,
        );
      }
      if (!result.ok) {
        for (const problem of result.problems) process.stdout.write(`${formatProblem(problem)}\n`);
        const count = result.problems.length;
        process.stderr.write(`validate: ${count} problem${count === 1 ? "" : "s"} in ${files.join(", ")}\n`);
        process.exitCode = 1;
        return;
      }
      const { state } = result;
      process.stdout.write(
        `valid: ${files.join(", ")} (${plural(state.tags, "tag")}, ${plural(state.userTags, "user tag")}, ` +
          `${plural(state.customProperties, "custom property", "custom properties")}, ${plural(state.contacts, "contact")})\n`,
      );
    });
}

function plural(entries: object, one: string, many = `${one}s`): string {
  const count = Object.keys(entries).length;
  return `${count} ${count === 1 ? one : many}`;
}
