import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { describe, expect, it } from "vitest";

// Runs the built CLI (npx tsc -p . first). No command here reaches the network.
const CLI = path.resolve(__dirname, "../../bin/lineworks-contacts.js");

function run(args: string[]) {
  return spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", timeout: 20_000 });
}

describe("lineworks-contacts: bad arguments (CONTRACT §4)", () => {
  it.each([
    [[]],
    [["no-such-command"]],
    [["emulatr"]],
    [["emulator", "--prot", "1"]],
    [["validate"]],
    [["validate", "--vr", "x=1", "a.yaml"]],
    [["validate", "--var", "no-equals", "a.yaml"]],
    [["export", "--ot", "x.yaml"]],
    [["export", "extra"]],
    [["export", "--out", "x.yaml", "--split", "current"]],
    [["export", "--photos", "photos"]],
    [["audit", "--jsn"]],
    [["audit"]],
    [["audit", "--var", "no-equals", "a.yaml"]],
    [["validate", "--cwd", "."]],
    [["validate", "--stack"]],
  ])("%j exits non-zero with a one-line reason on stderr", (args) => {
    const result = run(args);
    expect(result.status).not.toBeNull();
    expect(result.status).not.toBe(0);
    expect(result.stdout).toBe("");
    const lines = result.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^error: \S/);
  });

  it("export: --out and --split exclude each other, and --photos needs one of them, before any connection", () => {
    expect(run(["export", "--out", "x.yaml", "--split", "current"]).stderr.trim()).toBe(
      "error: --out and --split cannot be used together: --out FILE writes one file, --split DIR one file per section; keep one",
    );
    expect(run(["export", "--photos", "photos"]).stderr.trim()).toBe("error: --photos needs --out FILE or --split DIR (photo paths are relative to the YAML files)");
  });

  it("keeps commander's suggestion on the same line", () => {
    expect(run(["emulator", "--prot", "1"]).stderr.trim()).toBe("error: unknown option '--prot' (Did you mean --port?)");
  });

  it.each([[["--help"]], [["emulator", "--help"]], [["validate", "--help"]], [["export", "--help"]], [["audit", "--help"]]])(
    "%j prints usage to stdout and exits 0",
    (args) => {
      const result = run(args);
      expect(result.status).toBe(0);
      expect(result.stdout).toMatch(/^Usage: lineworks-contacts/);
    },
  );
});
