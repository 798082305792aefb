import { InvalidArgumentError, Option, type Command } from "commander";
import { LIMITS } from "../../emulator/assumptions";
import { startEmulator } from "../../emulator/server";

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
}

export function registerEmulatorCommand(program: Command): void {
  program
    .command("emulator")
    .description("run the LINE WORKS Contact API emulator until stopped; prints its base URL on the first line")
    .option("--host <host>", "interface to listen on", "127.0.0.1")
    .option("--port <port>", "port to listen on (0 picks a free port)", integerOption("--port", 0, 65535), 8787)
    .option("--data <file>", "keep state in FILE across restarts (atomic writes); default in memory")
    .option("--seed <file>", "load domains, members and credentials from a YAML file")
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
    .addOption(
      // Hidden: lets tests reach the 50,000-contact cap with a few contacts.
      new Option("--max-reachable-contacts <n>")
        .hideHelp()
        .argParser(integerOption("--max-reachable-contacts", 1, LIMITS.reachableContacts))
        .default(LIMITS.reachableContacts),
    )
    .action(async (options: EmulatorCommandOptions) => {
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
        ...(options.seed ? { seedFile: options.seed } : {}),
        requestsPerMinute: options.requestsPerMinute,
        accessTokenTtlSeconds: options.accessTokenTtl,
        reachableContacts: options.maxReachableContacts,
      });
      process.stdout.write(`${emulator.url}\n`);
      // Later lines only: the first is the base URL alone (CONTRACT §4).
      process.stdout.write(`dashboard: ${emulator.url}/_emulator/ui (only on this address)\n`);
      await stopped;
      await emulator.close();
    });
}
