import * as fs from "node:fs";
import * as path from "node:path";

export const invalidDir = path.resolve(__dirname, "invalid");

/**
 * One file of test/provider/loader/invalid: its first line says where the problem is, `# expect: [FILE:]LINE:COL fragment`;
 * `# before: FILE...` names files to load first (overlay cases); `# problems: N` says there are exactly N
 * (no echoes of the first).
 */
export interface InvalidCase {
  name: string;
  /** Files to pass before this one (overlay cases), relative to test/provider/loader/invalid. */
  before: string[];
  file: string;
  /** `FILE:LINE:COL` with FILE relative to test/provider/loader/invalid. */
  location: string;
  fragment: string;
  /** How many problems validate must print, when the file says. */
  problems?: number;
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
      const header = lines.slice(1).filter((line) => line.startsWith("# "));
      const before = header.map((line) => /^# before: (.+)$/.exec(line)?.[1]).find(Boolean)?.split(/\s+/) ?? [];
      const count = header.map((line) => /^# problems: (\d+)$/.exec(line)?.[1]).find(Boolean);
      const location = `${expect[1] ?? name}:${expect[2]}`;
      return { name, before, file: name, location, fragment: expect[3]!, ...(count ? { problems: Number(count) } : {}) };
    });
}
