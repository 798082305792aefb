/**
 * `up` from empty against an emulator that allows L requests a minute per API operation, the
 * client set to the same L, measured against its floor N/L: the busiest operation's N calls at L
 * a minute. One run each (its time is set by the limit, not by the machine):
 *
 * - the rate-limited run (`--limited N`, default 90 contacts at 60 a minute, no tags or properties);
 * - the API-bound point (`--point N`, e.g. `--point5000`): the whole synthetic company at the
 *   API's documented 240 a minute, without checkpoints (PULUMI_SKIP_CHECKPOINTS=true, the README's
 *   advice for large stacks), to show whether the run is API-bound or engine-bound at that size.
 */
import { benchWorkspace, companyEnv, timedRun, withEmulator } from "./harness";
import type { BenchOptions } from "./options";

export interface LimitedReport {
  contacts: number;
  tags: number;
  properties: number;
  checkpoints: boolean;
  limitPerMinute: number;
  seconds: number;
  apiCalls: number;
  tokenCalls: number;
  status429: number;
  callsByRoute: Record<string, number>;
  /** The busiest operation, its calls and the rate it reached (calls a minute from its first call to its last). */
  busiestRoute: string;
  busiestCalls: number;
  busiestPerMinute: number;
  /** The busiest operation's calls at the limit, N/L minutes. */
  floorSeconds: number;
  /**
   * The least time the emulator's windows allow for those calls: it serves L in each 60-second window
   * (starting with the window's first request), so the last of N starts ⌊(N−1)/L⌋ minutes after the first.
   */
  windowFloorSeconds: number;
  /** seconds / windowFloorSeconds (or N/L when the calls fit in one window): near 1, the run is API-bound. */
  ratio: number;
}

interface LimitedRun {
  contacts: number;
  tags: number;
  properties: number;
  limitPerMinute: number;
  checkpoints: boolean;
  stack: string;
}

async function runAtLimit(run: LimitedRun, timeoutMinutes: number): Promise<LimitedReport> {
  const { contacts, tags, properties, limitPerMinute, checkpoints } = run;
  return withEmulator(async (emulator, providerEnv) => {
    const workspace = await benchWorkspace(run.stack);
    try {
      const env = { ...providerEnv, ...companyEnv("real", contacts, tags, properties), ...(checkpoints ? {} : { PULUMI_SKIP_CHECKPOINTS: "true" }) };
      const measured = await timedRun("ours", workspace, ["up", "--yes", "--skip-preview"], env, emulator, timeoutMinutes);
      const log = await emulator.requests();
      // No destroy: it would take as long again at the limit, and the stack and the emulator are thrown away.
      const [busiestRoute, busiestCalls] = Object.entries(measured.callsByRoute).sort((a, b) => b[1] - a[1])[0] ?? ["", 0];
      const times = log.filter((entry) => entry.route === busiestRoute).map((entry) => Date.parse(entry.time));
      const spanMinutes = times.length < 2 ? 0 : (Math.max(...times) - Math.min(...times)) / 60_000;
      const floorSeconds = (busiestCalls / limitPerMinute) * 60;
      const windowFloorSeconds = Math.floor(Math.max(0, busiestCalls - 1) / limitPerMinute) * 60;
      const bound = windowFloorSeconds > 0 ? windowFloorSeconds : floorSeconds;
      return {
        contacts,
        tags,
        properties,
        checkpoints,
        limitPerMinute,
        seconds: measured.seconds,
        apiCalls: measured.apiCalls,
        tokenCalls: log.filter((entry) => entry.kind === "token").length,
        status429: measured.status429,
        callsByRoute: measured.callsByRoute,
        busiestRoute,
        busiestCalls,
        busiestPerMinute: spanMinutes === 0 ? 0 : (busiestCalls - 1) / spanMinutes,
        floorSeconds,
        windowFloorSeconds,
        ratio: bound === 0 ? 0 : measured.seconds / bound,
      };
    } finally {
      await workspace.dispose();
    }
  }, limitPerMinute);
}

export function runLimited(options: BenchOptions): Promise<LimitedReport> {
  const run = { contacts: options.limitedContacts, tags: 0, properties: 0, limitPerMinute: options.limitPerMinute, checkpoints: true, stack: "bench-limited" };
  return runAtLimit(run, options.timeoutMinutes);
}

export function runPoint(options: BenchOptions): Promise<LimitedReport> {
  const { pointContacts: contacts, tags, properties, pointLimitPerMinute: limitPerMinute } = options;
  return runAtLimit({ contacts, tags, properties, limitPerMinute, checkpoints: false, stack: "bench-point" }, options.timeoutMinutes);
}
