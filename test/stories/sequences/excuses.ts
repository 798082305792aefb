/**
 * When a failed `pulumi up` of a sequence is allowed to fail: only for a reason the model
 * expects and the output names. An injected fault excuses a failure only when the request log
 * shows the fault hit a request of that run and the output holds no refusal a fault cannot
 * cause: a name taken (409, "already exists", a hand-off that gave up) or a request the API
 * found invalid (400). A fault followed by a broken rename chain is then a failure, not an excuse.
 * And when a replacement the tool cannot avoid is allowed (announcedReplacements).
 */
import type { EmulatorRequestLogEntry } from "../../support/emulator-process";
import type { Live } from "./live";
import { naturalKey, type Entry, type Model, type NamedEntry } from "./model";

/** API errors read `… failed[ after N attempts]: STATUS CODE…` (provider/client/errors.ts). */
const NOT_FROM_A_FAULT = /failed(?: after \d+ attempts)?: (?:409|400)\b|\b(?:CONFLICT|INVALID_PARAMETER)\b|already exists|still held by another object/;

/** The faults that hit requests of the run, e.g. `status500 ×2, drop ×1`, or undefined when none did. */
export function faultsHit(log: EmulatorRequestLogEntry[]): string | undefined {
  const counts = new Map<string, number>();
  for (const entry of log) if (entry.fault) counts.set(entry.fault, (counts.get(entry.fault) ?? 0) + 1);
  return counts.size === 0 ? undefined : [...counts].map(([fault, count]) => `${fault} ×${count}`).join(", ");
}

/** Why a failed up is allowed to fail, or undefined when it is not. `output` is the run's stdout and stderr. */
export function allowedFailure(model: Model, output: string, log: EmulatorRequestLogEntry[]): string | undefined {
  const hit = model.faults ? faultsHit(log) : undefined;
  if (hit && !NOT_FROM_A_FAULT.test(output)) return `faults hit requests: ${hit}`;
  const renames = model.entries.filter((entry) => entry.unrecordedRename);
  if (renames.length > 0 && output.includes("previousKeys")) return "rename refused naming previousKeys";
  if (model.entries.some((entry) => entry.needsAdopt) && output.includes("adopt: true")) return "taking back an object without adopt, refused naming adopt";
  const protectedNow = model.protectedRemovals.length > 0 || renames.some((entry) => entry.stateProtect);
  if (protectedNow && /protect/i.test(output)) return "protected entry";
  if (waitingForRemovedNames(model, output).length > 0) return "a name still held by a removed entry, refused naming the two steps";
  return undefined;
}

/**
 * Entries renamed without previousKeys whose natural key changed in the same edit: nothing pairs
 * them with what the stack holds, so as written the old object is deleted and a new one created
 * (issue 28 item 3). Allowed only where the up's output warned, naming `previousKeys: [old key]`
 * on the new key. By the id the stack held.
 */
export function announcedReplacements(model: Model, before: Live, output: string): Map<string, Entry> {
  const replaced = new Map<string, Entry>();
  for (const entry of model.entries) {
    if (!entry.unrecordedRename || !entry.id || !entry.stateKey) continue;
    const live = before.byId.get(entry.id);
    if (!live || live.natural === naturalKey(entry)) continue;
    if (output.includes(`previousKeys: [${entry.stateKey}] on ${entry.section}.${entry.key}`)) replaced.set(entry.id, entry);
  }
  return replaced;
}

/** provider/program/taken-names.ts: `tags.partner: contactTagName "Press" is still held by tags.press, which this edit removes`. */
const HELD_BY_REMOVED = /\b(tags|userTags|customProperties)\.(\S+): (?:contactTagName|displayName) "[^"]*" is still held by \1\.(\S+), which this edit removes\b/g;

/**
 * Entries refused because they take a name an entry removed in the same edit still holds (the
 * API keeps names unique and Pulumi deletes last): the refusal names both and the two steps.
 * Empty unless every named holder is really gone from the files (not renamed to another key) and
 * every refused entry is in them.
 */
export function waitingForRemovedNames(model: Model, output: string): NamedEntry[] {
  const waiting: NamedEntry[] = [];
  for (const [, section, key, holder] of output.matchAll(HELD_BY_REMOVED)) {
    const entry = model.entries.find((e) => e.section === section && e.key === key) as NamedEntry | undefined;
    // A holder renamed (under a new key, the same object) is not removed: previousKeys is that fix.
    const kept = model.entries.some((e) => e.section === section && (e.key === holder || e.stateKey === holder || e.previousKeys.includes(holder!)));
    if (!entry || kept) return [];
    if (!waiting.includes(entry)) waiting.push(entry);
  }
  return waiting;
}
