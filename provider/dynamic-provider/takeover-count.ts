/**
 * How many objects this provider process took over (adopt: true found one with the entry's natural
 * key) and how many it created: the kit's create path records each outcome (kit.ts createOrAdopt).
 * When the engine closes the provider process at the end of `pulumi up` (SIGINT, measured with
 * pulumi v3.276: the engine shows what a provider writes to stderr then, with the run's
 * diagnostics), the process (./index.ts) prints one summary line:
 *   lineworks-contacts: this up took over 3 existing objects and created 2 new ones
 * Which objects are taken over, up's check already says, one note each (preview-notes.ts), as in a
 * preview. A preview creates nothing, so its process prints no summary. Nothing is kept in the state.
 */
import * as fs from "node:fs";

export class TakeoverCount {
  tookOver = 0;
  created = 0;
  record(adopted: boolean): void {
    if (adopted) this.tookOver += 1;
    else this.created += 1;
  }
}

/** The process's count (the provider module is a per-process singleton, see ./index.ts). */
export const takeoverCount = new TakeoverCount();

const objects = (n: number) => `${n} existing object${n === 1 ? "" : "s"}`;
const newOnes = (n: number) => `${n} new one${n === 1 ? "" : "s"}`;

/** The summary, or undefined when nothing was created or taken over. */
export function summaryLine(count: Pick<TakeoverCount, "tookOver" | "created">): string | undefined {
  if (count.tookOver === 0 && count.created === 0) return undefined;
  return `lineworks-contacts: this up took over ${objects(count.tookOver)} and created ${newOnes(count.created)}`;
}

/**
 * Prints the summary when the process ends: on the engine's SIGINT (or a SIGTERM) the line is
 * written synchronously, then the signal is raised again so that the process ends as it would have.
 */
export function reportTakeovers(count: TakeoverCount = takeoverCount): void {
  const write = (line: string) => {
    try {
      fs.writeSync(2, `${line}\n`);
    } catch {
      // stderr closed: nothing to tell
    }
  };
  let done = false;
  const summarize = () => {
    if (done) return;
    done = true;
    const line = summaryLine(count);
    if (line) write(line);
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      summarize();
      process.kill(process.pid, signal);
    });
  }
  process.once("exit", summarize);
}
