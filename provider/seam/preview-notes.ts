/**
 * What the provider tells a preview about a planned create that `up` will turn into a takeover:
 * an object with the entry's natural key exists already and the entry has `adopt: true`. The
 * provider prints the note on its stderr (the engine shows it with the run's diagnostics);
 * `lineworks-contacts plan` reads it back from `pulumi preview --json` to say "take over"
 * instead of "create". One format, written and parsed here only.
 */
import { RESOURCE_TYPE_NAMES, type ResourceTypeName } from "../schema/resources";

/**
 * The other way, program to provider: an input the root program sets on an entry that takes a name
 * another entry of the stack gives up in the same run (program/stack-held-names.ts). The
 * preview's check then lets the create through (up hands the name over); check drops the input,
 * so it never reaches the state.
 */
export const NAME_FROM_STACK_INPUT = "nameFromStack";

export type NotedType = ResourceTypeName;

const PREFIX = "lineworks-contacts: takes over";
const NOTE = new RegExp(`lineworks-contacts: takes over (${RESOURCE_TYPE_NAMES.join("|")}) ("(?:[^"\\\\]|\\\\.)*")`);

const ADOPT_REASON = "the entry has adopt: true";
/** Why an entry without adopt: true takes an object over: this stack created it (create-journal.ts). */
export const JOURNAL_REASON = "this stack created it in a run that was cut off before the state recorded it (.lineworks-contacts/ journal)";

/**
 * `naturalKey`: a tag's name, `userId/name` for a user tag (stack/stack-ids userTagNaturalKey),
 * a property's propertyName, a contact's primary email in lower case.
 */
export function adoptionNote(type: NotedType, naturalKey: string, reason = ADOPT_REASON): string {
  return `${PREFIX} ${type} ${JSON.stringify(naturalKey)}: an object with this key exists already and ${reason}, so up takes it over (no create)`;
}

/** The type and natural key of every note in a diagnostic message (several may share one message). */
export function parseAdoptionNotes(message: string): Array<{ type: NotedType; naturalKey: string }> {
  const notes: Array<{ type: NotedType; naturalKey: string }> = [];
  for (const line of message.split("\n")) {
    const match = NOTE.exec(line);
    if (!match) continue;
    try {
      notes.push({ type: match[1] as NotedType, naturalKey: JSON.parse(match[2]!) as string });
    } catch {
      // not one of ours
    }
  }
  return notes;
}
