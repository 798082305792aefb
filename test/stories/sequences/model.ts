/**
 * The model of the edit-sequence test: a small company kept in two desired-state files
 * (company.yaml, then contacts.yaml as an overlay), and what the test expects of the domain.
 * Every edit changes the model; `renderFiles` writes what the model says.
 */
import type { EmulatorFaults } from "../../support/emulator-process";

export type Section = "tags" | "userTags" | "customProperties" | "contacts";
export const SECTIONS: readonly Section[] = ["tags", "userTags", "customProperties", "contacts"];
export const FILES = ["company.yaml", "contacts.yaml"] as const;
export const OWNER = "admin@example.com";
export const SALES = "sales@example.com";

interface EntryBase {
  /** The YAML key (the Pulumi resource name). */
  key: string;
  /** 0: defined in company.yaml; 1: in contacts.yaml. */
  home: 0 | 1;
  /** Fields written in contacts.yaml over a base value in company.yaml (home 0 only). */
  overlay: string[];
  protect: boolean;
  retainOnDelete: boolean;
  ignoreChanges: string[];
  previousKeys: string[];
  adopt: boolean;
  /** The key the stack's state holds it under (after the last successful up); undefined before its first up. */
  stateKey?: string;
  /** protect and retainOnDelete as the state holds them (what Pulumi applies when the entry is removed). */
  stateProtect?: boolean;
  stateRetain?: boolean;
  /** Renamed since the last up without previousKeys: the tool must recognise it or refuse naming previousKeys. */
  unrecordedRename?: boolean;
  /** Takes back a retained object without adopt: the up must fail naming adopt, then adopt is set. */
  needsAdopt?: boolean;
  /** The live object's id, from the stack outputs after the last successful up. */
  id?: string;
  /** What the live object should hold now, field by field (values.ts); null once the app deleted it. */
  expected?: Record<string, string> | null;
}

export interface TagEntry extends EntryBase {
  section: "tags";
  contactTagName: string;
}
export interface UserTagEntry extends EntryBase {
  section: "userTags";
  userId: string;
  contactTagName: string;
}
export interface PropertyEntry extends EntryBase {
  section: "customProperties";
  propertyName: string;
  displayName: string;
  propertyType: "LINK" | "STRING";
  displayOrder: number;
}
export interface ContactEntry extends EntryBase {
  section: "contacts";
  lastName: string;
  firstName: string;
  email: string;
  telephone?: string;
  memo?: string;
  /** Keys of tags and user tags. */
  tags: string[];
  /** Custom property key → the value's text. */
  values: Record<string, string>;
}
export type Entry = TagEntry | UserTagEntry | PropertyEntry | ContactEntry;

/** An entry removed by `key: null` in contacts.yaml while company.yaml still defines it. */
export interface Ghost {
  section: Section;
  key: string;
  body: Record<string, unknown>;
}

export interface Model {
  entries: Entry[];
  ghosts: Ghost[];
  counter: number;
  /** Edits in the app since the last successful up: the next up runs with --refresh. */
  drift: boolean;
  /** File edits since the last successful up. */
  dirty: boolean;
  /** Faults the next up runs under. */
  faults?: EmulatorFaults;
  /** Protected entries removed from the files: the up must fail naming protect, then they come back. */
  protectedRemovals: Entry[];
  /** Entries removed with retainOnDelete: live and unmanaged from then on. */
  retained: Entry[];
  /** Keys whose object the app deleted: a new id is expected after the next up. */
  recreated: Set<string>;
}

export function naturalKey(entry: Entry): string {
  switch (entry.section) {
    case "tags":
      return `tag:${entry.contactTagName}`;
    case "userTags":
      return `userTag:${entry.userId}:${entry.contactTagName}`;
    case "customProperties":
      return `property:${entry.propertyName}`;
    case "contacts":
      return `contact:${entry.email}`;
  }
}

function options(): Omit<EntryBase, "key" | "home"> {
  return { overlay: [], protect: false, retainOnDelete: false, ignoreChanges: [], previousKeys: [], adopt: false };
}

