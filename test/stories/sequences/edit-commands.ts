/**
 * Edits of the files, as fast-check commands. Each picks its target among the model's entries
 * by index (modulo), changes the model and rewrites the files; no command here runs pulumi.
 */
import type * as fc from "fast-check";
import type { Real } from "./harness";
import { note } from "./harness";
import { entriesOf, fresh, nameOf, pick, setName, type Entry, type Model, type NamedEntry, type Section } from "./model";
import { renderFiles } from "./render";

export abstract class Step implements fc.AsyncCommand<Model, Real> {
  protected detail = "";
  abstract readonly name: string;
  abstract check(model: Readonly<Model>): boolean;
  abstract apply(model: Model, real: Real): Promise<string> | string;
  async run(model: Model, real: Real): Promise<void> {
    real.stats.steps++;
    this.detail = await this.apply(model, real);
    real.stats.kinds[this.kind()] = (real.stats.kinds[this.kind()] ?? 0) + 1;
    real.stats.order.push(this.kind());
    note(real, `${this.name}: ${this.detail}`);
  }
  /** The command's kind for the coverage count, once it ran (a subclass may add its variant or outcome). */
  kind(): string {
    return this.name;
  }
  /** The command's own arguments, shown for steps that did not run. */
  protected args(): unknown[] {
    return Object.entries(this)
      .filter(([field]) => !["detail", "name", "executed", "fate", "refresh", "takenBack"].includes(field))
      .map(([, value]) => value);
  }
  toString(): string {
    return this.detail ? `${this.name}(${this.detail})` : `${this.name}(${this.args().join(", ")})`;
  }
}

/** A file edit: marks the model dirty and rewrites the files. */
export abstract class Edit extends Step {
  abstract edit(model: Model): string;
  apply(model: Model, real: Real): string {
    const detail = this.edit(model);
    model.dirty = true;
    renderFiles(model, real.workspace.dir);
    return detail;
  }
}

export type RenameMode = "previousKeys" | "none" | "adopt";

/** Entries whose natural key may change now: not renamed without previousKeys since the last up. */
const nameable = (entry: Entry) => !entry.unrecordedRename;

export class Rename extends Edit {
  readonly name = "Rename";
  constructor(
    private readonly section: Section,
    private readonly n: number,
    private readonly mode: RenameMode,
  ) {
    super();
  }
  check(model: Readonly<Model>): boolean {
    return entriesOf(model as Model, this.section).length > 0;
  }
  override kind(): string {
    return `Rename ${this.mode}`;
  }
  edit(model: Model): string {
    const entry = pick(entriesOf(model, this.section), this.n)!;
    const oldKey = entry.key;
    const newKey = `${oldKey.split("-r")[0]}-r${fresh(model)}`;
    for (const contact of entriesOf(model, "contacts")) {
      contact.tags = contact.tags.map((key) => (key === oldKey ? newKey : key));
      if (oldKey in contact.values) {
        contact.values[newKey] = contact.values[oldKey]!;
        delete contact.values[oldKey];
      }
    }
    entry.key = newKey;
    if (entry.stateKey !== undefined && entry.stateKey !== newKey) {
      if (this.mode === "previousKeys") {
        if (!entry.previousKeys.includes(entry.stateKey)) entry.previousKeys = [...entry.previousKeys, entry.stateKey];
        entry.unrecordedRename = false;
      } else {
        entry.unrecordedRename = !entry.previousKeys.includes(entry.stateKey);
        if (this.mode === "adopt") entry.adopt = true;
      }
    }
    return `${this.section}.${oldKey} → ${newKey}, ${this.mode}`;
  }
}

