/**
 * The name hand-off (provider/dynamic-provider/name-handoff.ts) against a fake API that keeps names
 * unique and applies each write when it arrives but answers it later (a response in flight),
 * driven like the engine drives it: a resource's diff announces its move, then its update
 * starts at once while later resources are still being diffed. Real timers: the hand-off
 * polls and waits in wall-clock time.
 */
import { describe, expect, it } from "vitest";
import { NameMoves, writeWithHandoff } from "../../../provider/dynamic-provider/name-handoff";

const NS = "company-tags";
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

class Taken extends Error {}

/** One namespace of unique names; `latency(id)` is how long the answer to a write of `id` takes. */
class FakeApi {
  readonly names: Map<string, string>;
  readonly writes: string[] = [];
  constructor(
    initial: Record<string, string>,
    private readonly latency: (id: string) => number = () => 0,
  ) {
    this.names = new Map(Object.entries(initial));
  }
  async write(id: string, name: string): Promise<string> {
    const holder = [...this.names].find(([, held]) => held === name)?.[0];
    const ok = holder === undefined || holder === id;
    if (ok) this.names.set(id, name);
    this.writes.push(`${id}→${name}${ok ? "" : " refused"}`);
    await sleep(this.latency(id));
    if (!ok) throw new Taken(`409: "${name}" is taken`);
    return name;
  }
}

/** What tags.ts does in an update: the hand-off, then the move is settled whatever happened. */
async function update(moves: NameMoves, api: FakeApi, id: string, to: string): Promise<string> {
  const current = api.names.get(id)!;
  try {
    return await writeWithHandoff(
      { namespace: NS, name: to, self: { id, current }, write: (name) => api.write(id, name), isTaken: (e) => e instanceof Taken, describe: `Tag ${id}` },
      moves,
    );
  } finally {
    moves.settle(NS, id);
  }
}

/**
 * The engine: diffs in declaration order `gapMs` apart (a diff of another resource, `others`
 * between two of ours, keeps the registry's clock going), each update starting right after its diff.
 */
async function run(api: FakeApi, plan: Record<string, string>, gapMs = 0, others = 0): Promise<PromiseSettledResult<string>[]> {
  const moves = new NameMoves();
  const updates: Promise<string>[] = [];
  for (const [id, to] of Object.entries(plan)) {
    if (updates.length > 0) {
      for (let i = 0; i < others; i++) {
        await sleep(gapMs / (others + 1));
        moves.announce(NS, `other-${i}`, "same", "same");
      }
      await sleep(gapMs / (others + 1));
    }
    moves.announce(NS, id, api.names.get(id)!, to);
    updates.push(update(moves, api, id, to));
  }
  return Promise.allSettled(updates);
}

const ids = (length: number) => Array.from({ length }, (_, i) => `t${i + 1}`);
const named = (length: number) => Object.fromEntries(ids(length).map((id, i) => [id, `Name ${i + 1}`]));
/** t1 takes t2's name, …, the last takes "New" (chain) or t1's name (cycle). */
const movePlan = (length: number, cycle: boolean) =>
  Object.fromEntries(ids(length).map((id, i) => [id, i < length - 1 ? `Name ${i + 2}` : cycle ? "Name 1" : "New"]));

/** A small deterministic generator, so a failing case replays. */
function latencies(seed: number): (id: string) => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state % 120;
  };
}

function expectConverged(results: PromiseSettledResult<string>[], api: FakeApi, plan: Record<string, string>): void {
  expect(results.filter((r) => r.status === "rejected").map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
  expect(Object.fromEntries(api.names)).toEqual(plan);
}

describe("name hand-off", () => {
  it("the holder leaves between the refusal and its answer (soak seed 90211): the refused write retries and succeeds", async () => {
    // vip's refusal is decided at once but answered 300 ms later; partner moves meanwhile and settles.
    const api = new FakeApi({ vip: "VIP", partner: "Partner", press: "Press" }, (id) => (id === "vip" ? 300 : 0));
    const plan = { vip: "Partner", partner: "Press", press: "Tag 1" };
    const results = await run(api, plan);
    expectConverged(results, api, plan);
    expect(api.writes.filter((w) => w.endsWith("refused")).length).toBeGreaterThan(0);
  });

  for (const length of [2, 3, 4, 5]) {
    for (const cycle of [false, true]) {
      it(`a ${cycle ? "cycle" : "chain"} of ${length} converges whatever the answers' latencies, without parking names left`, async () => {
        for (const seed of [1, 2, 3]) {
          const api = new FakeApi(named(length), latencies(seed * 31 + length));
          const plan = movePlan(length, cycle);
          expectConverged(await run(api, plan, 40), api, plan);
        }
      });
    }
  }

  it("waits for a holder whose diff comes late while other diffs keep arriving", async () => {
    // t2's diff arrives 3.2 s after t1 was refused, with other resources diffed in between.
    const api = new FakeApi(named(2));
    const plan = movePlan(2, false);
    expectConverged(await run(api, plan, 3_200, 4), api, plan);
  });

  it("a name held by an object no move of this run frees is refused as the API said, after the grace (not the minute's deadline)", async () => {
    const api = new FakeApi({ t1: "Name 1", outside: "Taken" });
    const started = Date.now();
    const [result] = await run(api, { t1: "Taken" });
    expect(result).toMatchObject({ status: "rejected", reason: expect.any(Taken) });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(api.writes).toEqual(["t1→Taken refused"]);
  });
});
