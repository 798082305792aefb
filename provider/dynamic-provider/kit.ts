/**
 * The resource kit: what every resource does the same way, written once. A kind declares
 * its natural key (how to find existing objects with it), how to converge an existing
 * object to the desired inputs (adoption), and its immutable fields; the kit gives the
 * create path (adopt, or refuse naming the existing id, or recover from the API's own
 * "duplicate name" answer, whether 400 or 409) and the replacement check.
 */
import { isDuplicateName } from "../client/errors";
import { isConflict } from "./context";
import { createJournal } from "../seam/create-journal";
import { containsUnknown } from "./pulumi-values";
import { stackClaims } from "./stack-claims";
import { takeoverCount } from "./takeover-count";

export interface NaturalKeyKind<Inputs extends { adopt?: boolean }, Live> {
  /** How messages name the desired object, e.g. `Company contact tag "VIP"`. */
  describe(inputs: Inputs): string;
  /** The input to change instead of adopting, e.g. "contactTagName". */
  keyField: string;
  /** The name of the id in messages, e.g. "contactTagId". */
  idName: string;
  idOf(live: Live): string;
  /** Existing objects with the desired natural key. */
  findByKey(inputs: Inputs): Promise<Live[]>;
  /** Brings an existing object to the desired inputs (throws when it cannot, e.g. immutable fields differ). */
  converge(existing: Live, inputs: Inputs): Promise<Live>;
  /**
   * False when the API accepts a second object with the same key (contacts): the kit then
   * looks before creating, so a conflict is refused instead of duplicated.
   */
  apiRefusesDuplicates: boolean;
  /** When the API refuses a duplicate but nothing holds the natural key: what else clashed (e.g. a display name). */
  otherConflict?(inputs: Inputs): Promise<Error | undefined>;
}

export function conflictError<Inputs extends { adopt?: boolean }, Live>(
  kind: NaturalKeyKind<Inputs, Live>,
  inputs: Inputs,
  ids: string[],
): Error {
  const named = ids.length > 0 ? ` (${kind.idName} ${ids.join(", ")})` : "";
  return new Error(
    `${kind.describe(inputs)} already exists${named}. If this stack manages it under another key (you renamed ` +
      `the entry's key), write previousKeys: [old-key] on the renamed entry so that Pulumi moves it instead of creating ` +
      `and deleting. If it was made outside this stack (in the LINE WORKS app, or by another stack), set adopt: true on ` +
      `this resource to take it over (Pulumi cannot import dynamic resources). Or choose another ${kind.keyField}.`,
  );
}

async function adoptOrRefuse<Inputs extends { adopt?: boolean }, Live>(
  kind: NaturalKeyKind<Inputs, Live>,
  inputs: Inputs,
  found: Live[],
): Promise<Live> {
  const ids = found.map((live) => kind.idOf(live));
  // Without adopt: true, only the object this stack created in a run that never recorded it (create-journal.ts).
  if (!inputs.adopt && !createJournal.madeByThisStack(ids)) throw conflictError(kind, inputs, ids);
  // adopt: true takes over objects made outside this stack, never one another resource of it keeps.
  const kept = ids.filter((id) => stackClaims.heldAnywhere(id));
  if (kept.length > 0) {
    throw new Error(
      `${kind.describe(inputs)} already exists (${kind.idName} ${kept.join(", ")}) and another resource of this stack manages it, ` +
        `so adopt: true does not take it over. If you renamed the entry's key, write previousKeys: [old-key] on it instead; ` +
        `if another entry is renaming away from this ${kind.keyField} in the same edit, apply that rename first.`,
    );
  }
  if (found.length > 1) {
    throw new Error(`Cannot adopt ${kind.describe(inputs)}: ${found.length} objects match (${kind.idName} ${ids.join(", ")}); remove the duplicates first.`);
  }
  return kind.converge(found[0]!, inputs);
}

/**
 * Creates the object, or adopts / refuses an existing one with the same natural key. The outcome is
 * counted (takeover-count.ts): up's line of how many objects it took over and how many it created.
 */
