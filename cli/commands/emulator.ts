import { InvalidArgumentError, Option, type Command } from "commander";
import { LIMITS } from "../../emulator/assumptions";
import { readDataFile } from "../../emulator/persistence";
import { DEFAULT_SEED, loadSeedFile } from "../../emulator/seed";
import { startEmulator } from "../../emulator/server";
import { applySettings, connectableUrl, emulatorSettings, readStackForEmulator, type EmulatorCredentials, type StackForEmulator } from "./configure-stack";
import { serveStackDomain, withAddedDomains, type ServedDomain } from "./stack-domain";
import { varOption } from "./desired-inputs";
import { CONSOLE_FIELD_PREFIX, describeStaged, loadImport } from "./emulator-import";

/** Reads the domain's credentials as any client would (GET /_emulator/credentials) and writes them into the stack. */
async function pointStackAtEmulator(target: StackForEmulator, served: ServedDomain, url: string): Promise<void> {
  const response = await fetch(`${connectableUrl(url)}/_emulator/credentials?domainId=${served.domainId}`);
  if (!response.ok) throw new Error(`cannot read the emulator's credentials: HTTP ${response.status}`);
  const settings = emulatorSettings(url, (await response.json()) as EmulatorCredentials);
  const lines = await applySettings(target, settings);
  process.stdout.write(`configured stack ${target.stack} for this emulator, ${served.note} (pulumi config in ${target.dir}):\n`);
  for (const line of lines) process.stdout.write(`  ${line}\n`);
}

function integerOption(name: string, min: number, max: number) {
  return (value: string): number => {
    if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`${name} must be an integer from ${min} to ${max}`);
    const parsed = Number(value);
    if (parsed < min || parsed > max) throw new InvalidArgumentError(`${name} must be an integer from ${min} to ${max}`);
    return parsed;
  };
}

interface EmulatorCommandOptions {
  host: string;
  port: number;
  data?: string;
  seed?: string;
  requestsPerMinute: number;
  accessTokenTtl: number;
  maxReachableContacts: number;
  configureStack?: string;
  import?: string[];
  var: Record<string, string>;
  force?: boolean;
  cwd?: string;
}

