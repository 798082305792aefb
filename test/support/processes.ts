import * as fs from "node:fs";

/** Pids of the processes whose working directory is `dir` (Linux /proc): a project's pulumi plugins. */
export function processesWorkingIn(dir: string): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (fs.readlinkSync(`/proc/${entry}/cwd`) === dir) pids.push(Number(entry));
    } catch {
      // gone, or not ours to read
    }
  }
  return pids;
}

/** Waits until no process works in `dir`; returns the pids still there after `timeoutMs`. */
export async function waitForNoProcessesIn(dir: string, timeoutMs: number): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  let left = processesWorkingIn(dir);
  while (left.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    left = processesWorkingIn(dir);
  }
  return left;
}
