import type { MessengerSpelling, Plan } from "./assumptions-app";
import { ChangeFeed, type ChangeEvent, type ChangeListener } from "./backend/events";

/**
 * The emulator's in-memory state: domains (credentials and members) and, per
 * domain, tags, custom properties, contacts, photos and pending photo uploads;
 * plus the issued tokens (as hashes). Everything can be snapshotted to plain JSON
 * and restored from it (persistence).
 */

export interface Member {
  userId: string;
  email: string;
  /** Seed `externalKey`: the user's ExternalKey (`GET /users/externalKey:{key}`); absent: none. */
  externalKey?: string;
  /** Seed `userName`; absent: named after the email (assumptions-directory.ts defaultUserName). */
  userName?: { lastName: string; firstName?: string };
}

export interface DomainCredentials {
  clientId: string;
  clientSecret: string;
  serviceAccount: string;
  privateKeyPem: string;
  publicKeyPem: string;
}

export interface DomainDefinition {
  domainId: number;
  name?: string;
  credentials: DomainCredentials;
  members: Member[];
  /** The app's "Refresh Token Rotation" (seed `refreshTokenRotation`); absent: the default (assumptions). */
  refreshTokenRotation?: boolean;
  /** Seed `tagsEnabled`; false: every tag call is 403 ("available only when tags are enabled"). */
  tagsEnabled?: boolean;
  /** Seed `scopes`: the OAuth scopes the app was given; absent: defaultGrantedScopes(plan). */
  scopes?: string[];
  /** Seed `plan` (free, lite, standard, standardPlus): picks the external-contact cap (assumptions-app.ts). */
  plan?: Plan;
  /** Seed `externalContactCap`: contacts plus trashed contacts the domain may hold; overrides the plan's. */
  externalContactCap?: number;
  /** Seed `maxConcurrentRequests`: API requests in flight per domain before a 429 (ASSUMED default 10). */
  maxConcurrentRequests?: number;
  /** Seed `messengerSpelling`: `protocol` answers `messenger[].protocol.type` (lineworks-api.md). */
  messengerSpelling?: MessengerSpelling;
}

export interface TagRecord {
  contactTagId: string;
  contactTagName: string;
  type: "COMPANY" | "USER";
  /** The owner's canonical userId (USER tags). */
  ownerUserId?: string;
  /** The owner reference as the client sent it (returned as `userId`). */
  userIdAsSent?: string;
  seq: number;
}

export interface CustomPropertyRecord {
  customPropertyId: string;
  propertyName: string;
  displayName: string;
  i18nDisplayNames: Array<{ language: string; name: string }>;
  propertyType: "STRING" | "LINK";
  displayOrder: number | null;
  multiValued: boolean;
  seq: number;
}

/** A contact's writable fields as validated and stored (sub-objects keep unknown fields). */
export type ContactFields = Record<string, unknown>;

export interface ContactRecord {
  contactId: string;
  fields: ContactFields;
  createdAt: number;
  modifiedAt: number;
  trashed: boolean;
  seq: number;
}

export interface PhotoRecord {
  fileName: string;
  contentType: string;
  bytes: Buffer;
  uploadedAt: number;
}

export interface PendingUpload {
  uploadId: string;
  contactId: string;
  fileName: string;
  fileSize: number;
  expiresAt: number;
}

export interface DomainData {
  tags: Map<string, TagRecord>;
  customProperties: Map<string, CustomPropertyRecord>;
  contacts: Map<string, ContactRecord>;
  photos: Map<string, PhotoRecord>;
  uploads: Map<string, PendingUpload>;
  /** Switches an administrator sets in the admin console (admin endpoints /_emulator/app/...). */
  console: ConsoleSettings;
}

export interface ConsoleSettings {
  /** "Turning user tags off deletes every user tag"; while off, none can be made. */
  userTagsOff?: boolean;
}

export interface TokenRecord {
  kind: "access" | "refresh";
  domainId: number;
  scopes: string[];
  expiresAt: number;
}

export class Domain {
  readonly data: DomainData = emptyData();
  private readonly membersByRef = new Map<string, Member>();

  constructor(readonly definition: DomainDefinition) {
    for (const member of definition.members) {
      this.membersByRef.set(member.userId, member);
      this.membersByRef.set(member.email.toLowerCase(), member);
    }
  }

  get domainId(): number {
    return this.definition.domainId;
  }

  /** Resolves a member by userId or email (emails case-insensitively). */
  member(reference: string): Member | undefined {
    return this.membersByRef.get(reference) ?? this.membersByRef.get(reference.toLowerCase());
  }
}

