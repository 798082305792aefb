/**
 * A stack's settings for the CLI's `--stack`: the desired-state files and vars (CONTRACT §5) and
 * the `lineworks:*` values. Two sources give the same shape: the config as the Pulumi CLI prints
 * it (`pulumi config --show-secrets --json`, secure values decrypted; the CLI runs it, see
 * cli/commands/stack-settings.ts), or, offline, `Pulumi.NAME.yaml` beside `Pulumi.yaml`, where
 * secure (encrypted) values cannot be read: they are reported by name, never decrypted.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { isRecord } from "../schema/json";
import { unknownConfigKeyProblems } from "./config-keys";

export interface StackLocation {
  /** The folder of Pulumi.yaml: files are relative to it. */
  projectDir: string;
  /** Pulumi.NAME.yaml (in the project's stackConfigDir, if it sets one). */
  stackFile: string;
  projectName: string | undefined;
}

export interface StackSettings extends StackLocation {
  /** Empty only when the caller did not require files. */
  files: string[];
  /** Values of `lineworks-contacts:vars` that could be read. */
  vars: Record<string, string>;
  /** Vars whose values are secure and could not be read (offline). */
  secretVars: string[];
  /**
   * Config values that could be read, by full key (`lineworks:domainId`), strings as Pulumi
   * passes them: plain values, and secure ones too when read through the Pulumi CLI.
   */
  config: Record<string, string>;
  /** Keys whose values are secure and could not be read (offline). */
  secureKeys: string[];
  /** "pulumi": read through the Pulumi CLI; "file": Pulumi.NAME.yaml read offline. */
  source: "pulumi" | "file";
}

export interface StackReadOptions {
  /** `lineworks-contacts:files` must name at least one file (validate, audit); default true. */
  requireFiles?: boolean;
}

export class StackConfigError extends Error {}

/** Marks a value that is secure and was not decrypted. */
const SECURE = Symbol("secure");
type RawValue = unknown;

const isSecure = (value: unknown): boolean =>
  value === SECURE ||
  (isRecord(value) && Object.keys(value).length === 1 && "secure" in value);

