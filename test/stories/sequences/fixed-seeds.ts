/**
 * The fixed seeds of edit-sequences.e2e.test.ts. Each names the shapes (coverage.ts) its run must
 * cover, read from the kinds it actually ran: a generator change that loses one fails the test
 * (and coverage.test.ts, from a dry run, at once).
 *
 * Generator 1 (sequence.ts), chosen from a dry run to cover between them: renames of every kind
 * with previousKeys, without and with adopt; swaps and a chain; natural-key edits (a contact's
 * email, a display name); entries added, removed (also by null in the overlay), moved between
 * files and into the overlay; ignoreChanges; app edits (a deleted tag and contact, a telephone, a
 * removed tag); a 500 fault. 2-3 ups each (a pulumi up takes seconds).
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
 *
 * Generator 2 (chains and cycles of 2 to 5), found by seed-search.test.ts (12 steps each), each
 * shape run cleanly (its up runs it alone; coverage.ts):
 * 262974: a chain of 3 tags, app edits then up --refresh, then a chain of 4 tags (every tag waits
 * for the next one's name, handed along in one up).
 * 553837: a chain of 2 tags, app edits then up --refresh, a retained user tag removed, a cycle of 3 tags.
 * 187235: a chain of 2 and a swap (cycle of 2) of custom properties' display names, no fault in
 * the sequence; a cycle of 4 tags.
 * 826477: two tags added, a rename refused naming previousKeys, app edits and up --refresh, then a
 * chain of 5 tags.
 * 187676: app edits (a tag renamed in the app) and up --refresh, then a cycle of 5 tags.
 * 2419: a protected user tag removed (the up refuses naming protect; it comes back), a chain of 3
 * tags after up --refresh.
 * 85636 (6 steps, 2 ups): a contact's memo and its tags changed in one up (a new tag put on yuki,
 * yuki's memo edited): a provider that drops the memo when the tags change in the same write
 * fails here on the value comparison (values.ts), the first check after the up.
 */
import type { Generator } from "./sequence";

export interface FixedSeed {
  seed: number;
  maxCommands: number;
  generator: Generator;
  /** Shapes (coverage.ts) the run must cover. */
  covers: string[];
}

const v1 = (seed: number, maxCommands = 7, covers: string[] = []): FixedSeed => ({ seed, maxCommands, generator: 1, covers });
const v2 = (seed: number, covers: string[]): FixedSeed => ({ seed, maxCommands: 12, generator: 2, covers });

export const FIXED_SEEDS: FixedSeed[] = [
  v1(336),
  v1(698),
  v1(1358),
  v1(494),
  v1(90211, 10),
  v1(646837092, 10),
  v1(647022042, 10),
  v1(649009762, 10),
  v1(649009748, 10),
  v2(262974, ["chain 3", "tags chain 3", "Up --refresh", "tags chain 4", "chain 4"]),
  v2(553837, ["chain 2", "Up --refresh", "Remove retained", "cycle 3"]),
  v2(187235, ["chain 2", "cycle 2", "cycle 4"]),
  v2(826477, ["Up --refresh", "tags chain 5", "chain 5"]),
  v2(187676, ["Up --refresh", "cycle 5"]),
  v2(2419, ["tags chain 3", "Up --refresh", "Remove protected"]),
  { seed: 85636, maxCommands: 6, generator: 2, covers: [] },
];
