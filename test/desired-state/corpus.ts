import * as fs from "node:fs";
import * as path from "node:path";

export const invalidDir = path.resolve(__dirname, "..", "invalid");

/** One file of test/invalid: its first line says where the problem is, `# expect: [FILE:]LINE:COL fragment`. */
export interface InvalidCase {
  name: string;
  /** Files to pass before this one (overlay cases), relative to test/invalid. */
  before: string[];
  file: string;
  /** `FILE:LINE:COL` with FILE relative to test/invalid. */
  location: string;
  fragment: string;
}

export const CORPUS_VARS = { owner: "admin@example.com" };

export function invalidCases(): InvalidCase[] {
  return fs
    .readdirSync(invalidDir)
    .filter((name) => name.endsWith(".yaml"))
    .sort()
    .map((name) => {
      const lines = fs.readFileSync(path.join(invalidDir, name), "utf8").split("\n");
      const expect = /^# expect: (?:(\S+):)?(\d+:\d+) (.+)$/.exec(lines[0] ?? "");
      if (!expect) throw new Error(`${name}: first line must be "# expect: [FILE:]LINE:COL fragment"`);
      const before = /^# before: (.+)$/.exec(lines[1] ?? "")?.[1]?.split(/\s+/) ?? [];
      return { name, before, file: name, location: `${expect[1] ?? name}:${expect[2]}`, fragment: expect[3]! };
    });
}
