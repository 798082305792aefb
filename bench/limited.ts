/**
 * `up` against an emulator that allows L requests a minute per operation, measured against its
 * floor N/L: the busiest operation's N calls at L a minute. One run (its time is set by the
 * limit, not by the machine).
 */
import { createPulumiWorkspace } from "../test/support/pulumi-workspace";
import { benchProgram, companyEnv, destroyQuietly, timedRun, withEmulator } from "./harness";
import type { BenchOptions } from "./options";

export interface LimitedReport {
  contacts: number;
  limitPerMinute: number;
  seconds: number;
  apiCalls: number;
  status429: number;
  callsByRoute: Record<string, number>;
  /** The busiest operation's calls at the limit. */
  floorSeconds: number;
  ratio: number;
}

export async function runLimited(options: BenchOptions): Promise<LimitedReport> {
  const { limitedContacts: contacts, limitPerMinute } = options;
  return withEmulator(async (emulator, providerEnv) => {
    const workspace = await createPulumiWorkspace({ program: benchProgram, stack: "bench-limited" });
    try {
      const env = { ...providerEnv, ...companyEnv("real", contacts, 0, 0) };
      const measured = await timedRun("ours", workspace, ["up", "--yes", "--skip-preview"], env, emulator, options.timeoutMinutes);
      await destroyQuietly(workspace, env, options.timeoutMinutes);
      const busiest = Math.max(0, ...Object.values(measured.callsByRoute));
      const floorSeconds = (busiest / limitPerMinute) * 60;
      return {
        contacts,
        limitPerMinute,
        seconds: measured.seconds,
        apiCalls: measured.apiCalls,
        status429: measured.status429,
        callsByRoute: measured.callsByRoute,
        floorSeconds,
        ratio: measured.seconds / floorSeconds,
      };
    } finally {
      await workspace.dispose();
    }
  }, limitPerMinute);
}