export function newTag(key: string, contactTagName: string, home: 0 | 1 = 0): TagEntry {
  return { section: "tags", key, home, contactTagName, ...options() };
}
export function newUserTag(key: string, contactTagName: string, home: 0 | 1 = 0): UserTagEntry {
  return { section: "userTags", key, home, userId: SALES, contactTagName, ...options() };
}
export function newProperty(key: string, propertyName: string, displayName: string, propertyType: "LINK" | "STRING", displayOrder: number): PropertyEntry {
  return { section: "customProperties", key, home: 0, propertyName, displayName, propertyType, displayOrder, ...options() };
}
export function newContact(key: string, n: string, home: 0 | 1, extra: Partial<ContactEntry> = {}): ContactEntry {
  return { section: "contacts", key, home, lastName: `Person ${n}`, firstName: "Test", email: `${key}@acme.example`, tags: [], values: {}, ...options(), ...extra };
}

/** 3 tags, a user tag, 2 custom properties, 4 contacts; taro's memo in the overlay. */
export function initialModel(): Model {
  const taro = newContact("taro", "Taro", 0, { memo: "Key account", tags: ["vip", "followup"], values: { crm: "CRM 1" }, overlay: ["memo"] });
  const hana = newContact("hana", "Hana", 0, { telephone: "090-1111-2222", tags: ["partner"], values: { notes: "Supplier" } });
  const kenji = newContact("kenji", "Kenji", 1, { tags: ["vip", "press"], values: { crm: "CRM 2", notes: "Lead" } });
  const yuki = newContact("yuki", "Yuki", 1, { memo: "Press contact", tags: ["press"] });
  return {
    entries: [
      newTag("vip", "VIP"),
      newTag("partner", "Partner"),
      newTag("press", "Press", 1),
      newUserTag("followup", "Follow up"),
      newProperty("crm", "crm_link", "CRM link", "LINK", 1),
      newProperty("notes", "account_notes", "Notes", "STRING", 2),
      taro,
      hana,
      kenji,
      yuki,
    ],
    ghosts: [],
    counter: 0,
    drift: false,
    dirty: false,
    protectedRemovals: [],
    retained: [],
    recreated: new Set(),
  };
}

/** An entry whose name the API keeps unique: a tag's or user tag's name, a property's displayName. */
export type NamedEntry = Extract<Entry, { section: "tags" | "userTags" | "customProperties" }>;
export const nameOf = (entry: NamedEntry) => (entry.section === "customProperties" ? entry.displayName : entry.contactTagName);
export const setName = (entry: NamedEntry, name: string) => {
  if (entry.section === "customProperties") entry.displayName = name;
  else entry.contactTagName = name;
};

export function fresh(model: Model): number {
  return ++model.counter;
}

export function entriesOf<S extends Section>(model: Model, section: S): Array<Extract<Entry, { section: S }>> {
  return model.entries.filter((entry) => entry.section === section) as Array<Extract<Entry, { section: S }>>;
}

/** The n-th entry (modulo) among those that pass `filter`, or undefined. */
export function pick<T extends Entry>(list: T[], n: number, filter: (entry: T) => boolean = () => true): T | undefined {
  const candidates = list.filter(filter);
  return candidates.length === 0 ? undefined : candidates[n % candidates.length];
}

export function findEntry(model: Model, key: string): Entry | undefined {
  return model.entries.find((entry) => entry.key === key);
}

/** Removes an entry and every reference to it (contacts' tags and custom values). */
export function removeEntry(model: Model, entry: Entry): void {
  model.entries = model.entries.filter((other) => other !== entry);
  for (const contact of entriesOf(model, "contacts")) {
    contact.tags = contact.tags.filter((key) => key !== entry.key);
    delete contact.values[entry.key];
  }
}

/** All the keys the stack or the files ever used: new keys are never reused. */
export function usedKeys(model: Model): Set<string> {
  const keys = new Set<string>();
  for (const entry of [...model.entries, ...model.retained, ...model.protectedRemovals]) {
    keys.add(entry.key);
    if (entry.stateKey) keys.add(entry.stateKey);
    for (const previous of entry.previousKeys) keys.add(previous);
  }
  for (const ghost of model.ghosts) keys.add(ghost.key);
  return keys;
}

export function describeEntry(entry: Entry): string {
  return `${entry.section}.${entry.key}`;
}