export function registerEmulatorCommand(program: Command): void {
  program
    .command("emulator")
    .description("run the LINE WORKS Contact API emulator until stopped; prints its base URL on the first line")
    .option("--host <host>", "interface to listen on", "127.0.0.1")
    .option("--port <port>", "port to listen on (0 picks a free port)", integerOption("--port", 0, 65535), 8787)
    .option("--data <file>", "keep state in FILE across restarts (atomic writes); default in memory")
    .option("--seed <file>", "load domains, members and credentials from a YAML file")
    .option("--import <FILE...>", "stage desired-state files in the first domain as if made in the app and admin console (with --data: only into a new data file)")
    .addOption(varOption())
    .option(
      "--requests-per-minute <n>",
      "rate limit per API operation per domain",
      integerOption("--requests-per-minute", 1, 1_000_000_000),
      LIMITS.requestsPerMinuteDefault,
    )
    .option(
      "--access-token-ttl <seconds>",
      "lifetime of issued access tokens (emulator only, for tests of token refresh)",
      integerOption("--access-token-ttl", 1, 10 * 365 * 24 * 3600),
      LIMITS.accessTokenTtlSecondsDefault,
    )
    .option("--configure-stack <NAME>", "point stack NAME at this emulator: its endpoints and credentials into the stack's lineworks:* config, through the pulumi CLI")
    .option("--force", "with --configure-stack: overwrite the stack's lineworks:domainId with the emulator's default domain")
    .option("--cwd <DIR>", "the folder of Pulumi.yaml for --configure-stack (default: the current folder)")
    .addOption(
      // Hidden: lets tests reach the 50,000-contact cap with a few contacts.
      new Option("--max-reachable-contacts <n>")
        .hideHelp()
        .argParser(integerOption("--max-reachable-contacts", 1, LIMITS.reachableContacts))
        .default(LIMITS.reachableContacts),
    )
    .addHelpText(
      "after",
      "\n--configure-stack NAME sets lineworks:apiBaseUrl, authUrl, clientId, serviceAccount and domainId as\n" +
        "plain values and lineworks:clientSecret and privateKey as secrets (on the pulumi CLI's stdin, never as\n" +
        "arguments), with the passphrase or secrets provider pulumi would use; values already right are left\n" +
        "alone. The stack must exist (pulumi stack init NAME). A stack's own lineworks:domainId is kept: the\n" +
        "emulator serves that domain (added at start with credentials of its own when the seed lacks it);\n" +
        "--force overwrites it with the default domain. A stack holding real-API endpoints or credentials is\n" +
        "refused. Without --data the key pair is new at every start: run with --configure-stack again after a\n" +
        "restart, or keep the emulator's data with --data FILE (outside your project: it holds secrets).\n" +
        "\n--import FILE... loads desired-state files (later ones overlay earlier ones; ${vars.NAME} from --var, each\n" +
        "one needed) as validate does: a problem is printed as FILE:LINE:COL and the emulator does not start. Their\n" +
        "tags, user tags (owner by email or id), custom properties, contacts, custom values, memos and photos are\n" +
        "made in the first domain without any API call (the request log stays empty). A propertyName starting with\n" +
        `${CONSOLE_FIELD_PREFIX} marks a field made in the admin console with the name left empty: it gets a random one. With\n` +
        "--data, the files are imported only when the data file does not exist yet; otherwise the import is skipped.",
    )
    .action(async (options: EmulatorCommandOptions, command: Command) => {
      if (options.cwd !== undefined && options.configureStack === undefined) {
        command.error("error: --cwd needs --configure-stack", { exitCode: 1, code: "lineworks.usage" });
      }
      if (options.force && options.configureStack === undefined) {
        command.error("error: --force needs --configure-stack", { exitCode: 1, code: "lineworks.usage" });
      }
      if (Object.keys(options.var).length > 0 && options.import === undefined) {
        command.error("error: --var needs --import (the values of ${vars.NAME} in the imported files)", { exitCode: 1, code: "lineworks.usage" });
      }
      // The stack is read (and a real-API stack refused) before the emulator starts: its domain id
      // decides which domains the emulator serves.
      const target = options.configureStack === undefined ? undefined : await readStackForEmulator(options.configureStack, options.cwd ?? process.cwd());
      const previous = options.data ? readDataFile(options.data) : undefined;
      const imported = options.import === undefined ? undefined : loadImport(options.import, options.var, (line) => process.stderr.write(`emulator: ${line}\n`));
      if (imported?.ok === false) {
        for (const problem of imported.problems) process.stderr.write(`${problem}\n`);
        process.stderr.write(`emulator: not started: fix the ${imported.problems.length === 1 ? "problem" : `${imported.problems.length} problems`} above in the --import files and start again\n`);
        process.exitCode = 1;
        return;
      }
      if (imported && previous !== undefined) {
        process.stderr.write(`emulator: --import skipped: the data file ${options.data} already holds a domain, kept as it is; to stage the files, start with a new --data FILE or without --data\n`);
      }
      const staged = imported?.ok && previous === undefined ? imported.staged : undefined;
      const seed = withAddedDomains(options.seed ? loadSeedFile(options.seed) : DEFAULT_SEED, previous);
      const served = target === undefined ? undefined : serveStackDomain(target, seed, options.force === true);
      // Listen for the stop signals before printing the URL: a caller may signal as
      // soon as it reads the line.
      const stopped = new Promise<void>((resolve) => {
        const stop = () => {
          process.off("SIGINT", stop);
          process.off("SIGTERM", stop);
          resolve();
        };
        process.on("SIGINT", stop);
        process.on("SIGTERM", stop);
      });
      const emulator = await startEmulator({
        host: options.host,
        port: options.port,
        ...(options.data ? { dataFile: options.data } : {}),
        seed: served?.seed ?? seed,
        requestsPerMinute: options.requestsPerMinute,
        accessTokenTtlSeconds: options.accessTokenTtl,
        reachableContacts: options.maxReachableContacts,
        ...(staged ? { staged } : {}),
      });
      process.stdout.write(`${emulator.url}\n`);
      // Later lines only: the first is the base URL alone (CONTRACT §4).
      process.stdout.write(`dashboard: ${emulator.url}/_emulator/ui (only on this address)\n`);
      if (staged) process.stdout.write(`${describeStaged(staged, options.import!)}\n`);
      if (target !== undefined && served !== undefined) {
        try {
          await pointStackAtEmulator(target, served, emulator.url);
        } catch (err) {
          await emulator.close();
          throw err;
        }
      }
      await stopped;
      await emulator.close();
    });
}
