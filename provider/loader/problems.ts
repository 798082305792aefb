/** A problem found in desired-state files, at a 1-based line and column. */
export interface Problem {
  file: string;
  line: number;
  col: number;
  message: string;
}

export interface Position {
  file: string;
  line: number;
  col: number;
}

export function formatProblem(problem: Problem): string {
  return `${problem.file}:${problem.line}:${problem.col}: ${problem.message}`;
}

/** Problems in reading order: by file (in load order), line, column. */
export function sortProblems(problems: Problem[], fileOrder: string[]): Problem[] {
  const rank = (file: string) => {
    const index = fileOrder.indexOf(file);
    return index < 0 ? fileOrder.length : index;
  };
  return [...problems].sort(
    (a, b) => rank(a.file) - rank(b.file) || a.line - b.line || a.col - b.col || a.message.localeCompare(b.message),
  );
}

/** Thrown by the code paths that cannot return a result (the root program, the component). */
export class DesiredStateError extends Error {
  constructor(readonly problems: Problem[]) {
    super(
      `${problems.length} problem${problems.length === 1 ? "" : "s"} in the desired-state files:\n` +
        problems.map(formatProblem).join("\n"),
    );
    this.name = "DesiredStateError";
  }
}
