/**
 * The DIY backend's knobs on `up` from empty with checkpoints (`--knob-sizes 1000,2000`, or
 * `--knobs`): ours against a fresh emulator per size, each configuration in turn, round after
 * round. What each knob does, from Pulumi's source (github.com/pulumi/pulumi,
 * sdk/go/common/env/env.go and pkg/backend/diy/{backend,state}.go, read at 1b5949891b3c, Aug 2026):
 *
 * - PULUMI_DIY_BACKEND_DISABLE_CHECKPOINT_BACKUPS (alias PULUMI_DISABLE_CHECKPOINT_BACKUPS):
 *   skips `backupStack`, the one copy of the final checkpoint into `.pulumi/backups/` made at
 *   the END of an update. The `<stack>.json.bak` copy made before EVERY checkpoint write
 *   (`backupTarget` in `saveStack`) is not affected by it.
 * - PULUMI_DIY_BACKEND_GZIP (alias PULUMI_SELF_MANAGED_STATE_GZIP): writes `<stack>.json.gz`.
 * - PULUMI_DIY_BACKEND_ZSTD (alias PULUMI_SELF_MANAGED_STATE_ZSTD): writes `<stack>.json.zst`
 *   (since Pulumi 3.224.0; our 3.276.0 has it). GZIP and ZSTD together are an error.
 */
import { benchWorkspace, checkpointBytes, companyEnv, destroyQuietly, timedRun, withEmulator, type Measured } from "./harness";
import type { BenchOptions } from "./options";

export const KNOBS = [
  { name: "default", env: {} },
  { name: "DISABLE_CHECKPOINT_BACKUPS", env: { PULUMI_DIY_BACKEND_DISABLE_CHECKPOINT_BACKUPS: "true" } },
  { name: "GZIP", env: { PULUMI_DIY_BACKEND_GZIP: "true" } },
  { name: "ZSTD", env: { PULUMI_DIY_BACKEND_ZSTD: "true" } },
] as const;

export interface KnobRun extends Measured {
  round: number;
  contacts: number;
  knob: (typeof KNOBS)[number]["name"];
  /** The stack's checkpoint file after the `up` (compressed when the knob compresses). */
  checkpointBytes: number;
}

export async function runKnobs(options: BenchOptions, log: (line: string) => void, measured: (run: KnobRun) => void): Promise<KnobRun[]> {
  const runs: KnobRun[] = [];
  for (let round = 1; round <= options.knobRounds; round++) {
    for (const contacts of options.knobSizes) {
      await withEmulator(async (emulator, providerEnv) => {
        const workspace = await benchWorkspace("bench-knobs");
        try {
          // Alternate the order from round to round, so that no knob always runs first.
          const order = round % 2 === 1 ? KNOBS : [...KNOBS].reverse();
          for (const knob of order) {
            const env = { ...providerEnv, ...companyEnv("real", contacts, options.tags, options.properties), ...knob.env };
            const timed = await timedRun("ours", workspace, ["up", "--yes", "--skip-preview"], env, emulator, options.timeoutMinutes);
            const run: KnobRun = { round, contacts, knob: knob.name, ...timed, knobs: { ...knob.env }, checkpointBytes: checkpointBytes(workspace) };
            runs.push(run);
            measured(run);
            log(`knobs ${round}/${options.knobRounds} ${String(contacts).padStart(5)} contacts ${knob.name.padEnd(26)} ${timed.seconds.toFixed(1)} s, ${run.checkpointBytes} B`);
            await destroyQuietly(workspace, env, options.timeoutMinutes);
          }
        } finally {
          await workspace.dispose();
        }
      });
    }
  }
  return runs;
}
