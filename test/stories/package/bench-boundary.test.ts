/**
 * Issue 32 item 4: no bench or test code in the package, and bench/ imports nothing from test/.
 * Static: read from the sources and package.json, no build or pack (publish.test.ts and
 * tarball.test.ts check what npm would upload).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../../support/repo-root";

const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { exports: Record<string, string>; files: string[] };

function sourcesUnder(dir: string, extensions = /\.(ts|mts|cts|js|mjs|cjs)$/): string[] {
  const found: string[] = [];
  const walk = (folder: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        if (!["node_modules", "results", ".tmp"].includes(entry.name)) walk(full);
      } else if (extensions.test(entry.name)) found.push(full);
    }
  };
  walk(path.join(repoRoot, dir));
  return found;
}

/** Every module specifier of a file: static imports and exports, import(), require() and require.resolve(). */
export function specifiersOf(text: string): string[] {
  const patterns = [/\b(?:import|export)\b[^'"`;]*?\bfrom\s*["']([^"']+)["']/g, /\bimport\s*["']([^"']+)["']/g, /\b(?:import|require(?:\.resolve)?)\s*\(\s*["'`]([^"'`]+)["'`]\s*\)/g];
  return patterns.flatMap((pattern) => [...text.matchAll(pattern)].map((match) => match[1]!));
}

/** The repository's top-level folder a specifier of `file` reaches, or undefined (a dependency, node:, the package). */
function reachedFolder(file: string, specifier: string): string | undefined {
  if (!specifier.startsWith(".")) return undefined;
  const target = path.relative(repoRoot, path.resolve(path.dirname(file), specifier));
  return target.startsWith("..") ? undefined : target.split(path.sep)[0];
}

describe("the bench and the package stay apart", () => {
  it("finds every kind of load (the scan itself)", () => {
    const text = `import { a } from "../test/x";\nimport "../test/y";\nconst b = await import("../test/z");\nrequire("../test/w");\nexport * from "../test/v";`;
    expect(specifiersOf(text)).toEqual(expect.arrayContaining(["../test/x", "../test/y", "../test/z", "../test/w", "../test/v"]));
  });

  it("bench/ imports nothing from test/", () => {
    const files = sourcesUnder("bench");
    expect(files.length).toBeGreaterThan(5);
    const crossings = files.flatMap((file) =>
      specifiersOf(fs.readFileSync(file, "utf8"))
        .filter((specifier) => reachedFolder(file, specifier) === "test")
        .map((specifier) => `${path.relative(repoRoot, file)}: ${specifier}`),
    );
    expect(crossings).toEqual([]);
  });

  it("the package's exports are the provider, the emulator and the schema: no no-op resource, nothing of the bench", () => {
    expect(Object.keys(manifest.exports)).not.toContain("./n");
    for (const [subpath, target] of Object.entries(manifest.exports)) {
      expect(target, subpath).toMatch(/^\.\/(dist\/(provider|emulator|schema)\/|package\.json$)/);
      expect(target, subpath).not.toMatch(/noop|bench|test/i);
    }
    expect(manifest.files.filter((entry) => /bench|test/.test(entry))).toEqual([]);
  });

  it("what compiles into the package defines no no-op resource and loads nothing from bench/ or test/", () => {
    const shipped = [...sourcesUnder("provider", /\.ts$/), ...sourcesUnder("emulator", /\.ts$/), ...sourcesUnder("cli", /\.ts$/), path.join(repoRoot, "index.ts")];
    expect(shipped.filter((file) => /noop/i.test(path.basename(file))).map((file) => path.relative(repoRoot, file))).toEqual([]);
    const offending = shipped.flatMap((file) => {
      const text = fs.readFileSync(file, "utf8");
      const found = specifiersOf(text)
        .filter((specifier) => ["bench", "test"].includes(reachedFolder(file, specifier) ?? ""))
        .map((specifier) => `${path.relative(repoRoot, file)}: loads ${specifier}`);
      if (/\bNoopResource|\bnoopProvider\b/.test(text)) found.push(`${path.relative(repoRoot, file)}: a no-op resource`);
      return found;
    });
    expect(offending).toEqual([]);
  });
});
