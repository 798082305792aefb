/**
 * Reads a stack's settings offline from `Pulumi.NAME.yaml` beside `Pulumi.yaml`, for the CLI's
 * `--stack`: the desired-state files and vars (CONTRACT §5) and the plain `lineworks:*` values.
 * Secure (encrypted) values cannot be read without the stack's secrets provider: they are
 * reported by name, never decrypted.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";

export interface StackSettings {
  /** The folder of Pulumi.yaml: files are relative to it. */
  projectDir: string;
  stackFile: string;
  files: string[];
  /** Plain values of `lineworks-contacts:vars`. */
  vars: Record<string, string>;
  /** Vars whose values are secure (encrypted) in the stack file. */
  secretVars: string[];
  /** Plain config values by full key (`lineworks:domainId`), strings as Pulumi passes them. */
  plainConfig: Record<string, string>;
  /** Keys whose values are secure. */
  secureKeys: string[];
}

export class StackConfigError extends Error {}

const isSecure = (value: unknown): boolean =>
  typeof value === "object" && value !== null && !Array.isArray(value) && Object.keys(value).length === 1 && "secure" in value;

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

export function readStackSettings(stack: string, cwd: string = process.cwd()): StackSettings {
  if (!/^[A-Za-z0-9_.\-/]+$/.test(stack)) throw new StackConfigError(`invalid stack name "${stack}"`);
  const projectDir = path.resolve(cwd);
  const projectFile = path.join(projectDir, "Pulumi.yaml");
  const project = readYaml(projectFile) as { name?: unknown; stackConfigDir?: unknown } | null;
  const projectName = typeof project?.name === "string" ? project.name : undefined;
  const configDir = typeof project?.stackConfigDir === "string" ? path.resolve(projectDir, project.stackConfigDir) : projectDir;
  // `org/project/dev` names the stack dev.
  const shortName = stack.split("/").pop()!;
  const stackFile = path.join(configDir, `Pulumi.${shortName}.yaml`);
  const document = readYaml(stackFile) as { config?: unknown } | null;
  const config = (document?.config ?? {}) as Record<string, unknown>;
  if (typeof config !== "object" || Array.isArray(config)) throw new StackConfigError(`${stackFile}: config must be a map`);

  const plainConfig: Record<string, string> = {};
  const secureKeys: string[] = [];
  const values = new Map<string, unknown>();
  for (const [rawKey, value] of Object.entries(config)) {
    // A key without a namespace belongs to the project.
    const key = rawKey.includes(":") || projectName === undefined ? rawKey : `${projectName}:${rawKey}`;
    values.set(key, value);
    if (isSecure(value)) secureKeys.push(key);
    else if (value !== null && typeof value !== "object") plainConfig[key] = String(value);
  }

  const filesValue = values.get("lineworks-contacts:files");
  if (isSecure(filesValue)) throw new StackConfigError(`${stackFile}: lineworks-contacts:files is secret and cannot be read offline`);
  const files = typeof filesValue === "string" ? parseJsonList(filesValue, stackFile) : filesValue;
  if (!Array.isArray(files) || files.length === 0 || files.some((file) => typeof file !== "string" || file === "")) {
    throw new StackConfigError(`${stackFile}: lineworks-contacts:files must be a non-empty list of desired-state files`);
  }

  const vars: Record<string, string> = {};
  const secretVars: string[] = [];
  const varsValue = values.get("lineworks-contacts:vars");
  if (isSecure(varsValue)) throw new StackConfigError(`${stackFile}: lineworks-contacts:vars is secret as a whole and cannot be read offline`);
  if (varsValue !== undefined && varsValue !== null) {
    if (typeof varsValue !== "object" || Array.isArray(varsValue)) throw new StackConfigError(`${stackFile}: lineworks-contacts:vars must be a map`);
    for (const [name, value] of Object.entries(varsValue)) {
      if (isSecure(value)) secretVars.push(name);
      else if (value === null || typeof value === "object") throw new StackConfigError(`${stackFile}: lineworks-contacts:vars.${name} must be a string, number or boolean`);
      else vars[name] = String(value);
    }
  }
  return { projectDir, stackFile, files: files as string[], vars, secretVars, plainConfig, secureKeys };
}

function parseJsonList(text: string, stackFile: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new StackConfigError(`${stackFile}: lineworks-contacts:files must be a JSON list`);
  }
}
