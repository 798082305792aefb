/**
 * The create journal: what lets `up` recover from a run killed before the state recorded its
 * creates (`PULUMI_SKIP_CHECKPOINTS=true` saves the state only when a run ends) with no edit of
 * the files. Right after each successful create, the provider process appends one line to
 * `.lineworks-contacts/created-<stack>.jsonl` in the project folder (its cwd): the stack, the
 * kind of id and the new object's id. Nothing else: no natural key (an email may be a secret
 * field), no field, no credential.
 *
 * On the next run, a create whose natural key is already held by exactly one object, and whose
 * id this stack's journal holds, takes that object over as `adopt: true` would (kit.ts, and the
 * preview's check in preflight.ts): this stack made it. An object the journal does not name still
 * stops the run as before, naming its id. The root program drops the lines whose ids the stack's
 * state holds (pruneCreateJournal), before any resource is registered, in an `up` only.
 *
 * The provider learns its stack from the program: every resource of ours carries `stack` as an
 * input (dynamic-stub.ts) that the check of every type reads and drops (withJournalStack), so it
 * never reaches the state. Until a check has seen it, nothing is written and nothing is taken over.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type * as pulumi from "@pulumi/pulumi";

/** The folder, under the project's, that holds one journal per stack (belongs in .gitignore). */
export const JOURNAL_DIR = ".lineworks-contacts";

/** The input that names the stack (never stored: check drops it). */
export const STACK_INPUT = "stack";

export interface JournalLine {
  stack: string;
  /** The id's name, e.g. "contactId". */
  kind: string;
  id: string;
  at: string;
}

/** The journal file of one stack in one project folder. */
export function journalFile(projectDir: string, stack: string): string {
  return path.join(projectDir, JOURNAL_DIR, `created-${encodeURIComponent(stack)}.jsonl`);
}

/** The lines of a journal file; a torn last line (a kill mid-write) is skipped. */
export function readJournal(file: string): JournalLine[] {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    return [];
  }
  const lines: JournalLine[] = [];
  for (const line of text.split("\n")) {
    try {
      const parsed = JSON.parse(line) as Partial<JournalLine>;
      if (typeof parsed.id === "string" && typeof parsed.stack === "string") lines.push(parsed as JournalLine);
    } catch {
      // an empty or torn line
    }
  }
  return lines;
}

export class CreateJournal {
  private stack: string | undefined;
  private ids: Set<string> | undefined;
  private failed = false;

  constructor(private readonly projectDir: string) {}

  /** The stack of this run (from the StackTenant's check); the first wins. */
  setStack(stack: unknown): void {
    if (this.stack === undefined && typeof stack === "string" && stack !== "") this.stack = stack;
  }

  /** Appends a created object's id (errors are reported once, never fail the create that succeeded). */
  record(kind: string, id: string): void {
    if (this.stack === undefined || id === "") return;
    const line: JournalLine = { stack: this.stack, kind, id, at: new Date().toISOString() };
    try {
      const file = journalFile(this.projectDir, this.stack);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.appendFileSync(file, `${JSON.stringify(line)}\n`);
      this.loaded().add(id);
    } catch (error) {
      if (!this.failed) process.stderr.write(`warning: lineworks-contacts: the create journal could not be written (${(error as Error).message})\n`);
      this.failed = true;
    }
  }

  /** True when the only object holding a natural key is one this stack created (its journal names it). */
  madeByThisStack(ids: readonly string[]): boolean {
    return this.stack !== undefined && ids.length === 1 && this.loaded().has(ids[0]!);
  }

  private loaded(): Set<string> {
    if (!this.ids) {
      const stack = this.stack;
      this.ids = new Set(stack === undefined ? [] : readJournal(journalFile(this.projectDir, stack)).filter((line) => line.stack === stack).map((line) => line.id));
    }
    return this.ids;
  }
}

/** The provider process's one journal (its cwd is the project folder). */
export const createJournal = new CreateJournal(process.cwd());

/** Wraps a provider so that its check learns the stack from the inputs and drops that input. */
export function withJournalStack(provider: pulumi.dynamic.ResourceProvider): pulumi.dynamic.ResourceProvider {
  return {
    ...provider,
    async check(olds, news) {
      const { [STACK_INPUT]: stack, ...rest } = news as Record<string, unknown>;
      createJournal.setStack(stack);
      return provider.check ? provider.check(olds, rest) : { inputs: rest };
    },
  };
}

/**
 * Drops the lines whose ids the stack's state holds (they need no recovery any more); removes the
 * file when none is left. Called by the root program of an `up`, which holds the stack's lock.
 */
export function pruneCreateJournal(projectDir: string, stack: string, heldIds: ReadonlySet<string>): void {
  const file = journalFile(projectDir, stack);
  if (!fs.existsSync(file)) return;
  const lines = readJournal(file);
  const kept = lines.filter((line) => !heldIds.has(line.id));
  if (kept.length === lines.length && kept.length > 0) return;
  if (kept.length === 0) {
    fs.rmSync(file, { force: true });
    return;
  }
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, kept.map((line) => `${JSON.stringify(line)}\n`).join(""));
  fs.renameSync(temporary, file);
}
