/**
 * What every layer derives from a declaration's per-field facts, so that adding a field is one
 * declaration: which fields differ (compared as canonical values), the PATCH and create bodies,
 * the state kept of a live object, the defaults an entry fills in, the fields ignoreChanges may
 * name and the YAML spelling of a field. Pure; `isUnknown` is the caller's "not known yet"
 * (a Pulumi preview's placeholder), which always counts as a change.
 */
import { canonicalJson, canonicalValue } from "./canonical";
import { isSent, isWritable, type Fact, type Fields } from "./facts";

/** Any object of field values (inputs, a live object, an entry). */
type Bag = object;
const at = (bag: Bag, name: string): unknown => (bag as Record<string, unknown>)[name];
export type IsUnknown = (value: unknown) => boolean;
const known: IsUnknown = () => false;

/** Two values of one field mean the same: their canonical values are equal. */
export function sameValue(fact: Fact, a: unknown, b: unknown): boolean {
  return canonicalJson(canonicalValue(fact, a)) === canonicalJson(canonicalValue(fact, b));
}

/** A field the desired state leaves out that the declaration then leaves alone (`onlyWhereSet`). */
function leftAlone(fact: Fact, desired: unknown, isUnknown: IsUnknown): boolean {
  return fact.onlyWhereSet === true && !isUnknown(desired) && canonicalValue(fact, desired) === undefined;
}

/** The fields (those `keep` passes; the writable ones by default) whose desired value differs from the current one. */
export function differingFields(fields: Fields, current: Bag, desired: Bag, isUnknown: IsUnknown = known, keep: (fact: Fact) => boolean = isWritable): string[] {
  return Object.keys(fields).filter((name) => {
    const fact = fields[name]!;
    if (!keep(fact) || leftAlone(fact, at(desired, name), isUnknown)) return false;
    return isUnknown(at(desired, name)) || !sameValue(fact, at(current, name), at(desired, name));
  });
}

/** The fields whose change replaces the object (`immutable`) that differ. */
export function replacedFields(fields: Fields, current: Bag, desired: Bag, isUnknown: IsUnknown = known): string[] {
  return differingFields(fields, current, desired, isUnknown, (fact) => fact.immutable === true);
}

/** What a write sends for a field: the desired value, or the field's "none" when it is emptied ([] for a list, null when nullable). */
function sentValue(fact: Fact, value: unknown): unknown {
  if (value !== undefined && value !== null) return value;
  return fact.kind === "list" ? [] : fact.nullable ? null : value;
}

/** A PATCH body: the fields the API lets change (sent, not `immutable`) whose desired value differs. */
export function patchBody(fields: Fields, current: Bag, desired: Bag, isUnknown: IsUnknown = known): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const name of differingFields(fields, current, desired, isUnknown, (fact) => isSent(fact) && !fact.immutable)) {
    body[name] = sentValue(fields[name]!, at(desired, name));
  }
  return body;
}

/** A create body: the sent fields the inputs set. */
export function createBody(fields: Fields, inputs: Bag): Record<string, unknown> {
  return Object.fromEntries(Object.keys(fields).flatMap((name) => (isSent(fields[name]!) && at(inputs, name) !== undefined ? [[name, at(inputs, name)]] : [])));
}

/**
 * The state of a live object: the API's read-only fields (ids) from it and, for every other
 * field, the reference's (desired) spelling where it means the same, else the live value; local
 * fields are not recorded. Empty values are left out.
 */
export function stateOf(fields: Fields, live: Bag, reference: Bag): Record<string, unknown> {
  const differs = new Set(differingFields(fields, live, reference));
  const out: Record<string, unknown> = {};
  for (const [name, fact] of Object.entries(fields)) {
    if (fact.local) continue;
    const value = fact.readOnly || differs.has(name) ? at(live, name) : at(reference, name);
    if (value !== undefined) out[name] = value;
  }
  return out;
}

type DefaultedKeys<Fs> = { [K in keyof Fs]: Fs[K] extends { default: unknown } ? K : never }[keyof Fs];
/** A value with every field that has a declared default present. */
export type WithDefaults<Fs, T> = Omit<T, DefaultedKeys<Fs> & keyof T> & { [K in DefaultedKeys<Fs> & keyof T]-?: Exclude<T[K], undefined> };

/** The values with each field's declared default filled in where left out (e.g. multiValued: false), in declaration order. */
export function withDefaults<Fs extends Fields, T extends Bag>(fields: Fs, values: T): WithDefaults<Fs, T> {
  const out: Record<string, unknown> = {};
  for (const [name, fact] of Object.entries(fields)) {
    const fallback = "default" in fact && !fact.local ? fact.default : undefined;
    const value = at(values, name) === undefined ? fallback : at(values, name);
    if (value !== undefined || name in values) out[name] = value;
  }
  for (const [name, value] of Object.entries(values)) if (!(name in fields)) out[name] = value;
  return out as WithDefaults<Fs, T>;
}

/** The declared fields a resource takes from an entry (local ones such as adopt are set apart). */
export function declaredInputs<T extends Bag>(fields: Fields, entry: T): Partial<T> {
  return Object.fromEntries(Object.keys(fields).flatMap((name) => (!fields[name]!.local && at(entry, name) !== undefined ? [[name, at(entry, name)]] : []))) as Partial<T>;
}

/** API field → the YAML-only field that stands for it (`yamlOnly.replaces`: contactTagIds → tags). */
export function yamlSpellings(yamlOnly: Fields): Readonly<Record<string, string>> {
  return Object.fromEntries(Object.entries(yamlOnly).flatMap(([yaml, fact]) => (fact.yamlOnly?.replaces ? [[fact.yamlOnly.replaces, yaml]] : [])));
}

/**
 * YAML field name → resource input name: the fields ignoreChanges may name. The compared ones
 * (writable, in declaration order), then the API fields a YAML-only field stands for under their
 * YAML name, then the tracked local ones (the photo).
 */
export function ignorableFields(inputs: Fields, yamlOnly: Fields = {}): Readonly<Record<string, string>> {
  const spelled = yamlSpellings(yamlOnly);
  const names = Object.keys(inputs);
  return Object.fromEntries([
    ...names.filter((name) => isWritable(inputs[name]!) && !(name in spelled)).map((name) => [name, name]),
    ...Object.entries(spelled).map(([api, yaml]) => [yaml, api]),
    ...names.filter((name) => inputs[name]!.local && inputs[name]!.tracked).map((name) => [name, name]),
  ]);
}
