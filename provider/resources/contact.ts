/**
 * Contact: identity is contactId; the natural key for adoption and conflict
 * checks is the primary email. Field changes converge in one PATCH (or one PUT
 * when a field is emptied); the photo is uploaded separately and tracked by the
 * sha256 of its bytes. The state keeps fingerprints, not the fields (contact-state.ts).
 */
import type { Contact } from "../client/contact-api";
import { checkContact } from "../rules";
import { ResourceInitError, type ProviderContext } from "./context";
import { changedFieldsFromPrints, contactBody, planContactWrite, planWrite, primaryEmail } from "./contact-plan";
import { inputsOfLive, stateOfLive, storedContact, storedPrints, type ContactStateBag, type StoredContact } from "./contact-state";
import { GONE, type ResourceHandlers } from "./handlers";
import { createOrAdopt, type NaturalKeyKind } from "./kit";
import { photoIssues, readPhoto, sha256Hex } from "./photo";
import { containsUnknown, issuesAboutKnownValues, toCheckFailures, withoutProviderKey } from "./pulumi-values";
import type { ContactInputs } from "./types";

export function contactHandlers(ctx: ProviderContext): ResourceHandlers<ContactInputs, ContactStateBag> {
  function photoChanged(olds: ContactStateBag, news: ContactInputs): boolean {
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

  async function write(id: string, plan: ReturnType<typeof planWrite>): Promise<Contact | undefined> {
    if (plan.method === "none") return undefined;
    const live = plan.method === "PATCH" ? await ctx.api().patchContact(id, plan.body) : await ctx.api().replaceContact(id, plan.body);
    await ctx.cache.rememberContact(live);
    return live;
  }

  const kind: NaturalKeyKind<ContactInputs, Contact> = {
    describe: (inputs) => `A contact with primary email ${primaryEmail(inputs)}`,
    keyField: "primary email",
    idName: "contactId",
    idOf: (contact) => contact.contactId,
    async findByKey(inputs) {
      const email = primaryEmail(inputs);
      if (email === undefined) return [];
      return [...(await ctx.cache.contacts()).values()].filter((contact) => primaryEmail(contact) === email);
    },
    async converge(existing, inputs) {
      return (await write(existing.contactId, planContactWrite(existing, inputs))) ?? existing;
    },
    // The API accepts two contacts with one email: look first, so a conflict is refused, not duplicated.
    apiRefusesDuplicates: false,
  };

  return {
    async check(_olds, news) {
      const inputs = withoutProviderKey(news);
      const issues = checkContact(inputs);
      if (typeof inputs.photo === "string" && !containsUnknown(inputs.photo)) issues.push(...photoIssues(ctx.baseDir, inputs.photo));
      return { inputs: inputs as ContactInputs, failures: toCheckFailures(issuesAboutKnownValues(inputs, issues)) };
    },

    async diff(_id, olds, news) {
      const fields = changedFieldsFromPrints(storedPrints(olds), news);
      const forceDeleteChanged = (olds.forceDelete ?? false) !== (news.forceDelete ?? false);
      return { changes: fields.length > 0 || forceDeleteChanged || photoChanged(olds, news) };
    },

    async create(inputs) {
      const { live, adopted } = await createOrAdopt(kind, inputs, async () => {
        const created = await ctx.api().createContact(contactBody(inputs));
        await ctx.cache.rememberContact(created);
        return created;
      });
      const extras = { photo: inputs.photo, forceDelete: inputs.forceDelete };
      try {
        // An adopted contact may already have a photo: compare it, so the same bytes are not uploaded again
        // and a photo the desired state does not have is removed.
        const livePhotoSha256 = adopted ? await livePhotoHash(live.contactId) : undefined;
        const photoSha256 = await syncPhoto(live.contactId, inputs, livePhotoSha256);
        return { id: live.contactId, outs: stateOfLive(live, { ...extras, photoSha256 }) };
      } catch (error) {
        // The contact exists: record it (without photo), so the next `pulumi up` retries the photo instead of
        // duplicating it. `__provider` must stay in the recorded properties, or later reads could not load the provider.
        const { __provider } = inputs as { __provider?: unknown };
        const state = { ...stateOfLive(live, { forceDelete: inputs.forceDelete }), ...(__provider ? { __provider } : {}) };
        throw new ResourceInitError(live.contactId, state, `photo upload failed: ${(error as Error).message}`);
      }
    },

    async read(id, props) {
      const live = (await ctx.cache.contacts()).get(id) ?? (await ctx.api().getContact(id));
      if (!live) return GONE;
      // The photo is not read back (that would cost two calls per contact); it is tracked by its hash.
      const extras = { photo: props.photo, photoSha256: props.photoSha256, forceDelete: props.forceDelete };
      // Inputs only for a contact that drifted (so that ignoreChanges keeps what the app changed). Without drift
      // the recorded inputs stay: live spellings differ from the program's (server defaults), and inputs that
      // differ make the engine rewrite the whole state for each unchanged contact of the next `up`.
      if (changedFieldsFromPrints(storedPrints(props), live).length === 0) return { id, props: stateOfLive(live, extras) };
      return { id, props: stateOfLive(live, extras), inputs: inputsOfLive(live, props) as ContactStateBag };
    },

    async update(id, olds, news) {
      const current = storedPrints(olds);
      const live = await write(id, planWrite(changedFieldsFromPrints(current, news), news));
      const photoSha256 = await syncPhoto(id, news, olds.photoSha256);
      const extras = { photo: news.photo, photoSha256, forceDelete: news.forceDelete };
      const outs: StoredContact = live ? stateOfLive(live, extras) : storedContact(current, extras);
      return { outs };
    },

    async delete(id, props) {
      await ctx.api().deleteContact(id, { force: props.forceDelete === true });
      await ctx.cache.forgetContact(id);
    },
  };
}
