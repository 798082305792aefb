/**
 * Staging a domain (`lineworks-contacts emulator --import`, CONTRACT §4): objects created in the
 * first domain as if people had made them in the app and the admin console, before the emulator
 * listens. Everything goes through the domain's backend and its rules, as the app endpoints
 * (routes/app.ts) do: company tags, a member's user tags, fields added the console way (a random
 * propertyName when none is given, placed last unless a displayOrder is given), contacts with
 * their tags and custom values, photos. Nothing is written to the request log: no API call was
 * made. Plain objects only: the emulator never imports the provider (the CLI converts its
 * desired-state files into a StagedDomain, cli/commands/emulator-import.ts).
 */
import { DomainBackend } from "./backend";
import { ApiError } from "./errors";
import type { EmulatorStore } from "./store";
import { contactBodySchema, contactTagBodySchema, customPropertyBodySchema, parseBody, photoBodySchema } from "./validation";

/** `key`: the name the files give the object; references between staged objects use it. */
export interface StagedTag {
  key: string;
  contactTagName: string;
}

export interface StagedUserTag extends StagedTag {
  /** The member who made it: userId or email. */
  owner: string;
}

export interface StagedField {
  key: string;
  /** Left out: a random one, as the console generates when the field is left empty. */
  propertyName?: string;
  displayName: string;
  propertyType: "STRING" | "LINK";
  multiValued?: boolean;
  i18nDisplayNames?: Array<{ language: string; name: string }>;
  /** Left out: the console's place, last. */
  displayOrder?: number | null;
}

export interface StagedContact {
  key: string;
  /** A POST /contacts body without contactTagIds and customProperties (those are below, by key). */
  body: Record<string, unknown>;
  /** Keys of staged company or user tags. */
  tags: string[];
  /** Values by the key of a staged field; stored under the field's propertyName. */
  customValues: Record<string, unknown>;
  photo?: { fileName: string; bytes: Buffer };
}

export interface StagedDomain {
  companyTags: StagedTag[];
  userTags: StagedUserTag[];
  customProperties: StagedField[];
  contacts: StagedContact[];
}

/** A staged object the domain's rules refused: names the object by its key, says the way out. */
export class StagingError extends Error {}

const fieldSchema = customPropertyBodySchema
  .pick({ displayName: true, i18nDisplayNames: true, propertyType: true, multiValued: true, displayOrder: true })
  .extend({ propertyName: customPropertyBodySchema.shape.propertyName.optional() });

function contactLabel(body: Record<string, unknown>): string {
  const name = (body.contactName ?? {}) as { lastName?: string; firstName?: string };
  return [name.lastName, name.firstName].filter(Boolean).join(" ");
}

/**
 * Creates `staged` in the store's first domain. The first object the domain's rules refuse
 * throws a StagingError; the caller does not start the emulator then.
 */
export function stageDomain(store: EmulatorStore, staged: StagedDomain): void {
  const domain = store.defaultDomain;
  // Duplicate names are refused as on POST from the app (any status: the message is what counts).
  const backend = new DomainBackend(domain, store, { duplicateNameStatus: () => 409 });
  const members = domain.definition.members.map((member) => member.email).join(", ");
  const attempt = <T>(what: string, make: () => T): T => {
    try {
      return make();
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      const wayOut = /not a member/.test(err.message)
        ? `name a member of domain ${domain.domainId} (${members}) or add the member with --seed FILE`
        : "fix the entry in the --import files and start again";
      throw new StagingError(`--import: cannot stage ${what}: ${err.message}; ${wayOut}`);
    }
  };

  const tagIds = new Map<string, string>();
  for (const tag of staged.companyTags) {
    const made = attempt(`tags.${tag.key} (${tag.contactTagName})`, () =>
      backend.tags.create(parseBody(contactTagBodySchema, { contactTagName: tag.contactTagName }).contactTagName),
    );
    tagIds.set(tag.key, made.contactTagId);
  }
  for (const tag of staged.userTags) {
    const made = attempt(`userTags.${tag.key} (${tag.contactTagName})`, () => {
      const member = backend.contacts.pathMember(tag.owner);
      const { contactTagName } = parseBody(contactTagBodySchema, { contactTagName: tag.contactTagName });
      return backend.tags.create(contactTagName, { member, asSent: member.userId });
    });
    tagIds.set(tag.key, made.contactTagId);
  }

  const propertyNames = new Map<string, string>();
  for (const field of staged.customProperties) {
    const made = attempt(`customProperties.${field.key} (${field.displayName})`, () => {
      const { displayOrder, ...input } = parseBody(fieldSchema, field);
      const property = backend.customProperties.createInConsole(input);
      return displayOrder === undefined ? property : backend.customProperties.patch(property.customPropertyId, { displayOrder });
    });
    propertyNames.set(field.key, made.propertyName);
  }

  for (const contact of staged.contacts) {
    attempt(`contacts.${contact.key} (${contactLabel(contact.body)})`, () => {
      const values = Object.entries(contact.customValues).map(([key, value]) => [lookUp(propertyNames, key, "custom property"), value]);
      const body = {
        ...contact.body,
        ...(contact.tags.length > 0 ? { contactTagIds: contact.tags.map((key) => lookUp(tagIds, key, "tag")) } : {}),
        ...(values.length > 0 ? { customProperties: Object.fromEntries(values) } : {}),
      };
      const record = backend.contacts.create(parseBody(contactBodySchema, body));
      if (contact.photo) {
        const { fileName, fileSize } = parseBody(photoBodySchema, { fileName: contact.photo.fileName, fileSize: contact.photo.bytes.length });
        const uploadId = backend.photos.announce(record.contactId, fileName, fileSize);
        backend.photos.complete(uploadId, contact.photo.bytes);
      }
    });
  }
}

function lookUp(ids: Map<string, string>, key: string, kind: string): string {
  const id = ids.get(key);
  if (id === undefined) throw new ApiError(400, `${kind} ${key} is not among the staged ones`);
  return id;
}
