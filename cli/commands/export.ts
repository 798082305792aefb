import type { Command } from "commander";

export function registerExportCommand(program: Command): void {
  program
    .command("export")
    .description("not implemented yet")
    .action(() => {
      throw new Error("export: not implemented yet");
    });
}
