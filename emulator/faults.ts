/**
 * Fault injection for API calls (`/v1.0` and the photo storage URLs), set through
 * `PUT /_emulator/faults`; `{}` turns every fault off and every setting back to its
 * default. With a `seed`, the random draws are reproducible.
 *
 * Rates (one draw per request picks at most one outcome): status500Rate,
 * status429Rate, status503Rate (503 SERVICE_UNAVAILABLE), dropConnectionRate (the
 * request is applied, then the connection is destroyed), redirectRate (307 to the same
 * URL on the emulator's origin, marked with the query parameter `_emulatorRedirect`
 * so the redirected request is never redirected again; no rateLimit-* headers).
 * Settings: tokenExpiryStatus (401 | 403, default 403: how an expired or revoked token
 * is answered, both `code: UNAUTHORIZED`); duplicateNameStatus (400 | 409, default 409,
 * an emulator extra: how POST answers a duplicate tag name, user tag name,
 * propertyName or displayName); looseResponses (true: 200 answers to GET calls carry unknown
 * fields, nulls for absent optional fields and, at the end of unfiltered listings, one object of
 * each kind with undocumented enum values: emulator/loose-responses.ts).
 */
import { z } from "zod";
import { DUPLICATE_NAME_STATUS_DEFAULT, TOKEN_EXPIRY_STATUS_DEFAULT } from "./assumptions";

const rate = z.number().min(0).max(1);

export const faultsSchema = z.strictObject({
  status500Rate: rate.optional(),
  status429Rate: rate.optional(),
  status503Rate: rate.optional(),
  dropConnectionRate: rate.optional(),
  redirectRate: rate.optional(),
  tokenExpiryStatus: z.union([z.literal(401), z.literal(403)]).optional(),
  duplicateNameStatus: z.union([z.literal(400), z.literal(409)]).optional(),
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
  /** An emulator extra: answers as a newer API might write them (emulator/loose-responses.ts). */
  looseResponses: z.boolean().optional(),
});

export type FaultSettings = z.infer<typeof faultsSchema>;

/** What happens to one request. */
export interface FaultDecision {
  latencyMs: number;
  outcome: "none" | "status500" | "status429" | "status503" | "drop" | "redirect";
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

  get tokenExpiryStatus(): 401 | 403 {
    return this.settings.tokenExpiryStatus ?? TOKEN_EXPIRY_STATUS_DEFAULT;
  }

  get looseResponses(): boolean {
    return this.settings.looseResponses === true;
  }

  get duplicateNameStatus(): 400 | 409 {
    return this.settings.duplicateNameStatus ?? DUPLICATE_NAME_STATUS_DEFAULT;
  }

  get active(): boolean {
    const s = this.settings;
    return Boolean(
      s.status500Rate || s.status429Rate || s.status503Rate || s.dropConnectionRate || s.redirectRate || (s.latencyMs && s.latencyMs[1] > 0),
    );
  }

  /** `redirectable`: false for a request that is itself the target of an injected redirect. */
  decide(redirectable = true): FaultDecision {
    const s = this.settings;
    let latencyMs = 0;
    if (s.latencyMs) {
      const [min, max] = s.latencyMs;
      latencyMs = Math.round(min + this.random() * (max - min));
    }
    // One draw picks at most one outcome, so the rates are probabilities of each outcome.
    const draw = this.random();
    const ranges: Array<[FaultDecision["outcome"], number]> = [
      ["status500", s.status500Rate ?? 0],
      ["status429", s.status429Rate ?? 0],
      ["status503", s.status503Rate ?? 0],
      ["drop", s.dropConnectionRate ?? 0],
      ["redirect", s.redirectRate ?? 0],
    ];
    let upper = 0;
    for (const [outcome, probability] of ranges) {
      upper += probability;
      if (draw < upper) return { latencyMs, outcome: outcome === "redirect" && !redirectable ? "none" : outcome };
    }
    return { latencyMs, outcome: "none" };
  }
}
