/**
 * The emulator and the provider share no code (README "The emulator": it keeps its own
 * declaration of the API, written from the docs, never shared with the client): no file under
 * emulator/ imports from provider/ or cli/, and no file under provider/ imports from emulator/,
 * whether by a relative path or through the package's own name, statically or by a call
 * (import(), require(), require.resolve(), createRequire(…)(…)); a file under emulator/ loads
 * nothing through a computed specifier, which no test could check (./import-boundary-scan.ts).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../support/repo-root";
import { PACKAGE, crossings, loadsIn } from "./import-boundary-scan";

function sourcesUnder(dir: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...sourcesUnder(full));
    else if (/\.(ts|js|mjs|cjs)$/.test(entry.name)) found.push(full);
  }
  return found;
}

const read = (folder: string) => sourcesUnder(path.join(repoRoot, folder)).map((file) => ({ file, text: fs.readFileSync(file, "utf8") }));

describe("the emulator and the provider share no code", () => {
  it("no file under emulator/ imports from provider/ or cli/, nor loads anything through a computed specifier", () => {
    const files = read("emulator");
    expect(files.length).toBeGreaterThan(20);
    expect(crossings(files, ["provider", "cli"], true)).toEqual([]);
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
      'const jose = import("jose", { with: { "resolution-mode": "import" } });',
      "// require(name) in a comment is no load",
    ].join("\n");
    expect(crossings([{ file, text }], ["provider", "cli"], true)).toEqual([
      "emulator/routes/example.ts:1: ../../provider/schema/limits",
      "emulator/routes/example.ts:2: ../../cli/index",
      "emulator/routes/example.ts:3: ../../provider/schema",
      "emulator/routes/example.ts:4: lineworks-contacts-pulumi",
      "emulator/routes/example.ts:5: lineworks-contacts-pulumi/provider/rules",
    ]);
  });

  it("catches require.resolve, createRequire(…)(…) and a computed import() in a file planted under emulator/", () => {
    const planted = path.join(repoRoot, "emulator", `zz-planted-${process.pid}-${Date.now()}.js`);
    const text = [
      'const resolved = require.resolve("../provider/schema/limits");',
      'const { createRequire } = require("node:module");',
      'const direct = createRequire(__filename)("../cli/index");',
      "const load = createRequire(__filename);",
      'const bound = load("lineworks-contacts-pulumi/h");',
      'const boundResolved = load.resolve("../provider/client");',
      'const folder = "provid" + "er";',
      "const computed = import(`../${folder}/schema/limits.js`);",
      "const concatenated = import('../' + folder);",
      "const variable = require(folder);",
    ].join("\n");
    fs.writeFileSync(planted, text);
    let found: string[];
    try {
      found = crossings(read("emulator"), ["provider", "cli"], true);
    } finally {
      fs.rmSync(planted, { force: true });
    }
    const name = path.relative(repoRoot, planted);
    expect(found).toEqual([
      `${name}:1: ../provider/schema/limits`,
      `${name}:3: ../cli/index`,
      `${name}:5: lineworks-contacts-pulumi/h`,
      `${name}:6: ../provider/client`,
      `${name}:8: computed import(\`../\${folder}/schema/limits.js\`);`,
      `${name}:9: computed import('../' + folder);`,
      `${name}:10: computed require(folder);`,
    ]);
    expect(fs.existsSync(planted)).toBe(false);
  });
});

describe("the declarations in provider/schema are the bottom layer", () => {
  /** Relative imports of files under provider/schema that leave the folder (the package's own name counts as leaving). */
  function importsLeavingSchema(files: Array<{ file: string; text: string }>): string[] {
    const schemaDir = path.join(repoRoot, "provider", "schema");
    const found: string[] = [];
    for (const { file, text } of files) {
      for (const load of loadsIn(text)) {
        if (!("specifier" in load)) continue;
        const specifier = load.specifier;
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
