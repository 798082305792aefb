/** What the emulator holds and what its request log says, in the model's terms. */
import type { EmulatorProcess, EmulatorRequestLogEntry } from "../../support/emulator-process";
import { naturalKey, type Entry, type Model } from "./model";

export const DOMAIN_ID = 10000001;

export interface LiveObject {
  id: string;
  /** `tag:NAME`, `userTag:USER:NAME`, `property:NAME`, `contact:EMAIL` (see naturalKey). */
  natural: string;
}

export interface Live {
  byId: Map<string, LiveObject>;
  byNatural: Map<string, string[]>;
  /** The domain as GET /_emulator/state renders it (values.ts reads the fields from it). */
  domain?: any;
}

export async function liveSnapshot(emulator: EmulatorProcess): Promise<Live> {
  const state = await emulator.state();
  const domain = state.domains.find((d: any) => d.domainId === DOMAIN_ID);
  const objects: LiveObject[] = [];
  for (const tag of domain.contactTags) {
    const natural = tag.type === "USER" ? `userTag:${tag.userId}:${tag.contactTagName}` : `tag:${tag.contactTagName}`;
    objects.push({ id: tag.contactTagId, natural });
  }
  for (const property of domain.customProperties) objects.push({ id: property.customPropertyId, natural: `property:${property.propertyName}` });
  for (const contact of domain.contacts) {
    const emails: Array<{ email: string; primary?: boolean }> = contact.emails ?? [];
    const email = (emails.find((e) => e.primary) ?? emails[0])?.email ?? `(no email ${contact.contactId})`;
    objects.push({ id: contact.contactId, natural: `contact:${email}` });
  }
  const byId = new Map(objects.map((object) => [object.id, object]));
  const byNatural = new Map<string, string[]>();
  for (const object of objects) byNatural.set(object.natural, [...(byNatural.get(object.natural) ?? []), object.id]);
  return { byId, byNatural, domain };
}

/** Natural keys held by more than one live object. */
export function duplicates(live: Live): string[] {
  return [...live.byNatural.entries()].filter(([, ids]) => ids.length > 1).map(([natural, ids]) => `${natural} (${ids.join(", ")})`);
}

/**
 * The ids no up may delete: every object the files describe, by the id the model tracks
 * and by its natural key in the domain before the up; and protected entries being removed.
 */
export function guardedIds(model: Model, before: Live): Map<string, string> {
  const guarded = new Map<string, string>();
  const guard = (entry: Entry, why: string) => {
    if (entry.id) guarded.set(entry.id, `${entry.section}.${entry.key} (${why}, its id)`);
    for (const id of before.byNatural.get(naturalKey(entry)) ?? []) guarded.set(id, `${entry.section}.${entry.key} (${why}, ${naturalKey(entry)})`);
  };
  for (const entry of model.entries) guard(entry, "in the files");
  for (const entry of model.protectedRemovals) guard(entry, "protect: true");
  return guarded;
}

export interface DeleteCall {
  id: string;
  line: string;
}

/** DELETE calls on tags, custom properties and contacts (photo deletes left out). */
export function deleteCalls(log: EmulatorRequestLogEntry[]): DeleteCall[] {
  const calls: DeleteCall[] = [];
  for (const entry of log) {
    if (entry.kind !== "api" || entry.method !== "DELETE") continue;
    const match = /\/(?:contact-tags|custom-properties|contacts)\/([^/]+)(?:\/forcedelete)?$/.exec(entry.path);
    if (match) calls.push({ id: decodeURIComponent(match[1]!), line: `DELETE ${entry.path} -> ${entry.status}${entry.fault ? ` (fault ${entry.fault})` : ""}` });
  }
  return calls;
}

/** Write calls of the log, one line each, for reports. */
export function writeLines(log: EmulatorRequestLogEntry[]): string[] {
  return log
    .filter((entry) => entry.kind === "api" && entry.method !== "GET")
    .map((entry) => `${entry.method} ${entry.path} -> ${entry.status}${entry.fault ? ` (fault ${entry.fault})` : ""}${entry.dropped ? " (dropped)" : ""}`);
}