function readYaml(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    throw new StackConfigError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code === "ENOENT" ? "file not found" : (err as Error).message}`);
  }
  try {
    return parse(text, { maxAliasCount: 100 });
  } catch (err) {
    throw new StackConfigError(`${file}: ${(err as Error).message.split("\n")[0]}`);
  }
}

/** Finds Pulumi.yaml in `cwd` and the stack's config file (which need not exist yet). */
export function locateStack(stack: string, cwd: string = process.cwd()): StackLocation {
  if (!/^[A-Za-z0-9_.\-/]+$/.test(stack)) throw new StackConfigError(`invalid stack name "${stack}"`);
  const projectDir = path.resolve(cwd);
  const project = readYaml(path.join(projectDir, "Pulumi.yaml")) as { name?: unknown; stackConfigDir?: unknown } | null;
  const projectName = typeof project?.name === "string" ? project.name : undefined;
  const configDir = typeof project?.stackConfigDir === "string" ? path.resolve(projectDir, project.stackConfigDir) : projectDir;
  // `org/project/dev` names the stack dev.
  const shortName = stack.split("/").pop()!;
  return { projectDir, stackFile: path.join(configDir, `Pulumi.${shortName}.yaml`), projectName };
}

/** Offline: the settings of `Pulumi.NAME.yaml`; secure values are named, not read. */
export function readStackSettings(stack: string, cwd: string = process.cwd(), options: StackReadOptions = {}): StackSettings {
  const location = locateStack(stack, cwd);
  const document = readYaml(location.stackFile) as { config?: unknown } | null;
  const config = (document?.config ?? {}) as Record<string, unknown>;
  if (typeof config !== "object" || Array.isArray(config)) throw new StackConfigError(`${location.stackFile}: config must be a map`);
  const values = new Map<string, RawValue>();
  for (const [rawKey, value] of Object.entries(config)) {
    // A key without a namespace belongs to the project.
    const key = rawKey.includes(":") || location.projectName === undefined ? rawKey : `${location.projectName}:${rawKey}`;
    values.set(key, value);
  }
  return settingsFrom(location, values, "file", options);
}

/**
 * The settings in the output of `pulumi config --show-secrets --json`: per full key
 * `{value, objectValue?, secret}` (a secure value the CLI did not decrypt has no `value`).
 */
export function stackSettingsFromPulumiJson(location: StackLocation, json: unknown, options: StackReadOptions = {}): StackSettings {
  if (typeof json !== "object" || json === null || Array.isArray(json)) throw new StackConfigError("pulumi config --json printed no map");
  const values = new Map<string, RawValue>();
  for (const [key, entry] of Object.entries(json as Record<string, { value?: unknown; objectValue?: unknown }>)) {
    if (entry === null || typeof entry !== "object") continue;
    values.set(key, "objectValue" in entry ? entry.objectValue : "value" in entry ? entry.value : SECURE);
  }
  return settingsFrom(location, values, "pulumi", options);
}

function settingsFrom(location: StackLocation, values: Map<string, RawValue>, source: StackSettings["source"], options: StackReadOptions): StackSettings {
  const { stackFile } = location;
  const where = source === "file" ? stackFile : `stack config (${path.basename(stackFile)})`;
  const config: Record<string, string> = {};
  const secureKeys: string[] = [];
  for (const [key, value] of values) {
    if (isSecure(value)) secureKeys.push(key);
    else if (value !== null && value !== undefined && typeof value !== "object") config[key] = String(value);
    // An object or list value as Pulumi passes it to a program: JSON (only when nothing in it is secure).
    else if (typeof value === "object" && value !== null && !JSON.stringify(value).includes('"secure"')) config[key] = JSON.stringify(value);
  }

  const filesValue = values.get("lineworks-contacts:files");
  if (isSecure(filesValue)) throw new StackConfigError(`${where}: lineworks-contacts:files is secret and cannot be read offline`);
  let files: string[] = [];
  if (filesValue !== undefined || options.requireFiles !== false) {
    const list = typeof filesValue === "string" ? parseJsonList(filesValue, where) : filesValue;
    if (filesValue === undefined) {
      // A misspelt key (`lineworks-contacts:file`) is the likely cause: name it and the way out.
      const typos = unknownConfigKeyProblems([...values.keys()], path.basename(stackFile));
      if (typos.length > 0) throw new StackConfigError(`${where}: lineworks-contacts:files is not set: ${typos.join("; ")}`);
    }
    if (!Array.isArray(list) || list.length === 0 || list.some((file) => typeof file !== "string" || file === "")) {
      throw new StackConfigError(`${where}: lineworks-contacts:files must be a non-empty list of desired-state files`);
    }
    files = list as string[];
  }

  const vars: Record<string, string> = {};
  const secretVars: string[] = [];
  const raw = values.get("lineworks-contacts:vars");
  if (isSecure(raw)) throw new StackConfigError(`${where}: lineworks-contacts:vars is secret as a whole and cannot be read offline`);
  const varsValue = typeof raw === "string" ? parseJson(raw) : raw;
  if (varsValue !== undefined && varsValue !== null) {
    if (typeof varsValue !== "object" || Array.isArray(varsValue)) throw new StackConfigError(`${where}: lineworks-contacts:vars must be a map`);
    for (const [name, value] of Object.entries(varsValue)) {
      if (isSecure(value)) secretVars.push(name);
      else if (value === null || typeof value === "object") throw new StackConfigError(`${where}: lineworks-contacts:vars.${name} must be a string, number or boolean`);
      else vars[name] = String(value);
    }
  }
  return { ...location, files, vars, secretVars, config, secureKeys, source };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function parseJsonList(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new StackConfigError(`${where}: lineworks-contacts:files must be a JSON list`);
  }
}
