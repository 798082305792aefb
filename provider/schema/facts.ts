/**
 * The vocabulary in which each API object is declared once (contact.ts, tags.ts,
 * custom-property.ts): per-field facts. Everything else is derived from a declaration:
 * the TypeScript types (`Value<F>` below), the strict offline rules (rules-zod.ts), the
 * tolerant reader of responses (reader.ts), canonical forms for diff (canonical.ts), the
 * field lists and the export projection (project.ts).
 */

import type { CustomPropertyValue } from "./custom-property";

interface Common {
  /** May be left out of what we write (the rules). Responses may leave out any field but a key. */
  optional?: true;
  /** `null` is a value ("none"); diff and the reader treat it as absent. */
  nullable?: true;
  /** An id: a response must carry it, as a non-empty string. */
  key?: true;
  /** Besides ids, what the callers need from a response (what they compare or look up by). */
  needed?: true;
  /** Set by the API (ids, times): never written, never compared. */
  readOnly?: true;
  /** The API refuses to change it: a change replaces the object. */
  immutable?: true;
  /** Ours, not the API's (a resource option such as adopt, or a local file): never sent. */
  local?: true;
  /** Only the desired-state YAML has it; `replaces` names the API field it stands for. */
  yamlOnly?: { replaces?: string };
  /** Local, yet compared with what the state recorded (the photo, by its sha256): ignoreChanges may name it. */
  tracked?: true;
  /**
   * Managed only where the desired state sets it: left out, the live value is left alone (not
   * patched, not drift, not recorded over the desired one).
   */
  onlyWhereSet?: true;
  /** Never shown in logs, errors or plain state. */
  secret?: true;
  /** The rules require it when a sibling field has this value. */
  requiredWhen?: { field: string; equals: string };
  /** Only meaningful when a sibling field has this value (else ignored by diff). */
  relevantWhen?: { field: string; equals: string; enabled: boolean };
  /** Why a limit or default is what it is, when no doc settles it. */
  assumed?: string;
}

export interface StringFact extends Common {
  kind: "string";
  min?: number;
  max?: number;
  pattern?: RegExp;
  patternMessage?: string;
  check?: (value: string) => boolean;
  checkMessage?: string;
}

export interface EnumFact<V extends readonly [string, ...string[]] = readonly [string, ...string[]]> extends Common {
  kind: "enum";
  values: V;
  /** Old spellings the API still returns, read as the canonical value (TWITTER → X). */
  aliases?: Readonly<Record<string, V[number]>>;
  /** Values the API no longer takes, with the hint the rules give. */
  removed?: Readonly<Record<string, string>>;
  /** What the API assumes when the field is absent. */
  default?: V[number];
}

export interface BooleanFact extends Common {
  kind: "boolean";
  default?: boolean;
}

export interface IntegerFact extends Common {
  kind: "integer";
  min?: number;
  max?: number;
}

export interface ListFact<I extends Fact = Fact> extends Common {
  kind: "list";
  item: I;
  max?: number;
  /** Order carries no meaning: compared as a set. */
  set?: true;
  /** An item may appear only once; for object items, keyed by this field. */
  unique?: true | string;
  /** What an item is called in the duplicate message ("tag t1 is listed twice"). */
  itemLabel?: string;
  /** Must not be empty when a sibling field has this value. */
  nonEmptyWhen?: { field: string; equals: string };
}

export type Fields = Readonly<Record<string, Fact>>;

export interface ObjectFact<F extends Fields = Fields> extends Common {
  kind: "object";
  fields: F;
  /** The real API may add fields: keep them (read-modify-write). */
  open?: true;
}

/** A contact's customProperties: a map of propertyName to one of the value shapes. */
export interface CustomValuesFact extends Common {
  kind: "customValues";
}

export type Fact = StringFact | EnumFact | BooleanFact | IntegerFact | ListFact | ObjectFact | CustomValuesFact;

// ------------------------------------------------------------------ builders

type Extra<F> = Omit<F, "kind">;

export const text = <const O extends Extra<StringFact>>(options: O) => ({ kind: "string" as const, ...options });
export const oneOf = <const V extends readonly [string, ...string[]], const O extends Extra<Omit<EnumFact<V>, "values">>>(values: V, options?: O) => ({
  kind: "enum" as const,
  values,
  ...(options ?? ({} as O)),
});
export const flag = <const O extends Extra<BooleanFact>>(options: O) => ({ kind: "boolean" as const, ...options });
export const integer = <const O extends Extra<IntegerFact>>(options: O) => ({ kind: "integer" as const, ...options });
export const listOf = <const I extends Fact, const O extends Extra<Omit<ListFact<I>, "item">>>(item: I, options: O) => ({
  kind: "list" as const,
  item,
  ...options,
});
export const object = <const F extends Fields, const O extends Extra<Omit<ObjectFact<F>, "fields">>>(fields: F, options?: O) => ({
  kind: "object" as const,
  fields,
  ...(options ?? ({} as O)),
});
export const customValues = <const O extends Extra<CustomValuesFact>>(options: O) => ({ kind: "customValues" as const, ...options });

