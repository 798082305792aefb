/**
 * `lineworks-contacts plan [FILE]`: the JSON `pulumi preview --json` printed (FILE or stdin) as
 * a summary a reviewer reads (CONTRACT §4). Arguments and I/O only; the logic is in ../plan/.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { Option, type Command } from "commander";
import { readPhoto } from "../../provider/dynamic-provider/photo";
import { buildPlan, type PlanOptions } from "../plan/model";
import { readPreviewJson } from "../plan/preview-json";
import { renderPlan, type PlanFormat } from "../plan/render";

interface PlanCliOptions {
  stack?: string;
  cwd?: string;
  format: PlanFormat;
}

function readInput(file: string | undefined): string {
  if (file === undefined || file === "-") {
    if (process.stdin.isTTY) throw new Error("no preview to read: give FILE or pipe the output of pulumi preview --json");
    return fs.readFileSync(0, "utf8");
  }
  try {
    return fs.readFileSync(file, "utf8");
  } catch (err) {
    throw new Error(`cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); give the file pulumi preview --json wrote`);
  }
}

/** The photo's sha256 as the project has it now (paths are relative to the folder of Pulumi.yaml); undefined when unreadable. */
function photoHasher(projectDir: string): (photo: string) => string | undefined {
  return (photo) => {
    try {
      return readPhoto(projectDir, photo).sha256;
    } catch {
      return undefined;
    }
  };
}

export function registerPlanCommand(program: Command): void {
  program
    .command("plan")
    .description("summarize `pulumi preview --json` for a reviewer: Markdown (a pull-request comment) or text (exit 0 written, 1 on error)")
    .argument("[FILE]", "the JSON pulumi preview --json printed (default: stdin)")
    .addOption(new Option("--stack <NAME>", "name tags and properties the plan does not show from this stack's state (pulumi stack export, read-only)"))
    .addOption(new Option("--cwd <DIR>", "the folder of Pulumi.yaml (default: the current folder): photos and --stack are read from it"))
    .addOption(new Option("--format <FORMAT>", "markdown or text").choices(["markdown", "text"]).default("markdown"))
    .addHelpText(
      "after",
      "\nExample (a pull request's job):\n" +
        "  pulumi preview --stack dev --json > preview.json\n" +
        "  npx lineworks-contacts plan preview.json --stack dev >> \"$GITHUB_STEP_SUMMARY\"\n" +
        "Each object is named by its YAML key and display name, never an id or URN; secret values are never\n" +
        "shown; the Markdown stays under GitHub's 65,536-character comment limit and starts with the marker\n" +
        "<!-- lineworks-contacts plan: STACK --> by which a workflow finds the comment to update.",
    )
    .action(async (file: string | undefined, options: PlanCliOptions) => {
      const read = readPreviewJson(readInput(file));
      const projectDir = path.resolve(options.cwd ?? process.cwd());
      const planOptions: PlanOptions = { photoSha256: photoHasher(projectDir) };
      if (options.stack !== undefined) {
        const { readHeldEntries } = await import("./stack-state.js");
        const state = await readHeldEntries(options.stack, projectDir);
        if (state.held) planOptions.held = state.held;
        else process.stderr.write(`plan: note: the state of stack ${options.stack} could not be read (${state.why}); tags the plan does not show are not named\n`);
      }
      const plan = buildPlan(read, planOptions);
      process.stdout.write(renderPlan({ ...plan, ...(options.stack ? { stack: options.stack } : {}) }, options.format));
    });
}
