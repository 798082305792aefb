import * as fs from "node:fs";
import * as path from "node:path";
import { InvalidArgumentError, type Command } from "commander";
import { checkCwdNeedsStack, cwdOption, stackOption } from "./desired-inputs";
import { writePhotoFiles } from "./photo-files";

interface ExportOptions {
  out?: string;
  split?: string;
  photos?: string;
  stack?: string;
  cwd?: string;
}

export function registerExportCommand(program: Command): void {
  program
    .command("export")
    .description("read the live domain and write a desired-state YAML that reproduces it (with adopt: true)")
    .option("--out <FILE>", "write the YAML to FILE instead of stdout")
    .option("--split <DIR>", "write one file per section into DIR (tags.yaml, user-tags.yaml, custom-properties.yaml, contacts.yaml)")
    .option("--photos <DIR>", "also download contact photos into DIR (relative to the folder of the --out file or of --split)")
    .addOption(stackOption("the connection and credentials (lineworks:*)"))
    .addOption(cwdOption())
    .addHelpText(
      "after",
      "\nConnection and credentials come from the same environment variables as the provider:\n" +
        "LINEWORKS_API_BASE_URL, LINEWORKS_AUTH_URL, LINEWORKS_CLIENT_ID, LINEWORKS_CLIENT_SECRET,\n" +
        "LINEWORKS_SERVICE_ACCOUNT, LINEWORKS_PRIVATE_KEY (or LINEWORKS_PRIVATE_KEY_FILE) or\n" +
        "LINEWORKS_ACCESS_TOKEN, LINEWORKS_DOMAIN_ID; with --stack NAME, each one the environment\n" +
        "does not set comes from the stack's lineworks:* config, secure values included (read through\n" +
        "`pulumi config --show-secrets` in the folder of Pulumi.yaml). Progress goes to stderr.\n" +
        "Keys come from display names and stay the same from run to run; each entry carries its id as\n" +
        "a comment; owners are login emails where the app may read users (scope user.read). The files\n" +
        "set `adopt: true` so that `pulumi up` takes over the existing objects (Pulumi cannot import\n" +
        "dynamic resources). With --split, the `pulumi config set lineworks-contacts:files` line that\n" +
        "lists the files is printed to stderr.",
    )
    .action(async (options: ExportOptions, command: Command) => {
      const usage = (message: string) => command.error(`error: ${message}`, { exitCode: 1, code: "lineworks.usage" });
      if (options.out !== undefined && options.split !== undefined) {
        usage("--out and --split cannot be used together: --out FILE writes one file, --split DIR one file per section; keep one");
      }
      if (options.photos !== undefined && options.out === undefined && options.split === undefined) {
        usage("--photos needs --out FILE or --split DIR (photo paths are relative to the YAML files)");
      }
      try {
        checkCwdNeedsStack(options);
      } catch (err) {
        if (err instanceof InvalidArgumentError) usage(err.message);
        throw err;
      }
      const progress = (message: string) => process.stderr.write(`export: ${message}\n`);
      let stack;
      if (options.stack !== undefined) {
        const { readStackForCli } = await import("./stack-settings.js");
        const read = readStackForCli(options.stack, options.cwd ?? process.cwd(), { desiredState: false, credentials: true });
        for (const note of read.notes) progress(`note: ${note}`);
        stack = { settings: read.settings, name: options.stack };
      }
      // Loaded here so that other commands do not pay for the HTTP client.
      const { createContactApiClient } = await import("../../provider/client/index.js");
      const { readLiveDomain, toDesiredStateDocument, toDesiredStateFiles } = await import("../../provider/export/export.js");
      const { clientConfigForCli } = await import("./credentials.js");
      const config = clientConfigForCli(stack, process.env);
      const api = createContactApiClient(config, { log: progress });
      const live = await readLiveDomain(api, { photos: options.photos !== undefined, progress });
      const photoOptions = options.photos !== undefined ? { photoDir: toPosix(options.photos) } : {};
      if (options.split !== undefined) {
        const exported = toDesiredStateFiles(live, photoOptions);
        for (const note of exported.notes) progress(note);
        const dir = path.resolve(options.split);
        fs.mkdirSync(dir, { recursive: true });
        writePhotoFiles(dir, options.photos ?? "", exported.photoFiles);
        for (const file of exported.files) writeAtomically(path.join(dir, file.name), file.text);
        const { filesConfigCommand } = await import("../../provider/export/export-split.js");
        // lineworks-contacts:files are relative to the project: the stack's, else the current folder.
        const projectDir = stack?.settings.projectDir ?? process.cwd();
        const listed = exported.files.map((file) => toPosix(path.relative(projectDir, path.join(dir, file.name))));
        const photos = exported.photoFiles.size > 0 ? ` and ${exported.photoFiles.size} photos` : "";
        progress(`wrote ${listed.join(", ")}${photos}; list them in the stack's config with:`);
        process.stderr.write(`${filesConfigCommand(listed)}\n`);
        return;
      }
      const exported = toDesiredStateDocument(live, photoOptions);
      for (const note of exported.notes) progress(note);
      if (options.out === undefined) {
        process.stdout.write(exported.text);
        return;
      }
      writePhotoFiles(path.dirname(path.resolve(options.out)), options.photos ?? "", exported.photoFiles);
      writeAtomically(options.out, exported.text);
      progress(`wrote ${options.out}${exported.photoFiles.size > 0 ? ` and ${exported.photoFiles.size} photos` : ""}`);
    });
}

function toPosix(dir: string): string {
  return dir.split(path.sep).join("/").replace(/\/+$/, "");
}

function writeAtomically(file: string, text: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, text);
  fs.renameSync(temporary, file);
}
