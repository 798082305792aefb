/**
 * Contact: identity is contactId; the natural key for adoption and conflict
 * checks is the primary email. Field changes converge in one PATCH (or one PUT
 * when a field is emptied); the photo is uploaded separately and tracked by the
 * sha256 of its bytes.
 */
import type { Contact } from "../client/contact-api";
import { checkContact, checkPhotoFile } from "../rules";
import { defined, ResourceInitError, type ProviderContext } from "./context";
import { GONE, type ResourceHandlers } from "./handlers";
import { changedContactFields, contactBody, planContactWrite, primaryEmail, projectContactFields } from "./contact-plan";
import { readPhoto, sha256Hex } from "./photo";
import { containsUnknown, issuesAboutKnownValues, toCheckFailures, withoutProviderKey } from "./pulumi-values";
import { CONTACT_FIELD_NAMES, type ContactInputs, type ContactState } from "./types";

/** The non-API entries of a state or input bag (photo, adopt, forceDelete, ...). */
function withoutContactFields(bag: object): Record<string, unknown> {
  const rest: Record<string, unknown> = { ...bag };
  for (const field of CONTACT_FIELD_NAMES) delete rest[field];
  return rest;
}

function contactState(live: Contact, reference: ContactInputs | ContactState): ContactState {
  return defined({
    ...withoutContactFields(reference),
    ...projectContactFields(live, reference),
    contactId: live.contactId,
    createdTime: live.createdTime,
    modifiedTime: live.modifiedTime,
  }) as ContactState;
}

function findByPrimaryEmail(contacts: Map<string, Contact>, email: string): Contact[] {
  return [...contacts.values()].filter((contact) => primaryEmail(contact) === email);
}

export function contactHandlers(ctx: ProviderContext): ResourceHandlers<ContactInputs, ContactState> {
  function photoChanged(olds: ContactState, news: ContactInputs): boolean {
    if (containsUnknown(news.photo)) return true;
    if (news.photo === undefined) return olds.photoSha256 !== undefined;
    return readPhoto(ctx.baseDir, news.photo).sha256 !== olds.photoSha256;
  }

  /** Brings the photo to the desired one; returns the state's new photoSha256. */
  async function syncPhoto(contactId: string, desired: ContactInputs, currentSha256: string | undefined): Promise<string | undefined> {
    if (desired.photo === undefined) {
      if (currentSha256 !== undefined) await ctx.api().deleteContactPhoto(contactId);
      return undefined;
    }
    const photo = readPhoto(ctx.baseDir, desired.photo);
    if (photo.sha256 !== currentSha256) await ctx.api().uploadContactPhoto(contactId, photo.fileName, photo.bytes);
    return photo.sha256;
  }

  async function livePhotoHash(contactId: string): Promise<string | undefined> {
    const bytes = await ctx.api().getContactPhoto(contactId);
    return bytes === undefined ? undefined : sha256Hex(bytes);
  }

  async function adoptOrRefuse(inputs: ContactInputs): Promise<Contact | undefined> {
    const email = primaryEmail(inputs);
    if (email === undefined) return undefined;
    const matches = findByPrimaryEmail(await ctx.cache.contacts(), email);
    if (matches.length === 0) return undefined;
    const ids = matches.map((c) => c.contactId).join(", ");
    if (!inputs.adopt) {
      throw new Error(
        `A contact with primary email ${email} already exists (contactId ${ids}). Set adopt: true on this resource ` +
          `to take it over (Pulumi cannot import dynamic resources), or use another primary email.`,
      );
    }
    if (matches.length > 1) {
      throw new Error(`Cannot adopt: ${matches.length} contacts have primary email ${email} (contactId ${ids}); remove the duplicates first.`);
    }
    const existing = matches[0]!;
    const plan = planContactWrite(existing, inputs);
    if (plan.method === "none") return existing;
    return plan.method === "PATCH"
      ? ctx.api().patchContact(existing.contactId, plan.body)
      : ctx.api().replaceContact(existing.contactId, plan.body);
  }

  return {
    async check(_olds, news) {
      const inputs = withoutProviderKey(news);
      const issues = checkContact(inputs);
      if (typeof inputs.photo === "string" && !containsUnknown(inputs.photo)) issues.push(...checkPhotoFile(ctx.baseDir, inputs.photo));
      return { inputs: inputs as ContactInputs, failures: toCheckFailures(issuesAboutKnownValues(inputs, issues)) };
    },

    async diff(_id, olds, news) {
      const fields = changedContactFields(olds, news);
      const forceDeleteChanged = (olds.forceDelete ?? false) !== (news.forceDelete ?? false);
      return { changes: fields.length > 0 || forceDeleteChanged || photoChanged(olds, news) };
    },

    async create(inputs) {
      const adopted = await adoptOrRefuse(inputs);
      const contact = adopted ?? (await ctx.api().createContact(contactBody(inputs)));
      await ctx.cache.rememberContact(contact);
      const state = contactState(contact, inputs);
      try {
        // An adopted contact may already have a photo: compare it, so the same bytes are not uploaded again
        // and a photo the desired state does not have is removed.
        const livePhotoSha256 = adopted ? await livePhotoHash(contact.contactId) : undefined;
        const photoSha256 = await syncPhoto(contact.contactId, inputs, livePhotoSha256);
        return { id: contact.contactId, outs: defined({ ...state, photoSha256 }) };
      } catch (error) {
        // The contact exists: record it, so the next `pulumi up` retries the photo instead of duplicating it.
        // `__provider` must stay in the recorded properties, or later reads could not load the provider.
        const { photo: _photo, ...withoutPhoto } = state as ContactState & { __provider?: unknown };
        throw new ResourceInitError(contact.contactId, withoutPhoto, `photo upload failed: ${(error as Error).message}`);
      }
    },

    async read(id, props) {
      const live = (await ctx.cache.contacts()).get(id) ?? (await ctx.api().getContact(id));
      if (!live) return GONE;
      // The photo is not read back (that would cost two calls per contact); it is tracked by its hash.
      return { id, props: contactState(live, props) };
    },

    async update(id, olds, news) {
      const plan = planContactWrite(olds, news);
      let live: Contact | undefined;
      if (plan.method === "PATCH") live = await ctx.api().patchContact(id, plan.body);
      if (plan.method === "PUT") live = await ctx.api().replaceContact(id, plan.body);
      if (live) await ctx.cache.rememberContact(live);
      const state: ContactState = live
        ? contactState(live, news)
        : defined({ ...news, contactId: id, createdTime: olds.createdTime, modifiedTime: olds.modifiedTime });
      const photoSha256 = await syncPhoto(id, news, olds.photoSha256);
      return { outs: defined({ ...state, photoSha256 }) };
    },

    async delete(id, props) {
      await ctx.api().deleteContact(id, { force: props.forceDelete === true });
      await ctx.cache.forgetContact(id);
    },
  };
}
