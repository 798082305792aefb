import * as fs from "node:fs";
import * as path from "node:path";

/** The repository root: the nearest folder above this file (or its compiled copy) whose package.json is ours. */
function findRepoRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, "package.json");
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, "utf8")).name === "lineworks-contacts-pulumi") return dir;
    if (path.dirname(dir) === dir) throw new Error(`no lineworks-contacts-pulumi package.json above ${start}`);
  }
}

export const repoRoot = findRepoRoot(__dirname);
export const CLI_PATH = path.join(repoRoot, "bin", "lineworks-contacts.js");
