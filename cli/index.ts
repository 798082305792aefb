import * as fs from "node:fs";
import * as path from "node:path";
import { Command, CommanderError } from "commander";
import { registerEmulatorCommand } from "./commands/emulator";
import { registerValidateCommand } from "./commands/validate";
import { registerExportCommand } from "./commands/export";
import { registerAuditCommand } from "./commands/audit";
import { registerPlanCommand } from "./commands/plan";

/** The version in the package's package.json (found from dist/cli/ or from the sources). */
export function packageVersion(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const file = path.join(dir, "package.json");
    if (fs.existsSync(file)) {
      const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as { name?: string; version?: string };
      if (manifest.name === "lineworks-contacts-pulumi" && manifest.version) return manifest.version;
    }
    if (path.dirname(dir) === dir) return "unknown";
  }
}

export function buildProgram(): Command {
  const program = new Command("lineworks-contacts")
    .description("Configuration-as-code for the LINE WORKS Contact API")
    .version(packageVersion(), "-V, --version", "print the package's version")
    .showHelpAfterError(false)
    // Commander puts "(Did you mean --port?)" on a second line; the reason stays one line.
    .configureOutput({ outputError: (text, write) => write(`${text.trim().replace(/\s*\n\s*/g, " ")}\n`) })
    .exitOverride();
  registerEmulatorCommand(program);
  registerValidateCommand(program);
  registerExportCommand(program);
  registerAuditCommand(program);
  registerPlanCommand(program);
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
