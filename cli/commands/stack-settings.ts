/**
 * `--stack NAME [--cwd DIR]` for validate, audit and export (CONTRACT §4): the stack's config,
 * secure values included, through the Pulumi CLI (`pulumi config --show-secrets --json`, run in
 * the project's folder with this process's environment, so with the passphrase or secrets
 * provider `pulumi` would use). Without a working CLI, Pulumi.NAME.yaml is read offline: plain
 * values only, and a note names the secure values this command needed but could not read.
 */
import {
  locateStack,
  readStackSettings,
  stackSettingsFromPulumiJson,
  StackConfigError,
  type StackSettings,
} from "../../provider/stack/stack-config";
import { CONFIG_READ_ARGS, failureReason, runPulumiSync } from "./pulumi-cli";

/** What a command takes from the stack: the desired-state files and vars, the lineworks:* credentials, or both. */
export interface StackNeeds {
  desiredState: boolean;
  credentials: boolean;
  /** Vars given otherwise (`--var`): not missed when the stack's value cannot be read. */
  givenVars?: readonly string[];
}

export interface CliStack {
  settings: StackSettings;
  /** One line each, for stderr. */
  notes: string[];
}

export function readStackForCli(stack: string, cwd: string, needs: StackNeeds, env: NodeJS.ProcessEnv = process.env): CliStack {
  const location = locateStack(stack, cwd);
  const options = { requireFiles: needs.desiredState };
  const run = runPulumiSync(CONFIG_READ_ARGS(stack), location.projectDir, env);
  let why = failureReason(run, "pulumi config");
  if (run.code === 0) {
    let json: unknown;
    try {
      json = JSON.parse(run.stdout);
    } catch {
      why = "pulumi config --json printed no JSON";
    }
    if (json !== undefined) return { settings: stackSettingsFromPulumiJson(location, json, options), notes: [] };
  }
  const settings = readStackSettings(stack, cwd, options);
  const lost = [
    ...(needs.desiredState
      ? settings.secretVars.filter((name) => !needs.givenVars?.includes(name)).map((name) => `lineworks-contacts:vars.${name}`)
      : []),
    ...(needs.credentials ? settings.secureKeys.filter((key) => key.startsWith("lineworks:")) : []),
  ];
  const notes =
    lost.length === 0
      ? []
      : [`${lost.join(", ")} ${lost.length === 1 ? "is" : "are"} secure in ${settings.stackFile} and could not be read through the Pulumi CLI (${why})`];
  return { settings, notes };
}

export { StackConfigError };
