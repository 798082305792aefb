import { isValidKey } from "./keys";
import { positionAt, type PathSegment } from "./located";
import type { Problem } from "./problems";

/** `contacts.tanaka-taro.emails[0].email`; a name that is not a valid key is quoted: `tags["a::b"]`. */
export function dottedPath(path: readonly PathSegment[]): string {
  let text = "";
  for (const segment of path) {
    if (typeof segment === "number") text += `[${segment}]`;
    else if (!isValidKey(segment)) text += `[${JSON.stringify(segment)}]`;
    else text += text === "" ? segment : `.${segment}`;
  }
  return text;
}

/** Builds problems located in the merged state. */
export class ProblemSink {
  constructor(
    private readonly root: object,
    readonly problems: Problem[],
  ) {}

  /** A problem about the value at `path`, its message prefixed with the path. */
  at(path: readonly PathSegment[], message: string, options: { preferKey?: boolean } = {}): void {
    this.problems.push({ ...positionAt(this.root, path, options), message: `${dottedPath(path)}: ${message}` });
  }

  /** The file (as named in problems) that set the value at `path`. */
  fileOf(path: readonly PathSegment[]): string {
    return positionAt(this.root, path).file;
  }
}
