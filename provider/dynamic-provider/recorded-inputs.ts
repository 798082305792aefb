/**
 * The old inputs check() saw, for diff() and update() of the same run.
 *
 * Pulumi's Node dynamic-provider host hands check() the old inputs but diff() and update()
 * only the old outputs (and the new inputs). Rather than copy the fields into the outputs
 * (which doubles a contact's bytes in the state), check() records the old inputs here, keyed
 * by the inputs it returns: the engine calls diff() and update() of the same resource with
 * exactly those, in the same provider process. Two resources with the same checked inputs
 * but different old ones make the entry ambiguous; callers then fall back (see contact.ts).
 *
 * Each entry also says whether the checked inputs are the old ones unchanged (the same
 * canonical JSON): most resources of a run are, and diff() then needs no field comparison.
 */
import { canonicalJson } from "./normalize";
import { withoutProviderKey } from "./pulumi-values";

type Bag = Record<string, unknown>;

/** The old inputs recorded for a resource's checked inputs, and whether the two are the same. */
export interface Recorded {
  olds: Bag;
  unchanged: boolean;
}

/** The checked inputs are the old ones, byte for byte in canonical JSON (an unknown value never is). */
export function sameInputs(checked: Bag, olds: Bag): boolean {
  return canonicalJson(withoutProviderKey(checked)) === canonicalJson(withoutProviderKey(olds));
}

export class RecordedInputs {
  private readonly byChecked = new Map<string, Recorded | "ambiguous">();

  private static key(checked: Bag): string {
    return canonicalJson(withoutProviderKey(checked));
  }

  /** Records the old inputs for these checked inputs; returns whether the two are the same. */
  remember(checked: Bag, olds: Bag): boolean {
    const key = RecordedInputs.key(checked);
    const existing = this.byChecked.get(key);
    const oldInputs = withoutProviderKey(olds);
    const oldJson = canonicalJson(oldInputs);
    const entry: Recorded = { olds: oldInputs, unchanged: oldJson === key };
    if (existing === undefined) this.byChecked.set(key, entry);
    else if (existing === "ambiguous" || canonicalJson(existing.olds) !== oldJson) this.byChecked.set(key, "ambiguous");
    return entry.unchanged;
  }

  /** What was recorded for these checked inputs, if exactly one set of old inputs was. */
  recall(checked: Bag): Recorded | undefined {
    const entry = this.byChecked.get(RecordedInputs.key(checked));
    return entry === undefined || entry === "ambiguous" ? undefined : entry;
  }

  /** recall(), then forget the entry (update() is its last reader). */
  take(checked: Bag): Recorded | undefined {
    const key = RecordedInputs.key(checked);
    const recorded = this.recall(checked);
    this.byChecked.delete(key);
    return recorded;
  }
}
