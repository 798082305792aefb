/**
 * `--data FILE`: the store is written as JSON after changes (debounced) and on
 * close, atomically (a temporary file in the same directory, fsynced, then renamed
 * over FILE), and read back on start.
 */
import { existsSync, readFileSync } from "node:fs";
import { open, rename, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { EmulatorStore, StoreSnapshot } from "./store";

/** Reads a previous data file; undefined when it does not exist. */
export function readDataFile(file: string): StoreSnapshot | undefined {
  if (!existsSync(file)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (err) {
    throw new Error(`data file ${file} is not valid JSON: ${(err as Error).message}`);
  }
  const snapshot = parsed as Partial<StoreSnapshot> | null;
  if (!snapshot || snapshot.version !== 1 || !Array.isArray(snapshot.domains) || !Array.isArray(snapshot.tokens)) {
    throw new Error(`data file ${file} is not an emulator data file (version 1)`);
  }
  return snapshot as StoreSnapshot;
}

export async function writeFileAtomically(file: string, content: string): Promise<void> {
  const temporary = join(dirname(file), `.${basename(file)}.${process.pid}.${Date.now()}.tmp`);
  const handle = await open(temporary, "w", 0o600);
  try {
    await handle.writeFile(content, "utf8");
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temporary, file);
  } catch (err) {
    await unlink(temporary).catch(() => undefined);
    throw err;
  }
}

/**
 * A place the store's state is kept: it subscribes to the store's change feed itself;
 * the server only flushes it after start and closes it on stop. Swap in another
 * implementation (a database, a remote store) without touching the backends.
 */
export interface Persistence {
  flush(): Promise<void>;
  close(): Promise<void>;
}

export class DataFilePersistence implements Persistence {
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly file: string,
    private readonly store: EmulatorStore,
    private readonly debounceMs = 100,
  ) {
    store.onChange(() => this.schedule());
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush().catch((err) => process.stderr.write(`emulator: cannot write ${this.file}: ${(err as Error).message}\n`));
    }, this.debounceMs);
    this.timer.unref();
  }

  /** Writes the current state now (after any write in progress). */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    const content = JSON.stringify(this.store.snapshot());
    const next = this.writing.then(() => writeFileAtomically(this.file, content));
    this.writing = next.catch(() => undefined);
    await next;
  }

  /** Flushes unconditionally (so the key pair is kept even when nothing else changed). */
  async close(): Promise<void> {
    await this.flush();
  }
}
