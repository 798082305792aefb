/**
 * The guarantee that a delete never reaches an object another resource of the same stack
 * manages now (issue 19): renaming an entry's key and setting `adopt: true` on the new key, or
 * two keys that came to hold the same object, must not end with the old key's delete removing
 * what the new key just took over.
 *
 * Why this can be decided in the provider process: one dynamic-provider process serves every
 * resource of a deployment, and the engine checks and diffs every resource the program still
 * declares (as it registers) before it deletes the resources the program no longer declares and
 * the objects that replacements superseded (those deletes come last). So when a delete arrives,
 * every object that stays managed has been seen here: in a diff of inputs the program declared
 * (check saw them) that keeps it (not one that replaces it), in a create (new or adopted) or in
 * an update. `up --refresh` also diffs what it refreshes, the removed resources included, with
 * the inputs read from the API: those diffs follow no check of the program, and claim nothing.
 */
import type * as pulumi from "@pulumi/pulumi";
import { isRecord } from "../schema/json";
import { canonicalJson } from "./normalize";
import { withoutProviderKey } from "./pulumi-values";

export type ClaimReason = "kept" | "created" | "updated";

export class StackClaims {
  private readonly held = new Map<string, ClaimReason>();
  private readonly declared = new Set<string>();

  /** Inputs the program declared (check's answer), by type. */
  declare(type: string, inputs: unknown): void {
    this.declared.add(`${type}/${stableKey(inputs)}`);
  }

  wasDeclared(type: string, inputs: unknown): boolean {
    return this.declared.has(`${type}/${stableKey(inputs)}`);
  }

  claim(type: string, id: string | undefined, reason: ClaimReason): void {
    if (!id) return;
    const key = `${type}/${id}`;
    // "created" and "updated" say more than "kept"; keep the strongest reason for the warning.
    if (reason === "kept" && this.held.has(key)) return;
    this.held.set(key, reason);
  }

  heldBy(type: string, id: string): ClaimReason | undefined {
    return this.held.get(`${type}/${id}`);
  }

  /** Held by a resource of any type (ids do not repeat across kinds). */
  heldAnywhere(id: string): boolean {
    for (const key of this.held.keys()) if (key.endsWith(`/${id}`)) return true;
    return false;
  }
}

/** The engine's copy of a value may order keys otherwise and adds the provider stub: neither counts. */
const stableKey = (value: unknown): string => canonicalJson(isRecord(value) ? withoutProviderKey(value) : value);

/** The one record of the provider process (every resource of a run shares it). */
export const stackClaims = new StackClaims();

const REASONS: Record<ClaimReason, string> = {
  kept: "another resource of this stack holds it (two keys held the same object)",
  created: "a resource of this stack adopted it in this run (adopt: true)",
  updated: "another resource of this stack updated it in this run",
};

/** A diff result that keeps the object (no replacement). */
function keepsObject(result: pulumi.dynamic.DiffResult): boolean {
  return !(result.replaces && result.replaces.length > 0);
}

/**
 * Wraps a provider so that diff, create and update record the objects this run keeps, and a
 * delete of such an object is forgotten with a warning instead of reaching the API.
 */
export function guardDeletes(
  type: string,
  provider: pulumi.dynamic.ResourceProvider,
  claims: StackClaims,
  warn: (message: string) => void,
): pulumi.dynamic.ResourceProvider {
  const guarded: pulumi.dynamic.ResourceProvider = { ...provider };
  if (provider.check) {
    const check = provider.check.bind(provider);
    guarded.check = async (olds, news) => {
      const result = await check(olds, news);
      claims.declare(type, result.inputs ?? news);
      return result;
    };
  }
  if (provider.diff) {
    const diff = provider.diff.bind(provider);
    guarded.diff = async (id, olds, news) => {
      const result = await diff(id, olds, news);
      if (keepsObject(result) && claims.wasDeclared(type, news)) claims.claim(type, id, "kept");
      return result;
    };
  }
  const create = provider.create.bind(provider);
  guarded.create = async (inputs) => {
    const result = await create(inputs);
    claims.claim(type, result.id, "created");
    return result;
  };
  if (provider.update) {
    const update = provider.update.bind(provider);
    guarded.update = async (id, olds, news) => {
      const result = await update(id, olds, news);
      claims.claim(type, id, "updated");
      return result;
    };
  }
  if (provider.delete) {
    const remove = provider.delete.bind(provider);
    guarded.delete = async (id, props) => {
      const reason = claims.heldBy(type, id);
      if (reason) {
        warn(
          `${type} ${id} was not deleted: ${REASONS[reason]}. The resource that is going away is forgotten ` +
            `instead (nothing is deleted in LINE WORKS). To rename a key without this, write previousKeys: [old-key] on the new key.`,
        );
        return;
      }
      await remove(id, props);
    };
  }
  return guarded;
}
