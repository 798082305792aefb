/**
 * Values that come from secure vars stay Pulumi secrets wherever they are used (CONTRACT §5):
 * `pulumi config set --secret --path lineworks-contacts:vars.NAME`. The loader substitutes
 * `${vars.NAME}` into plain strings, so the program marks, per resource input, every value
 * whose text holds a secure var's value. (A plain value that happens to contain the same text
 * is encrypted too: erring that way never leaks.)
 */
import * as pulumi from "@pulumi/pulumi";
import { readStackSettings } from "../stack/stack-config";

const VARS_KEY = "lineworks-contacts:vars";

function varsKeyIsSecret(): boolean {
  const runtime = pulumi.runtime as unknown as { isConfigSecret?: (key: string) => boolean };
  if (typeof runtime.isConfigSecret === "function") return runtime.isConfigSecret(VARS_KEY);
  try {
    return (JSON.parse(process.env.PULUMI_CONFIG_SECRET_KEYS ?? "[]") as string[]).includes(VARS_KEY);
  } catch {
    return false;
  }
}

/**
 * The values of the secure vars. Pulumi marks the whole `vars` key secret when any of its
 * values is; the stack's file tells which. When it cannot be read, every var counts as secure.
 */
export function secureVarValues(vars: Readonly<Record<string, string>>, projectDir: string): string[] {
  if (!varsKeyIsSecret()) return [];
  let names: string[];
  try {
    names = readStackSettings(pulumi.getStack(), projectDir).secretVars;
  } catch {
    names = Object.keys(vars);
  }
  return names.map((name) => vars[name]).filter((value): value is string => typeof value === "string" && value !== "");
}

/** Wraps a resource input in pulumi.secret when its text holds one of `secrets`. */
export function secretWhereUsed(secrets: readonly string[]): <T>(value: T) => T {
  const needles = secrets.filter((secret) => secret !== "").map((secret) => JSON.stringify(secret).slice(1, -1));
  if (needles.length === 0) return (value) => value;
  return <T>(value: T): T => {
    if (value === undefined || value === null) return value;
    const text = JSON.stringify(value);
    return needles.some((needle) => text.includes(needle)) ? (pulumi.secret(value) as unknown as T) : value;
  };
}
