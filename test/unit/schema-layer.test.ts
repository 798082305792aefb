/**
 * provider/schema is the bottom layer (issue 22): the declarations, the limits and the
 * comparison defaults live there, and nothing in it imports from a folder above it.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";

const schemaDir = path.join(__dirname, "..", "..", "provider", "schema");
const importsOf = (file: string) =>
  [...fs.readFileSync(file, "utf8").matchAll(/(?:^|\n)\s*(?:import|export)[^;]*?from\s+"([^"]+)"/g)].map((match) => match[1]!);

describe("provider/schema is the bottom layer", () => {
  const files = fs.readdirSync(schemaDir).filter((name) => name.endsWith(".ts"));

  it("has files to check", () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it("imports nothing from another folder of provider/ (only its own files and packages)", () => {
    const outward = files.flatMap((name) => importsOf(path.join(schemaDir, name)).filter((spec) => spec.startsWith("..")).map((spec) => `${name}: ${spec}`));
    expect(outward).toEqual([]);
  });
});