function emptyData(): DomainData {
  return { tags: new Map(), customProperties: new Map(), contacts: new Map(), photos: new Map(), uploads: new Map(), console: {} };
}

/** The JSON form of the whole store, written by persistence. Holds secrets: never served. */
export interface StoreSnapshot {
  version: 1;
  seq: number;
  domains: Array<{
    definition: DomainDefinition;
    tags: TagRecord[];
    customProperties: CustomPropertyRecord[];
    contacts: ContactRecord[];
    photos: Array<Omit<PhotoRecord, "bytes"> & { contactId: string; base64: string }>;
    uploads: PendingUpload[];
    console?: ConsoleSettings;
  }>;
  tokens: Array<TokenRecord & { hash: string }>;
}

export class EmulatorStore {
  private readonly domainsById = new Map<number, Domain>();
  readonly tokens = new Map<string, TokenRecord>();
  private seq = 0;
  private readonly feed = new ChangeFeed();

  constructor(definitions: DomainDefinition[]) {
    if (definitions.length === 0) throw new Error("at least one domain is needed");
    for (const definition of definitions) {
      if (this.domainsById.has(definition.domainId)) throw new Error(`domain ${definition.domainId} is defined twice`);
      this.domainsById.set(definition.domainId, new Domain(definition));
    }
  }

  /** The first domain of the seed: the one `/_emulator/credentials` describes by default. */
  get defaultDomain(): Domain {
    return this.domainsById.values().next().value as Domain;
  }

  domain(domainId: number): Domain | undefined {
    return this.domainsById.get(domainId);
  }

  domains(): Domain[] {
    return [...this.domainsById.values()];
  }

  nextSeq(): number {
    this.seq += 1;
    return this.seq;
  }

  /** Subscribes to every change (persistence, dashboard); returns the unsubscribe function. */
  onChange(listener: ChangeListener): () => void {
    return this.feed.subscribe(listener);
  }

  /** Every mutation calls this (the domain backends with what changed), so listeners learn of it. */
  changed(event: ChangeEvent = { entity: "store", action: "updated" }): void {
    this.feed.emit(event);
  }

  /** Empties tags, properties, contacts and photos; keeps domains, members, credentials and tokens. */
  reset(): void {
    for (const domain of this.domainsById.values()) {
      domain.data.tags.clear();
      domain.data.customProperties.clear();
      domain.data.contacts.clear();
      domain.data.photos.clear();
      domain.data.uploads.clear();
      domain.data.console = {};
    }
    this.changed({ entity: "store", action: "reset" });
  }

  snapshot(): StoreSnapshot {
    return {
      version: 1,
      seq: this.seq,
      domains: this.domains().map((domain) => ({
        definition: domain.definition,
        tags: [...domain.data.tags.values()],
        customProperties: [...domain.data.customProperties.values()],
        contacts: [...domain.data.contacts.values()],
        photos: [...domain.data.photos.entries()].map(([contactId, photo]) => ({
          contactId,
          fileName: photo.fileName,
          contentType: photo.contentType,
          uploadedAt: photo.uploadedAt,
          base64: photo.bytes.toString("base64"),
        })),
        uploads: [...domain.data.uploads.values()],
        ...(Object.keys(domain.data.console).length > 0 ? { console: { ...domain.data.console } } : {}),
      })),
      tokens: [...this.tokens.entries()].map(([hash, token]) => ({ hash, ...token })),
    };
  }

  /**
   * Restores objects and tokens of the domains this store defines; data of domains
   * no longer in the seed is dropped.
   */
  restore(snapshot: StoreSnapshot): void {
    this.seq = Math.max(this.seq, snapshot.seq);
    for (const saved of snapshot.domains) {
      const domain = this.domainsById.get(saved.definition.domainId);
      if (!domain) continue;
      const data = domain.data;
      for (const tag of saved.tags) data.tags.set(tag.contactTagId, tag);
      for (const property of saved.customProperties) data.customProperties.set(property.customPropertyId, property);
      for (const contact of saved.contacts) data.contacts.set(contact.contactId, contact);
      for (const photo of saved.photos) {
        data.photos.set(photo.contactId, {
          fileName: photo.fileName,
          contentType: photo.contentType,
          uploadedAt: photo.uploadedAt,
          bytes: Buffer.from(photo.base64, "base64"),
        });
      }
      for (const upload of saved.uploads) data.uploads.set(upload.uploadId, upload);
      if (saved.console) data.console = { ...saved.console };
    }
    for (const { hash, ...token } of snapshot.tokens) {
      if (this.domainsById.has(token.domainId)) this.tokens.set(hash, token);
    }
  }
}
