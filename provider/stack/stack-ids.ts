/**
 * The ids a stack holds, read from its exported state (`pulumi stack export`): per kind, the
 * entry's key (the resource's name) to the object's id. `audit --stack` matches by these, so a
 * name changed in the app is drift of that field, not a missing object plus an unmanaged one.
 * Pure: the export is obtained elsewhere. Nothing secret is read (ids and names only).
 */
import { primaryEmail as primaryEmailOf } from "../schema/contact";
import type { Fact } from "../schema/facts";
import { RESOURCES, RESOURCE_TYPE_NAMES, type SectionName } from "../schema/resources";

/** A section of the files (provider/schema/resources.ts). */
export type HeldKind = SectionName;

export type HeldIds = Record<HeldKind, Map<string, string>>;

/** The resource's type token (program/classes.ts `lineworksType`) → its section. */
const TYPE_TO_KIND: Record<string, HeldKind> = Object.fromEntries(
  RESOURCE_TYPE_NAMES.map((type) => [`pulumi-nodejs:dynamic/lineworks:${type}`, RESOURCES[type].section]),
);

/** What the stack holds under one key: the object's id and, where the state shows it in clear, its natural key. */
export interface HeldEntry {
  id: string;
  naturalKey?: string;
  /** The name the API keeps unique within the kind (tag name, a member's tag name, a property's displayName). */
  uniqueName?: string;
  /** What a person calls it: a tag's name, a property's displayName, a contact's "lastName firstName" (plain values only). */
  label?: string;
  /** Pulumi's options as the state recorded them: such an entry is not deleted when the files drop it. */
  retainOnDelete?: true;
  protect?: true;
  /** The recorded inputs whose change replaces the object (user tag: userId; property: propertyName, propertyType, multiValued), plain values only. */
  replacing?: Record<string, string | boolean>;
  /** Contacts: the telephone numbers recorded (plain). */
  telephones?: string[];
  /** Contacts: the ids of the tags it carries (plain contactTagIds). */
  tagIds?: string[];
  /** Contacts: the propertyNames it carries values for, or "secret" when the state keeps them encrypted. */
  propertyNames?: string[] | "secret";
}

export type HeldEntries = Record<HeldKind, Map<string, HeldEntry>>;

export function emptyHeldIds(): HeldIds {
  return { tags: new Map(), userTags: new Map(), customProperties: new Map(), contacts: new Map() };
}

/** The resource name of a URN: `urn:pulumi:STACK::PROJECT::TYPE$TYPE::NAME` (a name may itself hold "::"). */
function nameOfUrn(urn: string): string | undefined {
  const parts = urn.split("::");
  return parts.length >= 4 ? parts.slice(3).join("::") : undefined;
}

const text = (value: unknown): string | undefined => (typeof value === "string" && value !== "" ? value : undefined);

/** A contact's natural key as the state shows it: the one rule of provider/schema. */
const primaryEmail = (emails: unknown): string | undefined => primaryEmailOf({ emails });

/** A user tag's name is unique per member: the member and the name together are its natural key. */
export const userTagNaturalKey = (userId: string, contactTagName: string): string => `${userId}/${contactTagName}`;

/** The natural key of a resource of the export (secret values are objects there, so they give none). */
function naturalKeyOf(kind: HeldKind, resource: Record<string, unknown>): string | undefined {
  const inputs = (resource.inputs ?? {}) as Record<string, unknown>;
  const outputs = (resource.outputs ?? {}) as Record<string, unknown>;
  switch (kind) {
    case "tags":
      return text(outputs.contactTagName) ?? text(inputs.contactTagName);
    case "userTags": {
      const name = text(outputs.contactTagName) ?? text(inputs.contactTagName);
      const userId = text(inputs.userId) ?? text(outputs.userId);
      return name !== undefined && userId !== undefined ? userTagNaturalKey(userId, name) : undefined;
    }
    case "customProperties":
      return text(outputs.propertyName) ?? text(inputs.propertyName);
    case "contacts":
      return primaryEmail(inputs.emails) ?? primaryEmail(outputs.emails);
  }
}

function displayNameOf(resource: Record<string, unknown>): string | undefined {
  return text(((resource.outputs ?? {}) as Record<string, unknown>).displayName) ?? text(((resource.inputs ?? {}) as Record<string, unknown>).displayName);
}

/** A contact's name as a person reads it: "lastName firstName" (either alone when the other is missing). */
export function contactDisplayName(contactName: unknown): string | undefined {
  if (typeof contactName !== "object" || contactName === null) return undefined;
  const name = contactName as Record<string, unknown>;
  return text([text(name.lastName), text(name.firstName)].filter(Boolean).join(" "));
}

/** Pulumi's marker of a secret value in an export: `{"4dabf18193072939515e22adb23310ec": "1b47061264138c4ac30d75fd1eb44270", ciphertext}`. */
const isSecretValue = (value: unknown): boolean => typeof value === "object" && value !== null && "4dabf18193072939515e22adb23310ec" in value;

