/**
 * The ids a stack holds, read from its exported state (`pulumi stack export`): per kind, the
 * entry's key (the resource's name) to the object's id. `audit --stack` matches by these, so a
 * name changed in the app is drift of that field, not a missing object plus an unmanaged one.
 * Pure: the export is obtained elsewhere. Nothing secret is read (ids and names only).
 */
export type HeldKind = "tags" | "userTags" | "customProperties" | "contacts";

export type HeldIds = Record<HeldKind, Map<string, string>>;

const TYPE_TO_KIND: Record<string, HeldKind> = {
  "pulumi-nodejs:dynamic/lineworks:CompanyContactTag": "tags",
  "pulumi-nodejs:dynamic/lineworks:UserContactTag": "userTags",
  "pulumi-nodejs:dynamic/lineworks:ContactCustomProperty": "customProperties",
  "pulumi-nodejs:dynamic/lineworks:Contact": "contacts",
};

/** What the stack holds under one key: the object's id and, where the state shows it in clear, its natural key. */
export interface HeldEntry {
  id: string;
  naturalKey?: string;
  /** The name the API keeps unique within the kind (tag name, a member's tag name, a property's displayName). */
  uniqueName?: string;
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

/** A contact's natural key as the state shows it: the primary email (else the first), lower-cased. */
function primaryEmail(emails: unknown): string | undefined {
  if (!Array.isArray(emails)) return undefined;
  const email = (emails.find((e) => e?.primary === true) ?? emails[0])?.email;
  return text(email)?.toLowerCase();
}

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
    held[kind].set(name, { id: resource.id, ...(naturalKey !== undefined ? { naturalKey } : {}), ...(uniqueName !== undefined ? { uniqueName } : {}) });
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
