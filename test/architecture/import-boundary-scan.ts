/**
 * Every way a source file loads another module, found in its text: `import … from "x"`,
 * `export … from "x"`, `import "x"`, `import("x")`, `require("x")`, `require.resolve("x")`,
 * `createRequire(…)("x")` and calls of a name bound to `createRequire(…)` (also `.resolve`). A
 * load whose specifier is not one plain string (`import(base + "/x")`, a template with `${}`, a
 * variable) is reported as computed: it cannot be checked, so a file that must stay on its side
 * of a boundary may not have one.
 */
import * as path from "node:path";
import { repoRoot } from "../support/repo-root";

export const PACKAGE = "lineworks-contacts-pulumi";

export type Load = { specifier: string; line: number } | { computed: string; line: number };

/** Static forms: `from "x"` (import and export) and the bare `import "x"`. */
const STATIC = /(?:\bfrom\s*|^\s*import\s*)["'`]([^"'`]+)["'`]/gm;
/** What follows a call's opening parenthesis when its first argument is one plain string. */
const LITERAL_ARGUMENT = /^\s*(?:"([^"\n]*)"|'([^'\n]*)'|`([^`$\n]*)`)\s*[,)]/;

/** Block comments and whole-line `//` comments blanked (lines kept, so line numbers stay right). */
function withoutComments(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, " "))
    .replace(/^[ \t]*\/\/.*$/gm, (comment) => " ".repeat(comment.length));
}

const lineAt = (text: string, index: number) => text.slice(0, index).split("\n").length;
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Each module load in `source`, static or called, with its line. */
export function loadsIn(source: string): Load[] {
  const text = withoutComments(source);
  const loads: Load[] = [];
  for (const match of text.matchAll(STATIC)) loads.push({ specifier: match[1]!, line: lineAt(text, match.index) });

  // The openings of every loading call: up to and including its "(".
  const callers = [/\bimport\s*\(/g, /\brequire\s*\(/g, /\brequire\.resolve\s*\(/g, /\bcreateRequire\s*\((?:[^()]|\([^()]*\))*\)\s*(?:\.resolve\s*)?\(/g];
  for (const bound of text.matchAll(/\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*(?:[\w$]+\.)?createRequire\s*\(/g)) {
    callers.push(new RegExp(`(?<![\\w$.])${escapeRegExp(bound[1]!)}\\s*(?:\\.resolve\\s*)?\\(`, "g"));
  }
  for (const caller of callers) {
    for (const match of text.matchAll(caller)) {
      const after = text.slice(match.index + match[0].length);
      const literal = LITERAL_ARGUMENT.exec(after);
      const line = lineAt(text, match.index);
      if (literal) loads.push({ specifier: (literal[1] ?? literal[2] ?? literal[3])!, line });
      else loads.push({ computed: `${match[0]}${after.slice(0, 40).split("\n")[0]}`, line });
    }
  }
  return loads.sort((a, b) => a.line - b.line);
}

/** The top-level folder of the repository a specifier of `file` reaches, or undefined (a dependency, node:). */
export function reachedFolder(file: string, specifier: string): string | undefined {
  if (specifier === PACKAGE || specifier.startsWith(`${PACKAGE}/`)) {
    const rest = specifier.slice(PACKAGE.length + 1);
    // The package's exports: "." and "./h" are the provider; "./provider/*", "./emulator/*" say so.
    if (rest === "" || rest === "h") return "provider";
    return rest.split("/")[0];
  }
  if (!specifier.startsWith(".")) return undefined;
  const target = path.relative(repoRoot, path.resolve(path.dirname(file), specifier));
  return target.startsWith("..") ? undefined : target.split(path.sep)[0];
}

/**
 * `file:line: specifier` for each load of a file that reaches one of `forbidden`, and, with
 * `refuseComputed`, `file:line: computed …` for each load that cannot be checked.
 */
export function crossings(files: Array<{ file: string; text: string }>, forbidden: string[], refuseComputed = false): string[] {
  const found: string[] = [];
  for (const { file, text } of files) {
    const where = path.relative(repoRoot, file);
    for (const load of loadsIn(text)) {
      if ("computed" in load) {
        if (refuseComputed) found.push(`${where}:${load.line}: computed ${load.computed}`);
        continue;
      }
      const folder = reachedFolder(file, load.specifier);
      if (folder !== undefined && forbidden.includes(folder)) found.push(`${where}:${load.line}: ${load.specifier}`);
    }
  }
  return found;
}