export async function createOrAdopt<Inputs extends { adopt?: boolean }, Live>(
  kind: NaturalKeyKind<Inputs, Live>,
  inputs: Inputs,
  create: () => Promise<Live>,
): Promise<{ live: Live; adopted: boolean }> {
  const outcome = await createOrAdoptOnce(kind, inputs, create);
  takeoverCount.record(outcome.adopted);
  return outcome;
}

async function createOrAdoptOnce<Inputs extends { adopt?: boolean }, Live>(
  kind: NaturalKeyKind<Inputs, Live>,
  inputs: Inputs,
  create: () => Promise<Live>,
): Promise<{ live: Live; adopted: boolean }> {
  if (inputs.adopt || !kind.apiRefusesDuplicates) {
    const found = await kind.findByKey(inputs);
    if (found.length > 0) return { live: await adoptOrRefuse(kind, inputs, found), adopted: true };
  }
  try {
    const live = await create();
    createJournal.record(kind.idName, kind.idOf(live));
    return { live, adopted: false };
  } catch (error) {
    if (!isDuplicateName(error) && !isConflict(error)) throw error;
    const found = await kind.findByKey(inputs);
    if (found.length > 0) return { live: await adoptOrRefuse(kind, inputs, found), adopted: true };
    const other = await kind.otherConflict?.(inputs);
    if (other) throw other;
    const existingId = isDuplicateName(error) ? error.existingId : undefined;
    throw conflictError(kind, inputs, existingId ? [existingId] : []);
  }
}

/**
 * A write (rename) refused because another object holds the desired natural key: the
 * error names that object's id.
 */
export async function withConflictNamed<Inputs extends { adopt?: boolean }, Live, T>(
  kind: NaturalKeyKind<Inputs, Live>,
  inputs: Inputs,
  write: () => Promise<T>,
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!isDuplicateName(error) && !isConflict(error)) throw error;
    const found = await kind.findByKey(inputs);
    const ids = found.map((live) => kind.idOf(live));
    const existingId = isDuplicateName(error) ? error.existingId : undefined;
    if (ids.length === 0 && existingId) ids.push(existingId);
    const named = ids.length > 0 ? ` (${kind.idName} ${ids.join(", ")})` : "";
    throw new Error(`${kind.describe(inputs)} already exists${named}; choose another ${kind.keyField}.`);
  }
}

/** Immutable fields whose desired value differs from the current one (`same` compares one field). */
export function immutableChanges<T>(
  fields: readonly (keyof T & string)[],
  current: T,
  desired: T,
  same: (field: keyof T & string, a: unknown, b: unknown) => boolean = (_f, a, b) => a === b,
): string[] {
  return fields.filter((field) => containsUnknown(desired[field]) || !same(field, current[field], desired[field]));
}

/** What the preview checks of a planned create (preflight.ts) need to know about its kind. */
export interface PlannedCreate<Inputs> {
  /** The natural key as the preview note names it (preview-notes.ts). */
  naturalKey(inputs: Inputs): string | undefined;
  /** The input a conflict is reported on. */
  field: string;
  /** Ids of live objects holding the natural key now. */
  holders(inputs: Inputs): Promise<string[]>;
  /** The message up gives when it refuses the create. */
  conflict(inputs: Inputs, ids: string[]): Error;
  /** Members the object names (owners), checked against the directory where the app may read it. */
  owners(inputs: Inputs): Array<{ field: string; userId: string }>;
}

export function plannedCreate<Inputs extends { adopt?: boolean }, Live>(
  kind: NaturalKeyKind<Inputs, Live>,
  field: string,
  naturalKey: (inputs: Inputs) => string | undefined,
  owners: (inputs: Inputs) => Array<{ field: string; userId: string }> = () => [],
): PlannedCreate<Inputs> {
  return {
    naturalKey,
    field,
    holders: async (inputs) => (await kind.findByKey(inputs)).map((live) => kind.idOf(live)),
    conflict: (inputs, ids) => conflictError(kind, inputs, ids),
    owners,
  };
}
