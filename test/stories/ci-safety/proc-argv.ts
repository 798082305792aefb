/**
 * The command lines of the processes the argv capture (capture-argv.cjs) cannot see: every
 * process whose environment holds a marker (`NAME=VALUE`, inherited by all a run starts, Go
 * and shell processes included), read from /proc/PID/cmdline while the runs are in flight.
 * Polled every `intervalMs`: a process that is not Node.js and lives shorter than that can be
 * missed; the number of polls and of processes seen is reported so a test can tell it ran.
 */
import * as fs from "node:fs";

export interface ProcArgv {
  pid: number;
  argv: string[];
}

export interface ProcArgvWatch {
  /** Stops polling; every distinct (pid, command line) seen, and how many polls ran. */
  stop(): { seen: ProcArgv[]; polls: number };
}

function hasMarker(pid: string, marker: string): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/environ`, "latin1").split("\0").includes(marker);
  } catch {
    return false; // gone, or not ours to read
  }
}

export function watchProcArgv(marker: string, intervalMs = 50): ProcArgvWatch {
  const seen = new Map<string, ProcArgv>();
  let polls = 0;
  const poll = () => {
    polls++;
    for (const pid of fs.readdirSync("/proc")) {
      if (!/^\d+$/.test(pid) || Number(pid) === process.pid || !hasMarker(pid, marker)) continue;
      try {
        const argv = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter((arg, i, all) => i < all.length - 1 || arg !== "");
        if (argv.length > 0) seen.set(`${pid} ${argv.join("\0")}`, { pid: Number(pid), argv });
      } catch {
        // ended between the two reads
      }
    }
  };
  poll();
  const timer = setInterval(poll, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      poll();
      return { seen: [...seen.values()], polls };
    },
  };
}
