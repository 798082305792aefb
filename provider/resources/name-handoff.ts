/**
 * Names that move between objects of this stack in one run: two tags that swap names
 * (A→B and B→A), a chain (A→B, B→C), a custom property's display name taken by another.
 * The API keeps these names unique (company tags among company tags, a member's tags among
 * that member's, display names in the domain), so the engine's parallel updates would each be
 * refused by the other's current name.
 *
 * Each diff that changes a name announces the move; a write refused because the name is
 * taken waits while an object of this run is still leaving that name, and an object whose
 * own current name is wanted by another move first parks under a temporary name, which breaks
 * a cycle. Nothing is deleted; a swap costs one extra write per cycle.
 */
import { randomBytes } from "node:crypto";

interface Move {
  from: string;
  to: string;
}

/** How long a write waits for another object of this run to leave the name it wants. */
const HANDOFF_DEADLINE_MS = 60_000;
/** How long a refused write waits for diffs still arriving (the engine diffs as the program registers). */
const REGISTRATION_GRACE_MS = 1_500;
const POLL_MS = 50;
/** How long a parked or waiting write lets the other object move before it tries again. */
const SETTLE_WAIT_MS = 500;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class NameMoves {
  private readonly moves = new Map<string, Map<string, Move>>();

  announce(namespace: string, id: string, from: string, to: string): void {
    if (from === to) return;
    let moves = this.moves.get(namespace);
    if (!moves) this.moves.set(namespace, (moves = new Map()));
    moves.set(id, { from, to });
  }

  settle(namespace: string, id: string): void {
    this.moves.get(namespace)?.delete(id);
  }

  /** Another object of this run is still to leave `name`. */
  leaving(namespace: string, name: string, self?: string): boolean {
    for (const [id, move] of this.moves.get(namespace) ?? []) if (id !== self && move.from === name) return true;
    return false;
  }

  /** Another object of this run wants `name`. */
  wanted(namespace: string, name: string, self?: string): boolean {
    for (const [id, move] of this.moves.get(namespace) ?? []) if (id !== self && move.to === name) return true;
    return false;
  }
}

/** The one registry of the provider process (every resource of a run shares it). */
export const nameMoves = new NameMoves();

/** A temporary name that fits every limit (tag names ≤ 30, display names ≤ 20). */
export function parkingName(): string {
  return `~lwc-${randomBytes(3).toString("hex")}`;
}

export interface HandoffOptions<T> {
  namespace: string;
  /** The name to take. */
  name: string;
  /** The object's id and current name, when it is a rename (a create has none). */
  self?: { id: string; current: string };
  write: (name: string) => Promise<T>;
  /** True for the API's "name already taken" answer. */
  isTaken: (error: unknown) => boolean;
  /** Describes the blocked write for the final error, e.g. `Company contact tag "VIP"`. */
  describe: string;
}

/**
 * Writes `name`, waiting while another object of this run leaves it (see above). A refusal
 * that no move of this run explains is rethrown as it came.
 */
export async function writeWithHandoff<T>(options: HandoffOptions<T>, moves: NameMoves = nameMoves): Promise<T> {
  const { namespace, name, self, write, isTaken } = options;
  const started = Date.now();
  let parked = false;
  for (;;) {
    try {
      return await write(name);
    } catch (error) {
      if (!isTaken(error)) throw error;
      // Diffs may still be arriving (the engine diffs as the program registers): wait for one
      // that moves another object off this name, without writing again meanwhile.
      if (!(await waitUntil(() => moves.leaving(namespace, name, self?.id), REGISTRATION_GRACE_MS))) throw error;
      if (Date.now() - started > HANDOFF_DEADLINE_MS) {
        throw new Error(
          `${options.describe}: "${name}" is still held by another object of this stack that is being renamed; ` +
            `it did not free the name within ${HANDOFF_DEADLINE_MS / 1000} s. Run pulumi up again, or rename in two steps.`,
        );
      }
      if (self && !parked && moves.wanted(namespace, self.current, self.id)) {
        // A cycle (a swap): free our own name for the object that wants it.
        await write(parkingName());
        parked = true;
      }
      // Retry once the other object has moved (or after a while: it may be parked, waiting for us).
      await waitUntil(() => !moves.leaving(namespace, name, self?.id), SETTLE_WAIT_MS);
    }
  }
}

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() >= deadline) return false;
    await sleep(POLL_MS);
  }
  return true;
}
