/**
 * One listing per kind and per process, shared by every resource of a Pulumi
 * run: `pulumi refresh` of N contacts costs ceil(N/500) list calls instead of
 * N gets, and adoption / conflict checks reuse the same listing. Writes made by
 * this process are recorded so the cache stays true to what we did.
 */
import type { Contact, ContactApi, ContactTag, CustomProperty } from "../client/contact-api";
import { LISTING_PAGE_SIZE } from "./assumptions";

class Listing<T> {
  private loading: Promise<Map<string, T>> | undefined;
  /** The listing once loaded (for readers that must not cause a load). */
  loaded: Map<string, T> | undefined;

  constructor(private readonly load: () => Promise<Map<string, T>>) {}

  /** The listing, loaded at most once (a failed load is retried by the next caller). */
  get(): Promise<Map<string, T>> {
    if (!this.loading) {
      const loading = this.load();
      this.loading = loading;
      loading.then(
        (items) => (this.loaded = items),
        () => (this.loading = undefined),
      );
    }
    return this.loading;
  }

  /** Applies a change to the listing if it is loaded (or loading). */
  async update(change: (items: Map<string, T>) => void): Promise<void> {
    if (!this.loading) return;
    try {
      change(await this.loading);
    } catch {
      // a failed listing is reloaded by the next reader
    }
  }
}

async function collect<T>(items: AsyncIterable<T>, idOf: (item: T) => string): Promise<Map<string, T>> {
  const map = new Map<string, T>();
  for await (const item of items) map.set(idOf(item), item);
  return map;
}

export class LiveCache {
  private readonly contactListing: Listing<Contact>;
  private readonly companyTagListing: Listing<ContactTag>;
  private readonly userTagListings = new Map<string, Listing<ContactTag>>();
  private readonly propertyListing: Listing<CustomProperty>;

  constructor(private readonly api: () => ContactApi) {
    this.contactListing = new Listing(() =>
      collect(this.api().listContacts({ count: LISTING_PAGE_SIZE }), (c) => c.contactId),
    );
    this.companyTagListing = new Listing(async () => {
      const tags = await collect(this.api().listContactTags({ type: "COMPANY", count: LISTING_PAGE_SIZE }), (t) => t.contactTagId);
      // A user tag may carry a company tag's name (names are unique within their kind only): never take one for the other.
      for (const [id, tag] of tags) if (tag.type === "USER") tags.delete(id);
      return tags;
    });
    this.propertyListing = new Listing(async () => {
      const properties = await this.api().listCustomProperties();
      return new Map(properties.map((p) => [p.customPropertyId, p]));
    });
  }

  contacts(): Promise<Map<string, Contact>> {
    return this.contactListing.get();
  }

  /** A contact from the listing if this process has loaded it already; never calls the API. */
  loadedContact(contactId: string): Contact | undefined {
    return this.contactListing.loaded?.get(contactId);
  }

  companyTags(): Promise<Map<string, ContactTag>> {
    return this.companyTagListing.get();
  }

  /** The member's own (USER) tags. */
  userTags(userId: string): Promise<Map<string, ContactTag>> {
    return this.userTagListing(userId).get();
  }

  customProperties(): Promise<Map<string, CustomProperty>> {
    return this.propertyListing.get();
  }

  async rememberContact(contact: Contact): Promise<void> {
    await this.contactListing.update((m) => m.set(contact.contactId, contact));
  }

  async forgetContact(contactId: string): Promise<void> {
    await this.contactListing.update((m) => m.delete(contactId));
  }

  async rememberTag(tag: ContactTag): Promise<void> {
    if (tag.type === "COMPANY") await this.companyTagListing.update((m) => m.set(tag.contactTagId, tag));
    else if (tag.userId !== undefined) await this.userTagListing(tag.userId).update((m) => m.set(tag.contactTagId, tag));
  }

  async forgetTag(contactTagId: string): Promise<void> {
    await this.companyTagListing.update((m) => m.delete(contactTagId));
    for (const listing of this.userTagListings.values()) await listing.update((m) => m.delete(contactTagId));
  }

  async rememberProperty(property: CustomProperty): Promise<void> {
    await this.propertyListing.update((m) => m.set(property.customPropertyId, property));
  }

  async forgetProperty(customPropertyId: string): Promise<void> {
    await this.propertyListing.update((m) => m.delete(customPropertyId));
  }

  private userTagListing(userId: string): Listing<ContactTag> {
    let listing = this.userTagListings.get(userId);
    if (!listing) {
      listing = new Listing(async () => {
        const tags = await collect(
          this.api().listUserContactTags(userId, { type: "USER", count: LISTING_PAGE_SIZE }),
          (t) => t.contactTagId,
        );
        // GET /users/{userId}/contact-tags also returns company tags; keep the member's own.
        for (const [id, tag] of tags) if (tag.type !== "USER") tags.delete(id);
        return tags;
      });
      this.userTagListings.set(userId, listing);
    }
    return listing;
  }
}
