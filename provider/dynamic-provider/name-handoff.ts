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
 *
 * Two races decide whether a chain converges in one run (issue 28, soak seed 90211):
 * - the holder may leave the name between the API's refusal and the moment the refused write
 *   looks at the moves (its move is then already settled): every name an object gives up is
 *   counted as released, and a refused write that sees its name released since it was sent
 *   writes again at once;
 * - the holder's diff may not have arrived yet (the engine diffs as the program registers, one
 *   resource at a time, slowly on a busy machine): a refused write waits while diffs keep
 *   arriving, and gives up only after REGISTRATION_GRACE_MS without any.
 */
import { randomBytes } from "node:crypto";

interface Move {
  from: string;
  to: string;
}

/** How long a write waits for another object of this run to leave the name it wants. */
const HANDOFF_DEADLINE_MS = 60_000;
/** How long after the last diff a refused write still waits for one that moves the holder away. */
const REGISTRATION_GRACE_MS = 2_000;
const POLL_MS = 50;
/** How long a parked or waiting write lets the other object move before it tries again. */
const SETTLE_WAIT_MS = 500;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class NameMoves {
  private readonly moves = new Map<string, Map<string, Move>>();
  /** How many times each name (namespace NUL name) was given up in this run. */
  private readonly releases = new Map<string, number>();
  /** When a diff (or a settled move) last reached this registry. */
  private lastActivity = Date.now();

  announce(namespace: string, id: string, from: string, to: string): void {
    this.lastActivity = Date.now();
    if (from === to) return;
    let moves = this.moves.get(namespace);
    if (!moves) this.moves.set(namespace, (moves = new Map()));
    moves.set(id, { from, to });
  }

  settle(namespace: string, id: string): void {
    this.lastActivity = Date.now();
    this.moves.get(namespace)?.delete(id);
  }

  /** An object of this run gave up `name` (it took another name, or parked). */
  release(namespace: string, name: string): void {
    const key = `${namespace}\u0000${name}`;
    this.releases.set(key, (this.releases.get(key) ?? 0) + 1);
  }

  /** A counter that changes each time `name` is given up. */
  releasesOf(namespace: string, name: string): number {
    return this.releases.get(`${namespace}\u0000${name}`) ?? 0;
  }

  /** Milliseconds since the last diff or settled move (0 while they keep coming). */
  quietFor(since: number): number {
    return Date.now() - Math.max(since, this.lastActivity);
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
    const releases = moves.releasesOf(namespace, name);
    const freed = () => moves.releasesOf(namespace, name) !== releases;
    try {
      const result = await write(name);
      if (self) moves.release(namespace, self.current);
      return result;
    } catch (error) {
      if (!isTaken(error)) throw error;
      const refusedAt = Date.now();
      // Diffs may still be arriving (the engine diffs as the program registers): wait for one
      // that moves another object off this name, without writing again meanwhile.
      const explained = await waitUntil(
        () => freed() || moves.leaving(namespace, name, self?.id),
        () => moves.quietFor(refusedAt) >= REGISTRATION_GRACE_MS || Date.now() - started > HANDOFF_DEADLINE_MS,
      );
      if (!explained) throw error;
      if (Date.now() - started > HANDOFF_DEADLINE_MS) {
        throw new Error(
          `${options.describe}: "${name}" is still held by another object of this stack that is being renamed; ` +
            `it did not free the name within ${HANDOFF_DEADLINE_MS / 1000} s. Run pulumi up again, or rename in two steps.`,
        );
      }
      if (freed()) continue; // the holder left while our refused write came back
      if (self && !parked && moves.wanted(namespace, self.current, self.id)) {
        // A cycle (a swap): free our own name for the object that wants it.
        await write(parkingName());
        parked = true;
        moves.release(namespace, self.current);
      }
      // Retry once the other object has moved (or after a while: it may be parked, waiting for us).
      const settleBy = Date.now() + SETTLE_WAIT_MS;
      await waitUntil(
        () => freed() || !moves.leaving(namespace, name, self?.id),
        () => Date.now() >= settleBy,
      );
    }
  }
}

/** Polls until `condition` holds (true) or `expired` does (false). */
async function waitUntil(condition: () => boolean, expired: () => boolean): Promise<boolean> {
  while (!condition()) {
    if (expired()) return false;
    await sleep(POLL_MS);
  }
  return true;
}
