/** What `npm pack` puts in the tarball users install (CONTRACT §9). */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../../support/repo-root";
import { makeOutsideDir, packPackage, type PackedPackage } from "./consumer";

describe("the npm package", () => {
  let outside: string;
  let packed: PackedPackage;

  beforeAll(async () => {
    outside = makeOutsideDir("lwc-pack-");
    packed = await packPackage(outside);
  }, 180_000);
  afterAll(() => {
    if (outside) fs.rmSync(outside, { recursive: true, force: true });
  });

  it("holds dist/, bin/, README.md, LICENSE and package.json, and nothing else", () => {
    const outsideLayout = packed.files.filter((file) => !/^(dist|bin)\//.test(file) && !["README.md", "LICENSE", "package.json"].includes(file));
    expect(outsideLayout).toEqual([]);
    for (const required of ["README.md", "LICENSE", "package.json", "bin/lineworks-contacts.js", "dist/provider/index.js", "dist/provider/index.d.ts", "dist/cli/index.js", "dist/emulator/index.js", "dist/schema/desired-state.schema.json"]) {
      expect(packed.files).toContain(required);
    }
  });

  it("has no test, bench, script or tool file, nor any example", () => {
    const offenders = packed.files.filter(
      (file) => /(^|\/)(test|tests|__tests__|bench|scripts|tools|examples|\.ci)\//.test(file) || /\.(test|spec|bench)\.[cm]?[jt]s$/.test(file) || /\.sh$/.test(file),
    );
    expect(offenders).toEqual([]);
    // Every compiled file comes from the library's sources (provider/, emulator/, cli/, index.ts);
    // the one generated file is the editors' JSON Schema (scripts/build-schema.js).
    const compiled = packed.files.filter((file) => file.startsWith("dist/") && file !== "dist/schema/desired-state.schema.json");
    expect(compiled.filter((file) => !/^dist\/(provider|emulator|cli)\/|^dist\/index\.(js|d\.ts|js\.map)$/.test(file))).toEqual([]);
    // ...and from one that still exists (scripts/prune-dist.js removes what a deleted source left).
    const stale = compiled.filter((file) => {
      const source = file.replace(/^dist\//, "").replace(/(\.d\.ts|\.js\.map|\.js)$/, ".ts");
      return !fs.existsSync(path.join(repoRoot, source));
    });
    expect(stale).toEqual([]);
  });

  it("declares @pulumi/pulumi as a peer dependency only, is publishable and licensed as its LICENSE says", () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8"));
    expect(manifest.private).toBeUndefined();
    expect(manifest.peerDependencies).toEqual({ "@pulumi/pulumi": ">=3.248.0 <4" });
    expect(manifest.dependencies["@pulumi/pulumi"]).toBeUndefined();
    // The repository itself develops and tests on the newest SDK; the peer range keeps the oldest it supports.
    expect(manifest.devDependencies["@pulumi/pulumi"]).toBe("3.276.0");
    expect(manifest.engines).toEqual({ node: ">=22" });
    expect(manifest.license).toBe("Apache-2.0");
    const license = fs.readFileSync(path.join(repoRoot, "LICENSE"), "utf8");
    expect(license).toContain("Apache License\n                           Version 2.0, January 2004");
    expect(license).toContain("END OF TERMS AND CONDITIONS");
  });

  it("stays small", () => {
    // Today about 600 files (each module's .js, .d.ts and .js.map), 500 kB packed: a jump far
    // beyond that means something unintended got in.
    expect(packed.files.length).toBeLessThan(1_000);
    expect(packed.size).toBeLessThan(1_000_000);
  });
});
