/**
 * The client's side of the API's concurrent-access limit (lineworks-api.md "Rate limits have two
 * kinds": no number published, ASSUMED 10 in flight per domain): at most `limit` HTTP exchanges of
 * one API and identity in flight at once, in the whole process (a Pulumi run's provider serves
 * every resource from one process). A request holds its place only while it is on the wire, not
 * while it waits out a 429 or the per-minute limiter. Places are granted in arrival order.
 * A 429 without rateLimit-reset (the API has fewer places than the bound, or another client of
 * the domain holds some) is waited out like any other 429 (exchange.ts), and narrows the gate by
 * one place (to 1 at least); every WIDEN_AFTER answers served without one widen it by one again,
 * up to the configured bound. So a run learns the domain's limit after a few 429s instead of
 * meeting it on every request.
 */

export interface Gate {
  /** Runs `work` once a place is free, holding the place until it settles. */
  run<T>(work: () => Promise<T>): Promise<T>;
  /** The API refused a request for having too many in flight. */
  congested(): void;
  /** The API served a request. */
  served(): void;
}

export const ungated: Gate = { run: (work) => work(), congested: () => undefined, served: () => undefined };

/** Answers served in a row before a narrowed gate takes one more place. */
export const WIDEN_AFTER = 20;

export class ConcurrencyGate implements Gate {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  /** The most exchanges seen in flight at once (for tests and stats). */
  peak = 0;
  /** The places in use now: `limit`, or fewer after the API refused requests in flight. */
  private places: number;
  private servedSinceChange = 0;

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`);
    this.places = limit;
  }

  /** The current bound (at most `limit`). */
  get width(): number {
    return this.places;
  }

  congested(): void {
    this.places = Math.max(1, this.places - 1);
    this.servedSinceChange = 0;
  }

  served(): void {
    if (this.places >= this.limit || ++this.servedSinceChange < WIDEN_AFTER) return;
    this.places++;
    this.servedSinceChange = 0;
    this.admit();
  }

  get inFlight(): number {
    return this.active;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    await this.enter();
    try {
      return await work();
    } finally {
      this.leave();
    }
  }

  private enter(): Promise<void> {
    if (this.active < this.places && this.waiting.length === 0) {
      this.take();
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private take(): void {
    this.active++;
    this.peak = Math.max(this.peak, this.active);
  }

  private leave(): void {
    this.active--;
    this.admit();
  }

  /** Lets waiting exchanges in while there are places. */
  private admit(): void {
    while (this.active < this.places && this.waiting.length > 0) {
      this.take();
      this.waiting.shift()!();
    }
  }
}

/** Gates shared by every client of the process, one per API and identity (and bound). */
export class GateRegistry {
  private readonly gates = new Map<string, ConcurrencyGate>();

  /** `limit` 0 turns the bound off. */
  get(scope: string, limit: number): Gate {
    if (limit <= 0) return ungated;
    const key = `${scope}\u0000${limit}`;
    let gate = this.gates.get(key);
    if (gate === undefined) {
      gate = new ConcurrencyGate(limit);
      this.gates.set(key, gate);
    }
    return gate;
  }
}

export const processGates = new GateRegistry();