/** Field edits that keep every natural key. */
export class EditField extends Edit {
  readonly name = "EditField";
  constructor(
    private readonly n: number,
    private readonly variant: number,
    private readonly arg: number,
  ) {
    super();
  }
  check(model: Readonly<Model>): boolean {
    return entriesOf(model as Model, "contacts").length > 0;
  }
  edit(model: Model): string {
    if (this.variant % 6 === 5) {
      const property = pick(entriesOf(model, "customProperties"), this.n);
      if (property) {
        property.displayOrder = (property.displayOrder % 9) + 1;
        return `customProperties.${property.key} displayOrder ${property.displayOrder}`;
      }
    }
    const contact = pick(entriesOf(model, "contacts"), this.n)!;
    const n = fresh(model);
    switch (this.variant % 6) {
      case 0:
        contact.memo = this.arg % 3 === 0 ? undefined : `memo ${n}`;
        return `contacts.${contact.key} memo ${contact.memo ?? "removed"}`;
      case 1:
        contact.telephone = this.arg % 3 === 0 ? undefined : `090-0000-${String(n).padStart(4, "0")}`;
        return `contacts.${contact.key} telephone ${contact.telephone ?? "removed"}`;
      case 2:
        contact.lastName = `Person ${n}`;
        return `contacts.${contact.key} lastName ${contact.lastName}`;
      case 3: {
        const tag = pick([...entriesOf(model, "tags"), ...entriesOf(model, "userTags")], this.arg);
        if (!tag) return `contacts.${contact.key} (no tag to toggle)`;
        const had = contact.tags.includes(tag.key);
        contact.tags = had ? contact.tags.filter((key) => key !== tag.key) : [...contact.tags, tag.key];
        return `contacts.${contact.key} tags ${had ? "-" : "+"}${tag.key}`;
      }
      default: {
        const property = pick(entriesOf(model, "customProperties"), this.arg);
        if (!property) return `contacts.${contact.key} (no property)`;
        if (property.key in contact.values && this.arg % 2 === 0) delete contact.values[property.key];
        else contact.values[property.key] = `value ${n}`;
        return `contacts.${contact.key} customProperties.${property.key} ${contact.values[property.key] ?? "removed"}`;
      }
    }
  }
}

/** A tag's or user tag's name, a property's displayName, a contact's primary email. */
export class NaturalKeyChange extends Edit {
  readonly name = "NaturalKeyChange";
  constructor(
    private readonly section: Section,
    private readonly n: number,
  ) {
    super();
  }
  check(model: Readonly<Model>): boolean {
    return entriesOf(model as Model, this.section).some(nameable);
  }
  override kind(): string {
    return `NaturalKeyChange ${this.section}`;
  }
  edit(model: Model): string {
    const entry = pick(entriesOf(model, this.section) as Entry[], this.n, nameable)!;
    const n = fresh(model);
    switch (entry.section) {
      case "tags":
      case "userTags":
        entry.contactTagName = `Tag ${n}`;
        return `${entry.section}.${entry.key} contactTagName ${entry.contactTagName}`;
      case "customProperties":
        entry.displayName = `Display ${n}`;
        return `customProperties.${entry.key} displayName ${entry.displayName}`;
      case "contacts":
        entry.email = `mail${n}@acme.example`;
        return `contacts.${entry.key} primary email ${entry.email}`;
    }
  }
}

/**
 * Names handed along in one edit over `length` entries of a section (from the n-th): a chain
 * gives each the next one's name and the last a new name; a cycle gives the last the first's
 * name (a cycle of 2 is a swap). "v1" is the first generator's shape: a chain of 3, else a swap.
 */
export type SwapShape = "chain" | "cycle" | "v1";

export class Swap extends Edit {
  readonly name = "Swap";
  private executed = "";
  constructor(
    private readonly section: "tags" | "userTags" | "customProperties",
    private readonly n: number,
    private readonly shape: SwapShape,
    private readonly length: number,
  ) {
    super();
  }
  check(model: Readonly<Model>): boolean {
    return (entriesOf(model as Model, this.section) as NamedEntry[]).filter(nameable).length >= 2;
  }
  /** `Swap chain 4 tags`, `Swap cycle 2 userTags`; ` (unapplied)` when one of them is not in the stack yet. */
  override kind(): string {
    return this.executed || `Swap ${this.shape} ${this.length} ${this.section}`;
  }
  edit(model: Model): string {
    const list = (entriesOf(model, this.section) as NamedEntry[]).filter(nameable);
    let [shape, length] = [this.shape, Math.min(this.length, list.length)];
    if (shape === "v1") [shape, length] = list.length >= 3 ? ["chain", 3] : ["cycle", 2];
    const members = Array.from({ length }, (_, i) => list[(this.n + i) % list.length]!);
    const names = members.map(nameOf);
    // A cycle takes no new name (no counter used: the first generator's sequences stay as they were).
    const last = shape === "cycle" ? names[0]! : `${this.section === "customProperties" ? "Display" : "Tag"} ${fresh(model)}`;
    members.forEach((entry, i) => setName(entry, i + 1 < length ? names[i + 1]! : last));
    const unapplied = members.some((entry) => entry.stateKey === undefined);
    this.executed = `Swap ${shape} ${length} ${this.section}${unapplied ? " (unapplied)" : ""}`;
    const steps = members.map((entry, i) => `${entry.key}←"${nameOf(entry)}"${i + 1 < length ? "" : ` (was "${names[i]}")`}`);
    return `${this.section} ${shape} of ${length}: ${steps.join(", ")}`;
  }
}
