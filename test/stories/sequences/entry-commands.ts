/**
 * Edits of the files that add, remove or move entries and toggle their options (fast-check
 * commands, as in edit-commands.ts): each picks its target by index (modulo), changes the model
 * and rewrites the files.
 */
import { Edit } from "./edit-commands";
import { entriesOf, newContact, newProperty, newTag, newUserTag, pick, removeEntry, fresh, type ContactEntry, type Entry, type Model, type Section } from "./model";
import { ghostBody, OVERLAY_FIELDS } from "./render";

export class Add extends Edit {
  readonly name = "Add";
  private takenBack = "";
  constructor(
    private readonly section: Section,
    private readonly variant: number,
  ) {
    super();
  }
  check(model: Readonly<Model>): boolean {
    if (this.section !== "customProperties") return true;
    // At most 5 per domain, retained ones included.
    const properties = [...model.entries, ...model.retained, ...model.protectedRemovals].filter((entry) => entry.section === "customProperties");
    return properties.length < 4;
  }
  /** `Add tags`, or `Add take back` / `Add take back adopt` for a retained object. */
  override kind(): string {
    return this.takenBack ? `Add take back${this.takenBack === "adopt" ? " adopt" : ""}` : `Add ${this.section}`;
  }
  edit(model: Model): string {
    const n = fresh(model);
    const home = (this.variant % 2) as 0 | 1;
    if ((this.variant & 8) !== 0) {
      const retained = pick(model.retained, this.variant, (entry) => entry.section === this.section);
      if (retained) return this.takeBack(model, retained, n, home);
    }
    let entry: Entry;
    switch (this.section) {
      case "tags":
        entry = newTag(`tag-${n}`, `Tag ${n}`, home);
        break;
      case "userTags":
        entry = newUserTag(`utag-${n}`, `Follow ${n}`, home);
        break;
      case "customProperties":
        entry = newProperty(`prop-${n}`, `prop_${n}`, `Prop ${n}`, "STRING", (n % 9) + 1);
        break;
      case "contacts": {
        const tag = pick(entriesOf(model, "tags"), this.variant);
        const property = pick(entriesOf(model, "customProperties"), this.variant);
        entry = newContact(`c${n}`, String(n), home, {
          tags: tag ? [tag.key] : [],
          values: property && this.variant % 3 === 0 ? { [property.key]: `value ${n}` } : {},
          memo: this.variant % 5 === 0 ? `memo ${n}` : undefined,
        });
        break;
      }
    }
    entry.adopt = (this.variant & 2) !== 0;
    model.entries.push(entry);
    if (entry.section !== "contacts" && entry.section !== "customProperties" && (this.variant & 4) !== 0) {
      const contact = pick(entriesOf(model, "contacts"), this.variant);
      contact?.tags.push(entry.key);
    }
    return `${this.section}.${entry.key}${entry.adopt ? " adopt" : ""} in ${home === 0 ? "company" : "contacts"}.yaml`;
  }

  /** A retained object comes back under a new key: adopt takes it over (same id); without adopt the up must say adopt. */
  private takeBack(model: Model, retained: Entry, n: number, home: 0 | 1): string {
    model.retained = model.retained.filter((entry) => entry !== retained);
    const keys = new Set(model.entries.map((entry) => entry.key));
    const entry: Entry = {
      ...retained,
      key: `${retained.key.split("-")[0]}-a${n}`,
      home,
      overlay: [],
      protect: false,
      retainOnDelete: false,
      ignoreChanges: [],
      previousKeys: [],
      adopt: (this.variant & 2) !== 0,
      stateKey: undefined,
      stateProtect: undefined,
      stateRetain: undefined,
      unrecordedRename: false,
    };
    entry.needsAdopt = !entry.adopt;
    this.takenBack = entry.adopt ? "adopt" : "without adopt";
    if (entry.section === "contacts") {
      entry.tags = entry.tags.filter((key) => keys.has(key));
      entry.values = Object.fromEntries(Object.entries(entry.values).filter(([key]) => keys.has(key)));
    }
    model.entries.push(entry);
    return `${this.section}.${entry.key} takes back retained ${retained.key} (${retained.id})${entry.adopt ? " with adopt" : " without adopt"}`;
  }
}

