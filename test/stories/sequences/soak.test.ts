/**
 * The long run of the edit-sequence property (`npm run soak`, scripts/soak.sh): one sequence per
 * seed, seeds from LWC_SOAK_SEED (default: from the clock, printed), until LWC_SOAK_SECONDS have
 * passed (default 600, at most 14400) or LWC_SOAK_MAX_SEQUENCES sequences ran. A sequence that
 * breaks an invariant is reported with its seed and path, and the run goes on with the next seed.
 * Skipped unless LWC_SOAK_SECONDS is set, so `npm test` does not run it.
 */
import * as fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulatorProcess, type EmulatorProcess } from "../../support/emulator-process";
import { emulatorProviderEnv } from "../../support/provider-config";
import { coverageLine, failureText, runSeed, shapesLine, type SequenceStats } from "./sequence";

const MAX_SECONDS = 14_400;
const enabled = process.env.LWC_SOAK_SECONDS !== undefined;
const seconds = Math.min(MAX_SECONDS, Math.max(1, Number(process.env.LWC_SOAK_SECONDS ?? 600) || 600));
const maxSequences = Number(process.env.LWC_SOAK_MAX_SEQUENCES ?? Number.MAX_SAFE_INTEGER) || Number.MAX_SAFE_INTEGER;
const maxCommands = Number(process.env.LWC_SEQ_MAX_COMMANDS ?? 10) || 10;
const firstSeed = Number(process.env.LWC_SOAK_SEED ?? Date.now() % 1_000_000_000);

describe.skipIf(!enabled)("soak: edit sequences for a time budget", () => {
  let emulator: EmulatorProcess;
  let providerEnv: Record<string, string>;

  beforeAll(async () => {
    emulator = await startEmulatorProcess();
    providerEnv = await emulatorProviderEnv(emulator);
  });

  afterAll(async () => {
    await emulator?.stop();
  });

  it(`runs sequences for ${seconds} s`, { timeout: (seconds + 1800) * 1000 }, async () => {
    const stats: SequenceStats = { sequences: 0, steps: 0, ups: 0 };
    const failures: string[] = [];
    const deadline = Date.now() + seconds * 1000;
    console.log(`soak: seeds from ${firstSeed}, ${seconds} s, up to ${maxCommands} steps a sequence`);
    for (let seed = firstSeed; Date.now() < deadline && stats.sequences < maxSequences; seed++) {
      try {
        await runSeed({ emulator, providerEnv, seed, maxCommands }, stats);
      } catch (error) {
        const message = failureText(error);
        const invariant = error instanceof Error && error.cause instanceof Error ? error.cause.message.split("\n")[0] : message.split("\n")[0];
        failures.push(`seed ${seed}: ${invariant}`);
        console.log(`soak: seed ${seed} FAILED\n${message}`);
      }
      console.log(`soak: ${stats.sequences} sequences, ${stats.steps} steps, ${stats.ups} ups, ${stats.excused ?? 0} failed ups excused, ${failures.length} failing`);
    }
    const summary = [
      `soak: ${stats.sequences} sequences, ${stats.steps} steps, ${stats.ups} pulumi up runs (${stats.excused ?? 0} failed as allowed), seeds ${firstSeed}..${firstSeed + stats.sequences - 1}`,
      `soak: steps per command kind: ${coverageLine(stats)}`,
      `soak: sequences per shape covered cleanly: ${shapesLine(stats)}`,
      `soak: ${failures.length} failing sequence(s)${failures.length > 0 ? `:\n  ${failures.join("\n  ")}` : ""}`,
    ].join("\n");
    console.log(summary);
    if (process.env.LWC_SOAK_SUMMARY) fs.writeFileSync(process.env.LWC_SOAK_SUMMARY, `${summary}\n`);
    expect(failures).toEqual([]);
  });
});
