/**
 * Coverage of the edit sequences in shapes: a name chain or cycle of each length run cleanly (its
 * up runs it alone: no other edit of the same names, no app edit of them, no fault, nothing else
 * that may fail the up, between the up before and the up after; every entry it renames already in
 * the stack), a protected and a retained entry removed, app edits then `up --refresh`. Read from
 * the kinds a sequence ran, in order (harness.ts: real.stats.order), or from a dry run of the
 * generator (the model alone, no pulumi: the generator is pure), which the seed search uses.
 */
import * as fc from "fast-check";
import { Edit } from "./edit-commands";
import { fresh, initialModel, pick, type Entry, type Model } from "./model";
import { commandArbitraries, GENERATOR } from "./sequence";
import { AppEdit, Faults, Up } from "./world-commands";

/** The model's side of an up (harness.ts applyAndCheck and the fixes a refusal names), without pulumi. */
function dryUp(model: Model, ids: { next: number }): void {
  for (const entry of model.protectedRemovals) {
    model.ghosts = model.ghosts.filter((ghost) => ghost.key !== entry.key);
    model.entries.push(entry);
  }
  model.protectedRemovals = [];
  for (const entry of model.entries) {
    if (entry.unrecordedRename && entry.stateKey && !entry.previousKeys.includes(entry.stateKey)) entry.previousKeys = [...entry.previousKeys, entry.stateKey];
    if (entry.needsAdopt) entry.adopt = true;
    if (!entry.id || model.recreated.has(entry.key)) entry.id = `id${ids.next++}`;
    Object.assign(entry, { stateKey: entry.key, stateProtect: entry.protect, stateRetain: entry.retainOnDelete, unrecordedRename: false, needsAdopt: false });
  }
  Object.assign(model, { drift: false, dirty: false, faults: undefined });
  model.recreated.clear();
}

/** The kinds a seed's sequence runs, in order ("final up" last), from a dry run. */
export function dryRun(seed: number, maxCommands: number, generator = GENERATOR): string[] {
  const kinds: string[] = [];
  const arbitrary = fc.commands(commandArbitraries({ faults: true, app: true, generator }), { maxCommands, size: "max" });
  fc.assert(
    fc.property(arbitrary, (commands) => {
      const model = initialModel();
      const ids = { next: 1 };
      dryUp(model, ids);
      for (const wrapped of commands) {
        // fast-check wraps each command (CommandWrapper, its `cmd`).
        const command = (wrapped as unknown as { cmd: fc.AsyncCommand<Model, unknown> }).cmd;
        if (!command.check(model)) continue;
        if (command instanceof Edit) {
          command.edit(model);
          model.dirty = true;
        } else if (command instanceof Up) {
          kinds.push(model.drift ? "Up --refresh" : "Up");
          dryUp(model, ids);
          continue;
        } else if (command instanceof Faults) {
          command.apply(model);
        } else if (command instanceof AppEdit) {
          const app = command as unknown as { candidates(model: Model): Entry[]; n: number; edit: string };
          const entry = pick(app.candidates(model), app.n)!;
          fresh(model);
          model.drift = true;
          if (app.edit === "deleteContact" || app.edit === "deleteTag") model.recreated.add(entry.key);
        }
        kinds.push((command as Edit).kind());
      }
      kinds.push("final up");
    }),
    { seed, numRuns: 1 },
  );
  return kinds;
}

/** What may make the up of a shape fail for another reason, or change the same names, in its window. */
function noise(kind: string, section: string): boolean {
  if (/^(Rename (none|adopt)|Faults|Remove protected|Add take back$)/.test(kind) || kind === `Remove deleted ${section}` || kind === `Remove retained ${section}`) return true;
  if (section === "tags" && /^AppEdit (renameTag|deleteTag)/.test(kind)) return true;
  return kind.startsWith(`Swap `) ? kind.includes(` ${section}`) : kind === `NaturalKeyChange ${section}`;
}

/** The shapes a run covers cleanly: `chain 4`, `cycle 2`, `tags chain 3`…, plus the kinds asked for as they are. */
export function cleanShapes(kinds: string[]): Set<string> {
  const shapes = new Set<string>();
  const ups = kinds.flatMap((kind, i) => (kind.startsWith("Up") || kind === "final up" ? [i] : []));
  kinds.forEach((kind, i) => {
    const match = /^Swap (chain|cycle) (\d) (\w+)$/.exec(kind);
    if (match) {
      const from = Math.max(-1, ...ups.filter((u) => u < i));
      const to = Math.min(...ups.filter((u) => u > i));
      const window = kinds.slice(from + 1, to).filter((other, j) => j + from + 1 !== i);
      if (window.some((other) => noise(other, match[3]!))) return;
      shapes.add(`${match[1]} ${match[2]}`);
      if (match[3] === "tags" && match[1] === "chain" && Number(match[2]) >= 3) shapes.add(`tags chain ${match[2]}`);
    }
    const shape = /^(Remove (protected|retained)|Up --refresh)\b/.exec(kind);
    if (shape) shapes.add(shape[1]!);
  });
  return shapes;
}


/** Every shape the fixed seeds cover between them (the soak reports those it did not see). */
export const SHAPES = [
  ...["chain", "cycle"].flatMap((shape) => [2, 3, 4, 5].map((length) => `${shape} ${length}`)),
  ...[3, 4, 5].map((length) => `tags chain ${length}`),
  "Remove protected",
  "Remove retained",
  "Up --refresh",
];