export class Remove extends Edit {
  readonly name = "Remove";
  private fate = "";
  constructor(
    private readonly section: Section,
    private readonly n: number,
    private readonly viaNull: boolean,
  ) {
    super();
  }
  check(model: Readonly<Model>): boolean {
    return entriesOf(model as Model, this.section).length > 0;
  }
  /** `Remove protected tags`, `Remove retained contacts`, `Remove deleted …`, `Remove never applied …`. */
  override kind(): string {
    return `Remove ${this.fate ? `${this.fate.split(":")[0]} ` : ""}${this.section}`;
  }
  edit(model: Model): string {
    const entry = pick(entriesOf(model, this.section) as Entry[], this.n)!;
    const byNull = this.viaNull && entry.home === 0;
    if (byNull) model.ghosts.push({ section: entry.section, key: entry.key, body: ghostBody(model, entry) });
    removeEntry(model, entry);
    let fate = "deleted";
    if (entry.stateKey === undefined) fate = "never applied";
    else if (entry.stateProtect) {
      model.protectedRemovals.push(entry);
      fate = "protected: the up must refuse";
    } else if (entry.stateRetain) {
      model.retained.push(entry);
      fate = "retained";
    }
    this.fate = fate;
    return `${entry.section}.${entry.key} ${byNull ? "by null in contacts.yaml" : "from its file"} (${fate})`;
  }
}

/** Moves an entry to the other file, or a field into / out of the overlay. */
export class Move extends Edit {
  readonly name = "Move";
  constructor(
    private readonly n: number,
    private readonly variant: number,
  ) {
    super();
  }
  check(model: Readonly<Model>): boolean {
    return model.entries.length > 0;
  }
  edit(model: Model): string {
    const entry = pick(model.entries, this.n)!;
    if (this.variant % 2 === 0) {
      entry.home = entry.home === 0 ? 1 : 0;
      entry.overlay = [];
      return `${entry.section}.${entry.key} to ${entry.home === 0 ? "company" : "contacts"}.yaml`;
    }
    const fields = OVERLAY_FIELDS[entry.section];
    const field = fields[this.variant % fields.length]!;
    entry.home = 0;
    const had = entry.overlay.includes(field);
    entry.overlay = had ? entry.overlay.filter((f) => f !== field) : [...entry.overlay, field];
    return `${entry.section}.${entry.key} ${field} ${had ? "out of" : "into"} the overlay`;
  }
}

export type OptionToggle = "protect" | "retainOnDelete" | "ignoreChanges" | "previousKeys";

export class ToggleOption extends Edit {
  readonly name = "ToggleOption";
  constructor(
    private readonly n: number,
    private readonly option: OptionToggle,
    private readonly arg: number,
  ) {
    super();
  }
  private candidates(model: Model): Entry[] {
    switch (this.option) {
      case "ignoreChanges":
        return entriesOf(model, "contacts");
      case "previousKeys":
        return model.entries.filter((entry) => entry.previousKeys.length > 0 && entry.stateKey === entry.key);
      default:
        return model.entries;
    }
  }
  check(model: Readonly<Model>): boolean {
    return this.candidates(model as Model).length > 0;
  }
  edit(model: Model): string {
    const entry = pick(this.candidates(model), this.n)!;
    const where = `${entry.section}.${entry.key}`;
    switch (this.option) {
      case "protect":
        entry.protect = !entry.protect;
        return `${where} protect ${entry.protect}`;
      case "retainOnDelete":
        entry.retainOnDelete = !entry.retainOnDelete;
        return `${where} retainOnDelete ${entry.retainOnDelete}`;
      case "previousKeys":
        entry.previousKeys = [];
        return `${where} previousKeys dropped`;
      case "ignoreChanges": {
        const contact = entry as ContactEntry;
        const field = this.arg % 2 === 0 ? "memo" : "telephones";
        const had = contact.ignoreChanges.includes(field);
        contact.ignoreChanges = had ? contact.ignoreChanges.filter((f) => f !== field) : [...contact.ignoreChanges, field];
        return `${where} ignoreChanges [${contact.ignoreChanges.join(", ")}]`;
      }
    }
  }
}
