/**
 * Contact: identity is contactId; the natural key for adoption and conflict
 * checks is the primary email. Field changes converge in one PATCH (or one PUT
 * when a field is emptied); the photo is uploaded separately and tracked by the
 * sha256 of its bytes. The state keeps the canonical inputs and, as outputs, only
 * the photo facts and forceDelete (contact-state.ts).
 *
 * Which fields changed: diff() and update() get the old outputs only, so they compare
 * with the old inputs check() recorded (recorded-inputs.ts); in a refresh, with the
 * live contact read() just saw; for states of earlier versions, with the prints or
 * values those kept in the outputs.
 */
import type { Contact } from "../client/contact-api";
import { ResourceInitError, type ProviderContext } from "./context";
import { changedContactFields, contactBody, planContactWrite, planWrite, primaryEmail } from "./contact-plan";
import { changedFieldsFromPrints, recordsFields, storedPrints } from "./contact-old-state";
import { canonicalContactInputs, inputsOfLive, storedContact, withoutEmptySecrets, type ContactStateBag } from "./contact-state";
import { GONE, offlineRules, type ResourceHandlers } from "./handlers";
import { createOrAdopt, plannedCreate, type NaturalKeyKind } from "./kit";
import { photoIssues, readPhoto, readPhotoForUpload, sha256Hex } from "./photo";
import { containsUnknown, issuesAboutKnownValues, toCheckFailures, withoutProviderKey } from "./pulumi-values";
import { RecordedInputs } from "./recorded-inputs";
import { canonicalJson } from "./normalize";
import type { ContactFieldName, ContactInputs } from "../seam/types";

/** The members a contact names: its owner and the members it is shared with. */
function contactOwners(inputs: ContactInputs): Array<{ field: string; userId: string }> {
  const owners: Array<{ field: string; userId: string }> = [];
  const permission = inputs.permission;
  if (typeof permission?.masterUserId === "string") owners.push({ field: "permission.masterUserId", userId: permission.masterUserId });
  for (const [index, member] of (permission?.accessibleMembers ?? []).entries()) {
    if (member?.type === "USER" && typeof member.id === "string") owners.push({ field: `permission.accessibleMembers[${index}].id`, userId: member.id });
  }
  return owners;
}

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
    const photo = readPhotoForUpload(ctx.baseDir, desired.photo);
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

  const recorded = new RecordedInputs();
  /** The canonical JSON of the inputs read() returned for a live contact (a refresh's diff compares with it first). */
  const liveInputs = new WeakMap<Contact, string>();

  /**
   * The fields that differ from the current contact: the old inputs check() recorded, else the
   * live contact this process read (a refresh), else what an earlier version kept in the
   * outputs; `undefined` when none of these is at hand.
   */
  function changedFields(id: string, olds: ContactStateBag, news: ContactInputs, last = false): ContactFieldName[] | undefined {
    const checked = last ? recorded.take(news) : recorded.recall(news);
    if (checked) return checked.unchanged ? [] : changedContactFields(checked.olds, news);
    const live = ctx.cache.loadedContact(id);
    if (live) return liveInputs.get(live) === canonicalJson(news) ? [] : changedContactFields(live, news);
    if (recordsFields(olds)) return changedFieldsFromPrints(storedPrints(olds), news);
    return undefined;
  }

  return {
    plannedCreate: plannedCreate(kind, "emails", (inputs) => primaryEmail(inputs), contactOwners),

    async check(olds, news) {
      const inputs = withoutEmptySecrets(withoutProviderKey(news) as ContactInputs);
      const existing = Object.keys(withoutProviderKey(olds)).length > 0;
      // Inputs that are the old ones unchanged passed these rules when they were stored (and the
      // root program checks the files before it registers anything): only the photo file, which
      // may have gone since, is looked at again. Recording them for diff() compares the two once.
      const canonical = existing ? canonicalContactInputs(inputs, true) : undefined;
      const unchanged = canonical !== undefined && recorded.remember(canonical, olds);
      const issues = unchanged ? [] : (await offlineRules()).checkContact(inputs);
      if (typeof inputs.photo === "string" && !containsUnknown(inputs.photo)) issues.push(...photoIssues(ctx.baseDir, inputs.photo));
      const failures = toCheckFailures(issuesAboutKnownValues(inputs, issues));
      if (failures.length > 0) return { inputs, failures };
      return { inputs: canonical ?? canonicalContactInputs(inputs, false), failures };
    },

    async diff(id, olds, news) {
      const desired = withoutProviderKey(news);
      const forceDeleteChanged = (olds.forceDelete ?? false) !== (desired.forceDelete ?? false);
      const fields = changedFields(id, olds, desired);
      const otherChanges = forceDeleteChanged || photoChanged(olds, desired);
      // Nothing to compare with: the engine compares the old and new inputs, both canonical.
      if (fields === undefined && !otherChanges) return {};
      return { changes: (fields?.length ?? 1) > 0 || otherChanges };
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
        return { id: live.contactId, outs: storedContact({ ...extras, photoSha256 }) };
      } catch (error) {
        // The contact exists: record it (without photo), so the next `pulumi up` retries the photo instead of
        // duplicating it. `__provider` must stay in the recorded properties, or later reads could not load the provider.
        const { __provider } = inputs as { __provider?: unknown };
        const state = { ...storedContact({ forceDelete: inputs.forceDelete }), ...(__provider ? { __provider } : {}) };
        throw new ResourceInitError(live.contactId, state, `photo upload failed: ${(error as Error).message}`);
      }
    },

    async read(id, props) {
      const live = (await ctx.cache.contacts()).get(id) ?? (await ctx.api().getContact(id));
      if (!live) return GONE;
      await ctx.cache.rememberContact(live); // the refresh's diff() compares with it
      // The photo is not read back (that would cost two calls per contact); it is tracked by its hash.
      const outputs = storedContact({ photo: props.photo, photoSha256: props.photoSha256, forceDelete: props.forceDelete });
      const inputs = inputsOfLive(live, outputs);
      liveInputs.set(live, canonicalJson(inputs));
      return { id, props: outputs, inputs: inputs as ContactStateBag };
    },

    async update(id, olds, news) {
      const desired = withoutProviderKey(news);
      // update() is the last reader of what check() recorded; with nothing at hand, the live contact.
      const fields = changedFields(id, olds, desired, true) ?? changedContactFields((await ctx.api().getContact(id)) ?? {}, desired);
      await write(id, planWrite(fields, desired));
      const photoSha256 = await syncPhoto(id, desired, olds.photoSha256);
      return { outs: storedContact({ photo: desired.photo, photoSha256, forceDelete: desired.forceDelete }) };
    },

    async delete(id, props) {
      await ctx.api().deleteContact(id, { force: props.forceDelete === true });
      await ctx.cache.forgetContact(id);
    },
  };
}
