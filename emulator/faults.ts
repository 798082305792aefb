/**
 * Fault injection for `/v1.0` calls, set through `PUT /_emulator/faults`. With a
 * `seed`, the random draws are reproducible.
 */
import { z } from "zod";

const rate = z.number().min(0).max(1);

export const faultsSchema = z.strictObject({
  status500Rate: rate.optional(),
  status429Rate: rate.optional(),
  dropConnectionRate: rate.optional(),
  latencyMs: z
    .tuple([z.number().int().min(0).max(60_000), z.number().int().min(0).max(60_000)])
    .refine(([min, max]) => min <= max, "latencyMs is [min, max] with min <= max")
    .optional(),
  /**
   * The `rateLimit-reset` an injected 429 reports: a short throttle, as when another client
   * briefly took the quota. Default 1; the real window's reset would stall callers for up to
   * a minute per injected fault.
   */
  status429ResetSeconds: z.number().int().min(0).max(60).optional(),
  seed: z.number().int().optional(),
});

export type FaultSettings = z.infer<typeof faultsSchema>;

/** What happens to one request. */
export interface FaultDecision {
  latencyMs: number;
  outcome: "none" | "status500" | "status429" | "drop";
}

/** mulberry32: a small seedable PRNG. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class FaultInjector {
  private settings: FaultSettings = {};
  private random: () => number = Math.random;

  configure(settings: FaultSettings): void {
    this.settings = settings;
    this.random = settings.seed === undefined ? Math.random : seededRandom(settings.seed);
  }

  current(): FaultSettings {
    return this.settings;
  }

  get status429ResetSeconds(): number {
    return this.settings.status429ResetSeconds ?? 1;
  }

  get active(): boolean {
    const s = this.settings;
    return Boolean(s.status500Rate || s.status429Rate || s.dropConnectionRate || (s.latencyMs && s.latencyMs[1] > 0));
  }

  decide(): FaultDecision {
    const s = this.settings;
    let latencyMs = 0;
    if (s.latencyMs) {
      const [min, max] = s.latencyMs;
      latencyMs = Math.round(min + this.random() * (max - min));
    }
    // One draw picks at most one outcome, so the rates are probabilities of each outcome.
    const draw = this.random();
    const p500 = s.status500Rate ?? 0;
    const p429 = s.status429Rate ?? 0;
    const pDrop = s.dropConnectionRate ?? 0;
    let outcome: FaultDecision["outcome"] = "none";
    if (draw < p500) outcome = "status500";
    else if (draw < p500 + p429) outcome = "status429";
    else if (draw < p500 + p429 + pDrop) outcome = "drop";
    return { latencyMs, outcome };
  }
}
