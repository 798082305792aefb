/**
 * Issue 19 item 5: model-based sequences of edits to a small company's files (renames with and
 * without previousKeys/adopt, field and natural-key edits, name swaps and chains, entries added,
 * removed, moved between files and overlays, protect / retainOnDelete / ignoreChanges toggled),
 * edits in the app and API faults, each `pulumi up` through the real CLI against the emulator
 * process. After every successful up: audit --stack in sync, preview --expect-no-changes clean,
 * ids kept; at every up: no DELETE of an object the files describe, no duplicate, nothing lost;
 * a failed up is allowed only when it names the fix, and the next up converges.
 * A failure prints fast-check's seed and path: replay with LWC_SEQ_SEED / LWC_SEQ_PATH.
 * The long run: `npm run soak` (scripts/soak.sh, test/sequences/soak.test.ts).
 */
import { afterAll, beforeAll, describe, it } from "vitest";
import { startEmulatorProcess, type EmulatorProcess } from "../support/emulator-process";
import { emulatorProviderEnv } from "../support/provider-config";
import { coverageLine, runSeed, type SequenceStats } from "./sequence";

/**
 * Fixed seeds, chosen (from a dry run of the model) to cover between them: renames of every kind
 * with previousKeys, without and with adopt; swaps and a chain; natural-key edits (a contact's
 * email, a display name); entries added, removed (also by null in the overlay, retained,
 * protected), moved between files and into the overlay; ignoreChanges; app edits (a deleted tag
 * and contact, a telephone, a removed tag); a 500 fault. 2-3 ups each (a pulumi up takes seconds).
 * 90211 (run with 10 steps, the soak's): the chain vip←"Partner", partner←"Press", press←"Tag 1",
 * which failed its first up with two 409s until the hand-off retried a write whose holder left
 * while its refusal came back (issue 28; found by `npm run soak`).
 * 646837092 (10 steps, found by the soak): a swap (press↔vip) and vip's key renamed without
 * previousKeys in one edit; the refusal named only the two steps, now also previousKeys.
 * 647022042 (10 steps, found by the soak): a contact's email and key changed in one edit without
 * previousKeys; it is replaced as the up's look-alike warning says (harness: announcedReplacements).
 * 649009762 (10 steps, found by the soak): a swap and one of the two removed in one edit; the
 * refusal names the two steps, which the harness now takes (firstOfTwoSteps).
 * 649009748 (10 steps, found by the soak): a tag renamed along a chain and re-keyed without
 * previousKeys in one edit; nothing paired them, so it was deleted and re-created without a word.
 * The look-alike warning now pairs a removed and an added tag carried by the same contacts.
 */
const SEEDS: Array<number | { seed: number; maxCommands: number }> = [
  336,
  698,
  1358,
  494,
  { seed: 90211, maxCommands: 10 },
  { seed: 646837092, maxCommands: 10 },
  { seed: 647022042, maxCommands: 10 },
  { seed: 649009762, maxCommands: 10 },
  { seed: 649009748, maxCommands: 10 },
];
const MAX_COMMANDS = 7;

const replaySeed = process.env.LWC_SEQ_SEED ? Number(process.env.LWC_SEQ_SEED) : undefined;

describe("edit sequences through pulumi up (model-based)", () => {
  let emulator: EmulatorProcess;
  let providerEnv: Record<string, string>;
  const stats: SequenceStats = { sequences: 0, steps: 0, ups: 0 };

  beforeAll(async () => {
    emulator = await startEmulatorProcess();
    providerEnv = await emulatorProviderEnv(emulator);
  });

  afterAll(async () => {
    console.log(`edit sequences: ${stats.sequences} sequences, ${stats.steps} steps, ${stats.ups} pulumi up runs (${stats.excused ?? 0} failed as allowed); ${coverageLine(stats)}`);
    await emulator?.stop();
  });

  for (const fixed of replaySeed === undefined ? SEEDS : [replaySeed]) {
    const { seed, maxCommands } = typeof fixed === "number" ? { seed: fixed, maxCommands: MAX_COMMANDS } : fixed;
    it(`seed ${seed}`, { timeout: 900_000 }, async () => {
      await runSeed(
        {
          emulator,
          providerEnv,
          seed,
          maxCommands: Number(process.env.LWC_SEQ_MAX_COMMANDS ?? maxCommands),
          path: process.env.LWC_SEQ_PATH,
          shrink: process.env.LWC_SEQ_SHRINK === "1",
        },
        stats,
      );
    });
  }
});
