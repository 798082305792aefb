/**
 * How a plan names things a reviewer knows: a tag id as its YAML key and name, a propertyName as
 * its key and display name, an object as its display name. Ids come from the plan's own tag and
 * property steps, else from the stack's state (`--stack`, pulumi stack export); an id found in
 * neither is "a tag not in this plan", never the id itself.
 */
import type { HeldEntries } from "../../provider/stack/stack-ids";
import { primaryEmail } from "../../provider/schema/contact";
import { clip, isRecord, plainText } from "./values";

export type PlanKind = "tag" | "userTag" | "customProperty" | "contact";

type Bag = Record<string, unknown>;

interface Named {
  key: string;
  name?: string;
}

export interface NameBook {
  /** How many tag ids could not be named. */
  missed(): number;
  /** `partner (取引先)`, or a phrase saying the tag is unknown here. */
  tag(id: string): string;
  /** `crm (CRM)` for a propertyName; the propertyName itself when no entry names it. */
  property(propertyName: string): string;
}

const label = ({ key, name }: Named) => (name !== undefined && name !== key ? `${key} (${clip(name)})` : key);

/** A contact's name as people write it in Japan (family name first), else its nickname. */
function personName(contactName: unknown): string | undefined {
  if (!isRecord(contactName)) return undefined;
  const full = [plainText(contactName.lastName), plainText(contactName.middleName), plainText(contactName.firstName)].filter(Boolean).join(" ");
  return full || plainText(contactName.nickName);
}

/** What a reviewer recognizes an object by: a tag's name, a property's display name, a contact's name and primary email. */
export function displayNameOf(kind: PlanKind, inputs: Bag | undefined): string | undefined {
  if (!inputs) return undefined;
  switch (kind) {
    case "tag":
    case "userTag":
      return plainText(inputs.contactTagName);
    case "customProperty":
      return plainText(inputs.displayName) ?? plainText(inputs.propertyName);
    case "contact": {
      const name = personName(inputs.contactName);
      const email = Array.isArray(inputs.emails) && !inputs.emails.some((e) => !isRecord(e) || plainText(e.email) === undefined) ? primaryEmail(inputs) : undefined;
      return [name && clip(name), email].filter(Boolean).join(", ") || undefined;
    }
  }
}

export interface NamedStep {
  kind: PlanKind;
  key: string;
  id?: string;
  inputs?: Bag;
}

/** A book from the plan's steps (newest names first) and, when read, the stack's state. */
export function nameBook(steps: readonly NamedStep[], held?: HeldEntries): NameBook {
  const tags = new Map<string, Named>();
  const properties = new Map<string, Named>();
  for (const step of steps) {
    if ((step.kind === "tag" || step.kind === "userTag") && step.id && !tags.has(step.id)) {
      tags.set(step.id, { key: step.key, name: displayNameOf(step.kind, step.inputs) });
    }
    const propertyName = step.kind === "customProperty" ? plainText(step.inputs?.propertyName) : undefined;
    if (propertyName && !properties.has(propertyName)) properties.set(propertyName, { key: step.key, name: plainText(step.inputs?.displayName) });
  }
  if (held) {
    for (const kind of ["tags", "userTags"] as const) {
      for (const [key, entry] of held[kind]) {
        // A user tag's natural key is userId/name; its uniqueName is the name alone.
        if (!tags.has(entry.id)) tags.set(entry.id, { key, name: kind === "tags" ? entry.naturalKey : entry.naturalKey?.slice(entry.naturalKey.indexOf("/") + 1) });
      }
    }
    for (const [key, entry] of held.customProperties) {
      if (entry.naturalKey && !properties.has(entry.naturalKey)) properties.set(entry.naturalKey, { key, name: entry.uniqueName });
    }
  }
  const missing = held ? "a tag not in this plan or the stack" : "a tag not in this plan";
  let missed = 0;
  return {
    missed: () => missed,
    tag: (id) => {
      const named = tags.get(id);
      if (!named) missed++;
      return named ? label(named) : missing;
    },
    property: (propertyName) => {
      const named = properties.get(propertyName);
      return named ? label(named) : propertyName;
    },
  };
}
