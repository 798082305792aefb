import { Command, CommanderError } from "commander";
import { registerEmulatorCommand } from "./commands/emulator";
import { registerValidateCommand } from "./commands/validate";
import { registerExportCommand } from "./commands/export";
import { registerAuditCommand } from "./commands/audit";

export function buildProgram(): Command {
  const program = new Command("lineworks-contacts")
    .description("Configuration-as-code for the LINE WORKS Contact API")
    .showHelpAfterError(false)
    // Commander puts "(Did you mean --port?)" on a second line; the reason stays one line.
    .configureOutput({ outputError: (text, write) => write(`${text.trim().replace(/\s*\n\s*/g, " ")}\n`) })
    .exitOverride();
  registerEmulatorCommand(program);
  registerValidateCommand(program);
  registerExportCommand(program);
  registerAuditCommand(program);
  for (const command of program.commands) command.exitOverride();
  return program;
}

/** Runs the CLI; bad arguments exit non-zero with a one-line reason. */
export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  if (argv.length <= 2) {
    // Commander would print the whole help to stderr; a missing command is a bad argument like any other.
    process.stderr.write(`error: missing command (one of ${program.commands.map((c) => c.name()).join(", ")}; see --help)\n`);
    process.exitCode = 1;
    return;
  }
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      process.exitCode = err.exitCode;
      return;
    }
    throw err;
  }
}
