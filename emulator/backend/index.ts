/**
 * A domain backend (in the manner of moto's backends): per domain, the rules,
 * cascades and change notification of tags, custom properties, contacts and photos,
 * and the read of the domain's users.
 * Routes parse the request, call the backend and render its records; persistence
 * and other observers subscribe to the store's change feed.
 */
import type { Domain, EmulatorStore } from "../store";
import type { BackendSettings } from "./base";
import { ContactBackend } from "./contacts";
import { CustomPropertyBackend } from "./custom-properties";
import { PhotoBackend } from "./photos";
import { TagBackend } from "./tags";
import { UserBackend } from "./users";

export type { BackendSettings } from "./base";
export type { ChangeEvent, ChangeListener } from "./events";

export class DomainBackend {
  readonly tags: TagBackend;
  readonly customProperties: CustomPropertyBackend;
  readonly contacts: ContactBackend;
  readonly photos: PhotoBackend;
  readonly users: UserBackend;

  constructor(readonly domain: Domain, store: EmulatorStore, settings: BackendSettings) {
    this.tags = new TagBackend(domain, store, settings);
    this.customProperties = new CustomPropertyBackend(domain, store, settings);
    this.contacts = new ContactBackend(domain, store, settings);
    this.photos = new PhotoBackend(domain, store, settings);
    this.users = new UserBackend(domain, store, settings);
  }
}

/** One backend per domain of the store, made on first use. */
export class Backends {
  private readonly byDomain = new Map<number, DomainBackend>();

  constructor(
    private readonly store: EmulatorStore,
    private readonly settings: BackendSettings,
  ) {}

  of(domain: Domain): DomainBackend {
    let backend = this.byDomain.get(domain.domainId);
    if (!backend) {
      backend = new DomainBackend(domain, this.store, this.settings);
      this.byDomain.set(domain.domainId, backend);
    }
    return backend;
  }
}