/** Per kind, the inputs whose change replaces the object (declared `immutable`) and the value a left-out one reads as (its default). */
const REPLACING_INPUTS: Partial<Record<HeldKind, Record<string, string | boolean>>> = Object.fromEntries(
  RESOURCE_TYPE_NAMES.flatMap((type) => {
    const fields = Object.entries(RESOURCES[type].inputs.fields as Record<string, Fact>).filter(([, fact]) => fact.immutable === true);
    const fallback = (fact: Fact) => ("default" in fact && typeof fact.default === "boolean" ? fact.default : fact.kind === "boolean" ? false : "");
    return fields.length > 0 ? [[RESOURCES[type].section, Object.fromEntries(fields.map(([name, fact]) => [name, fallback(fact)]))]] : [];
  }),
);

/**
 * The inputs of a kind whose change replaces the object, as `inputs` holds them (a recorded
 * object's or an entry of the files); undefined for a kind that has none. A field left out takes
 * its default (multiValued: false); a secret one is not compared.
 */
export function replacingInputs(kind: HeldKind, inputs: Record<string, unknown>): Record<string, string | boolean> | undefined {
  const replacing = REPLACING_INPUTS[kind];
  if (!replacing) return undefined;
  return Object.fromEntries(
    Object.entries(replacing).flatMap(([field, fallback]) => {
      const value = inputs[field] ?? fallback;
      return typeof value === "string" || typeof value === "boolean" ? [[field, value] as const] : [];
    }),
  );
}

/** What the delete guard reads of a resource: options, replacing inputs, a contact's phones and custom values. */
function guardFacts(kind: HeldKind, resource: Record<string, unknown>): Partial<HeldEntry> {
  const inputs = (resource.inputs ?? {}) as Record<string, unknown>;
  const facts: Partial<HeldEntry> = {
    ...(resource.retainOnDelete === true ? { retainOnDelete: true as const } : {}),
    ...(resource.protect === true ? { protect: true as const } : {}),
  };
  const replacing = replacingInputs(kind, inputs);
  if (replacing) facts.replacing = replacing;
  if (kind === "contacts") {
    const label = contactDisplayName(inputs.contactName);
    if (label !== undefined) facts.label = label;
    if (Array.isArray(inputs.telephones)) {
      facts.telephones = inputs.telephones.flatMap((phone) => (text(phone?.telephone) !== undefined ? [phone.telephone as string] : []));
    }
    if (Array.isArray(inputs.contactTagIds)) facts.tagIds = inputs.contactTagIds.filter((id): id is string => typeof id === "string");
    const values = inputs.customProperties;
    if (isSecretValue(values)) facts.propertyNames = "secret";
    else if (typeof values === "object" && values !== null) facts.propertyNames = Object.keys(values);
  } else {
    const label = kind === "customProperties" ? displayNameOf(resource) : text(((resource.outputs ?? {}) as Record<string, unknown>).contactTagName) ?? text(inputs.contactTagName);
    if (label !== undefined) facts.label = label;
  }
  return facts;
}

/**
 * Reads `{deployment: {resources: [...]}}` (any version Pulumi writes); throws when the text is
 * not such a document. Resources pending deletion are skipped: the stack is letting them go.
 */
export function heldEntriesFromExport(exported: unknown): HeldEntries {
  if (typeof exported !== "object" || exported === null || !("deployment" in exported)) {
    throw new Error("not a Pulumi stack export: no deployment");
  }
  const resources = (exported as { deployment?: { resources?: unknown } }).deployment?.resources;
  if (resources !== undefined && resources !== null && !Array.isArray(resources)) {
    throw new Error("not a Pulumi stack export: deployment.resources is not a list");
  }
  const held: HeldEntries = { tags: new Map(), userTags: new Map(), customProperties: new Map(), contacts: new Map() };
  for (const resource of (resources ?? []) as Array<Record<string, unknown>>) {
    const kind = TYPE_TO_KIND[String(resource?.type)];
    if (!kind || resource.delete === true || typeof resource.id !== "string" || resource.id === "") continue;
    const name = typeof resource.urn === "string" ? nameOfUrn(resource.urn) : undefined;
    if (name === undefined) continue;
    const naturalKey = naturalKeyOf(kind, resource);
    const uniqueName = kind === "customProperties" ? displayNameOf(resource) : kind === "contacts" ? undefined : naturalKey;
    held[kind].set(name, {
      id: resource.id,
      ...(naturalKey !== undefined ? { naturalKey } : {}),
      ...(uniqueName !== undefined ? { uniqueName } : {}),
      ...guardFacts(kind, resource),
    });
  }
  return held;
}

/** Key → id per kind. */
export function heldIdsFromExport(exported: unknown): HeldIds {
  const entries = heldEntriesFromExport(exported);
  const ids = emptyHeldIds();
  for (const kind of Object.keys(ids) as HeldKind[]) for (const [key, entry] of entries[kind]) ids[kind].set(key, entry.id);
  return ids;
}