// ------------------------------------------------------------------ types

type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** The TypeScript type of a value declared by `F`. */
export type Value<F> = F extends { nullable: true } ? BaseValue<F> | null : BaseValue<F>;

type BaseValue<F> = F extends { kind: "string" }
  ? string
  : F extends { kind: "enum"; values: infer V extends readonly string[] }
    ? V[number]
    : F extends { kind: "boolean" }
      ? boolean
      : F extends { kind: "integer" }
          ? number
          : F extends { kind: "list"; item: infer I }
            ? Value<I>[]
            : F extends { kind: "object"; fields: infer Fs extends Fields }
              ? ObjectValue<Fs, F>
              : F extends { kind: "customValues" }
                ? Record<string, CustomPropertyValue>
                : never;

type RequiredKeys<Fs> = { [K in keyof Fs]: Fs[K] extends { optional: true } ? never : K }[keyof Fs];
type OptionalKeys<Fs> = { [K in keyof Fs]: Fs[K] extends { optional: true } ? K : never }[keyof Fs];

type ObjectValue<Fs extends Fields, F> = Simplify<
  { [K in RequiredKeys<Fs>]: Value<Fs[K]> } & { [K in OptionalKeys<Fs>]?: Value<Fs[K]> } & (F extends { open: true }
      ? { [unknownField: string]: unknown }
      : unknown)
>;

type KeyFields<Fs> = { [K in keyof Fs]: Fs[K] extends { key: true } | { needed: true } ? K : never }[keyof Fs];

/**
 * An object as a response carries it: its keys, and any of its other fields (the tolerant
 * reader requires only the keys).
 */
export type ResponseValue<F extends ObjectFact> = Simplify<
  { [K in KeyFields<F["fields"]>]: Value<F["fields"][K]> } & { [K in Exclude<keyof F["fields"], KeyFields<F["fields"]>>]?: Value<F["fields"][K]> } & (F extends {
    open: true;
  }
    ? { [unknownField: string]: unknown }
    : unknown)
>;

/** The TypeScript type of an object with these fields (closed). */
export type FieldsValue<Fs extends Fields> = ObjectValue<Fs, unknown>;

/** The names of an object's fields that pass `keep`, in declaration order. */
export function fieldNames<F extends Fields>(fields: F, keep: (fact: Fact) => boolean): Array<keyof F & string> {
  return Object.keys(fields).filter((name) => keep(fields[name]!));
}

/** Fields we write to the API and compare: not read-only, not local. */
export const isWritable = (fact: Fact): boolean => !fact.readOnly && !fact.local;

/** Fields a request body carries: writable, and not a YAML-only stand-in. */
export const isSent = (fact: Fact): boolean => isWritable(fact) && !fact.yamlOnly;

type SendableKeys<Fs> = { [K in keyof Fs]: Fs[K] extends { readOnly: true } | { local: true } | { yamlOnly: object } ? never : K }[keyof Fs];
type PatchableKeys<Fs> = Exclude<SendableKeys<Fs>, { [K in keyof Fs]: Fs[K] extends { immutable: true } ? K : never }[keyof Fs]>;

/** The fields a create sends: the writable ones (not read-only, not ours). */
export function sentFields<const Fs extends Fields>(fields: Fs): { [K in SendableKeys<Fs>]: Fs[K] } {
  return Object.fromEntries(Object.entries(fields).filter(([, fact]) => isSent(fact))) as { [K in SendableKeys<Fs>]: Fs[K] };
}

/** The fields a PATCH may send: those a create sends that the API lets change (not `immutable`), each optional. */
export function patchFields<const Fs extends Fields>(fields: Fs): { [K in PatchableKeys<Fs>]: Fs[K] & { optional: true } } {
  const kept = Object.entries(fields).filter(([, fact]) => isSent(fact) && !fact.immutable);
  return Object.fromEntries(kept.map(([name, fact]) => [name, { ...fact, optional: true }])) as { [K in PatchableKeys<Fs>]: Fs[K] & { optional: true } };
}
