/**
 * The old inputs check() saw, for diff() and update() of the same run.
 *
 * Pulumi's Node dynamic-provider host hands check() the old inputs but diff() and update()
 * only the old outputs (and the new inputs). Rather than copy the fields into the outputs
 * (which doubles a contact's bytes in the state), check() records the old inputs here, keyed
 * by the inputs it returns: the engine calls diff() and update() of the same resource with
 * exactly those, in the same provider process. Two resources with the same checked inputs
 * but different old ones make the entry ambiguous; callers then fall back (see contact.ts).
 */
import { canonicalJson } from "./normalize";
import { withoutProviderKey } from "./pulumi-values";

type Bag = Record<string, unknown>;

export class RecordedInputs {
  private readonly byChecked = new Map<string, { olds: Bag } | "ambiguous">();

  private static key(checked: Bag): string {
    return canonicalJson(withoutProviderKey(checked));
  }

  remember(checked: Bag, olds: Bag): void {
    const key = RecordedInputs.key(checked);
    const existing = this.byChecked.get(key);
    const entry = { olds: withoutProviderKey(olds) };
    if (existing === undefined) this.byChecked.set(key, entry);
    else if (existing === "ambiguous" || canonicalJson(existing.olds) !== canonicalJson(entry.olds)) this.byChecked.set(key, "ambiguous");
  }

  /** The old inputs recorded for these checked inputs, if exactly one set was. */
  recall(checked: Bag): Bag | undefined {
    const entry = this.byChecked.get(RecordedInputs.key(checked));
    return entry === undefined || entry === "ambiguous" ? undefined : entry.olds;
  }

  /** recall(), then forget the entry (update() is its last reader). */
  take(checked: Bag): Bag | undefined {
    const key = RecordedInputs.key(checked);
    const olds = this.recall(checked);
    this.byChecked.delete(key);
    return olds;
  }
}
