import { Option, type Command } from "commander";
import { formatProblem } from "../../provider/loader/problems";
import { cwdOption, desiredInputsOrUsageError, stackOption, varOption } from "./desired-inputs";
import { loadForCli } from "./validate";

interface AuditOptions {
  var: Record<string, string>;
  stack?: string;
  cwd?: string;
  json?: boolean;
}

/** Progress lines on stderr, only once the run has taken a while. */
function progressAfter(delayMs: number): (message: string) => void {
  const started = Date.now();
  return (message) => {
    if (Date.now() - started >= delayMs) process.stderr.write(`audit: ${message}\n`);
  };
}

export function registerAuditCommand(program: Command): void {
  program
    .command("audit")
    .description("compare the live domain with the desired state, read-only (exit 0 in sync, 2 when anything differs, 1 on error)")
    .argument("[FILE...]", "desired-state YAML files, in overlay order (after the stack's files with --stack)")
    .addOption(varOption())
    .addOption(stackOption())
    .addOption(cwdOption())
    .addOption(new Option("--json", 'print {"inSync", "differences", "unmanagedContacts"} as JSON'))
    .addHelpText(
      "after",
      "\nNo write call is made. With --stack and a readable state (pulumi stack export), objects are matched\n" +
        "by the id the stack holds for each key, so a name changed in the app is drift of that field. Else\n" +
        "company tags, user tags and custom properties are matched by natural key (name; userId and name;\n" +
        "propertyName), contacts by primary email. Each is in sync, drifted (the\n" +
        "fields that differ are named, never their values), missing or unmanaged; live contacts that no file\n" +
        "describes are counted. Fields in an entry's ignoreChanges are not compared; photos are not compared.\n" +
        "Credentials: the environment variables of `export`; with --stack, each one the environment does\n" +
        "not set comes from the stack's lineworks:* config, secure values included (through the pulumi CLI).",
    )
    .action(async (args: string[], options: AuditOptions, command: Command) => {
      const inputs = desiredInputsOrUsageError(command, args, options);
      const result = loadForCli(inputs, (line) => process.stderr.write(`${line}\n`));
      if (!result.ok) {
        for (const problem of result.problems) process.stderr.write(`${formatProblem(problem)}\n`);
        throw new Error(`${result.problems.length} problem(s) in the desired-state files`);
      }
      if (result.unsetVariables.length > 0) {
        throw new Error(`variables without a value: ${[...new Set(result.unsetVariables.map((v) => v.name))].join(", ")} (give --var NAME=VALUE)`);
      }
      const { createContactApiClient } = await import("../../provider/client/index.js");
      const { clientConfigForCli } = await import("./credentials.js");
      const { readLiveDomain } = await import("../../provider/export/export.js");
      const { compareDomain } = await import("../../provider/audit/compare.js");
      const { formatAuditText } = await import("../../provider/audit/format.js");

      const stack = inputs.stack;
      // The stack's config wins, the environment is the fallback (as in pulumi up); secure values not readable are noted by desiredInputs.
      const config = clientConfigForCli(stack && { settings: stack, name: options.stack! }, process.env);
      const progress = progressAfter(2000);
      const api = createContactApiClient(config, { log: progress, maxRetries: 2 });
      const started = Date.now();
      let live;
      try {
        live = await readLiveDomain(api, { progress });
      } catch (err) {
        // Wrong credentials, an unreachable endpoint...: one line, no stack trace.
        throw new Error(`cannot read the live domain: ${String((err as Error).message ?? err).split("\n")[0]}`);
      }
      let held;
      if (stack) {
        const { readHeldIds } = await import("./stack-state.js");
        const ids = await readHeldIds(options.stack!, stack.projectDir);
        if (ids.held) held = ids.held;
        else process.stderr.write(`audit: note: the state of stack ${options.stack} could not be read (${ids.why}); matching by natural key\n`);
      }
      const details = compareDomain(result.state, live, held);
      progress(`read the domain in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      if (details.contactsWithoutEmail.length > 0) {
        process.stderr.write(`audit: note: contacts without an email are not compared (no natural key): ${details.contactsWithoutEmail.join(", ")}\n`);
      }
      process.stdout.write(options.json ? `${JSON.stringify(details.report, null, 2)}\n` : formatAuditText(details));
      process.exitCode = details.report.inSync ? 0 : 2;
    });
}
