/**
 * The emulator and the provider share no code (README "The emulator": it keeps its own
 * declaration of the API, written from the docs, never shared with the client): no file under
 * emulator/ imports from provider/ or cli/, and no file under provider/ imports from emulator/,
 * whether by a relative path or through the package's own name.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../support/repo-root";

const PACKAGE = "lineworks-contacts-pulumi";
/** import ... from "x", export ... from "x", import("x"), require("x"), import "x". */
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|\bimport\s+)["'`]([^"'`]+)["'`]/g;

function sourcesUnder(dir: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...sourcesUnder(full));
    else if (/\.(ts|js|mjs|cjs)$/.test(entry.name)) found.push(full);
  }
  return found;
}

/** The top-level folder of the repository a specifier of `file` reaches, or undefined (a dependency, node:). */
export function reachedFolder(file: string, specifier: string): string | undefined {
  if (specifier === PACKAGE || specifier.startsWith(`${PACKAGE}/`)) {
    const rest = specifier.slice(PACKAGE.length + 1);
    // The package's exports: "." and "./h", "./n" are the provider; "./provider/*", "./emulator/*" say so.
    if (rest === "" || rest === "h" || rest === "n") return "provider";
    return rest.split("/")[0];
  }
  if (!specifier.startsWith(".")) return undefined;
  const target = path.relative(repoRoot, path.resolve(path.dirname(file), specifier));
  return target.startsWith("..") ? undefined : target.split(path.sep)[0];
}

/** `file: specifier` for each import of a file under `from` that reaches one of `forbidden`. */
export function crossings(files: Array<{ file: string; text: string }>, forbidden: string[]): string[] {
  const found: string[] = [];
  for (const { file, text } of files) {
    for (const match of text.matchAll(SPECIFIER)) {
      const folder = reachedFolder(file, match[1]!);
      if (folder !== undefined && forbidden.includes(folder)) found.push(`${path.relative(repoRoot, file)}: ${match[1]}`);
    }
  }
  return found;
}

const read = (folder: string) => sourcesUnder(path.join(repoRoot, folder)).map((file) => ({ file, text: fs.readFileSync(file, "utf8") }));

describe("the emulator and the provider share no code", () => {
  it("no file under emulator/ imports from provider/ or cli/", () => {
    const files = read("emulator");
    expect(files.length).toBeGreaterThan(20);
    expect(crossings(files, ["provider", "cli"])).toEqual([]);
  });

  it("no file under provider/ imports from emulator/", () => {
    const files = read("provider");
    expect(files.length).toBeGreaterThan(20);
    expect(crossings(files, ["emulator"])).toEqual([]);
  });

  it("would see each way of crossing (relative, dynamic, require, re-export, the package's name)", () => {
    const file = path.join(repoRoot, "emulator", "routes", "example.ts");
    const text = [
      'import { LIMITS } from "../../provider/schema/limits";',
      'export { x } from "../../cli/index";',
      'const y = await import("../../provider/schema");',
      'const z = require("lineworks-contacts-pulumi");',
      'import "lineworks-contacts-pulumi/provider/rules";',
      'import { ok } from "../store";',
      'import { z as zod } from "zod";',
    ].join("\n");
    expect(crossings([{ file, text }], ["provider", "cli"])).toEqual([
      "emulator/routes/example.ts: ../../provider/schema/limits",
      "emulator/routes/example.ts: ../../cli/index",
      "emulator/routes/example.ts: ../../provider/schema",
      "emulator/routes/example.ts: lineworks-contacts-pulumi",
      "emulator/routes/example.ts: lineworks-contacts-pulumi/provider/rules",
    ]);
  });
});

describe("the declarations in provider/schema are the bottom layer", () => {
  /** Relative imports of files under provider/schema that leave the folder (the package's own name counts as leaving). */
  function importsLeavingSchema(files: Array<{ file: string; text: string }>): string[] {
    const schemaDir = path.join(repoRoot, "provider", "schema");
    const found: string[] = [];
    for (const { file, text } of files) {
      for (const match of text.matchAll(SPECIFIER)) {
        const specifier = match[1]!;
        const own = specifier === PACKAGE || specifier.startsWith(`${PACKAGE}/`);
        const target = specifier.startsWith(".") ? path.resolve(path.dirname(file), specifier) : undefined;
        const leaves = own || (target !== undefined && target !== schemaDir && !target.startsWith(`${schemaDir}${path.sep}`));
        if (leaves) found.push(`${path.relative(repoRoot, file)}: ${specifier}`);
      }
    }
    return found;
  }

  it("no file in provider/schema imports from another folder of the repository", () => {
    const files = read("provider/schema");
    expect(files.length).toBeGreaterThan(5);
    expect(importsLeavingSchema(files)).toEqual([]);
  });

  it("would see an import that climbs out of the folder", () => {
    const file = path.join(repoRoot, "provider", "schema", "example.ts");
    const text = ['import { x } from "./facts";', 'import { y } from "../rules/limits";', 'import { z } from "zod";', 'export * from "lineworks-contacts-pulumi/h";'].join("\n");
    expect(importsLeavingSchema([{ file, text }])).toEqual([
      "provider/schema/example.ts: ../rules/limits",
      "provider/schema/example.ts: lineworks-contacts-pulumi/h",
    ]);
  });
});
