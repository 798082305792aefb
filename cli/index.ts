import { Command, CommanderError } from "commander";
import { registerEmulatorCommand } from "./commands/emulator";
import { registerValidateCommand } from "./commands/validate";
import { registerExportCommand } from "./commands/export";

export function buildProgram(): Command {
  const program = new Command("lineworks-contacts")
    .description("Configuration-as-code for the LINE WORKS Contact API")
    .showHelpAfterError(false)
    .exitOverride();
  registerEmulatorCommand(program);
  registerValidateCommand(program);
  registerExportCommand(program);
  for (const command of program.commands) command.exitOverride();
  return program;
}

/** Runs the CLI; bad arguments exit non-zero with a one-line reason. */
export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
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
