/**
 * Company and user contact tags: unique names per scope, tags turned off per domain,
 * and the cascade of a delete (contacts lose the tag).
 */
import { CASCADE_TOUCHES_MODIFIED_TIME, TAGS_DISABLED_STATUS, USER_TAGS_OFF_STATUS, newContactTagId } from "../assumptions";
import { ApiError, notFound } from "../errors";
import type { Member, TagRecord } from "../store";
import { BackendPart } from "./base";

type TagScope = { type: "COMPANY" | "USER"; ownerUserId?: string };

export class TagBackend extends BackendPart {
  /** Documented 403 when tags are not enabled for the domain (seed `tagsEnabled: false`). */
  assertEnabled(): void {
    if (this.domain.definition.tagsEnabled === false) {
      throw new ApiError(TAGS_DISABLED_STATUS, "contact tags are available only when tags are enabled for the domain");
    }
  }

  /** Tag names are unique among company tags, and among each member's user tags. */
  private assertUniqueName(name: string, scope: TagScope, onCreate: boolean, exceptId?: string): void {
    for (const tag of this.domain.data.tags.values()) {
      if (tag.contactTagId === exceptId || tag.type !== scope.type || tag.ownerUserId !== scope.ownerUserId) continue;
      if (tag.contactTagName === name) {
        const kind = scope.type === "USER" ? "user" : "company";
        throw this.duplicate(`a ${kind} tag named ${JSON.stringify(name)} already exists (${tag.contactTagId})`, onCreate);
      }
    }
  }

  /** A company tag, or a user tag of `owner` (`asSent`: the reference as the client wrote it, returned as userId). */
  create(contactTagName: string, owner?: { member: Member; asSent: string }): TagRecord {
    this.assertEnabled();
    if (owner && this.domain.data.console.userTagsOff) {
      throw new ApiError(USER_TAGS_OFF_STATUS, "user contact tags are turned off for the domain (admin console)");
    }
    const scope: TagScope = owner ? { type: "USER", ownerUserId: owner.member.userId } : { type: "COMPANY" };
    this.assertUniqueName(contactTagName, scope, true);
    const tag: TagRecord = {
      contactTagId: newContactTagId(),
      contactTagName,
      ...scope,
      ...(owner ? { userIdAsSent: owner.asSent } : {}),
      seq: this.store.nextSeq(),
    };
    this.domain.data.tags.set(tag.contactTagId, tag);
    this.emit("contactTag", "created", tag.contactTagId);
    return tag;
  }

  get(contactTagId: string): TagRecord {
    this.assertEnabled();
    const tag = this.domain.data.tags.get(contactTagId);
    if (!tag) throw notFound(`contact tag ${contactTagId} does not exist`);
    return tag;
  }

  /** Every tag of the domain, or those `member` sees (company tags and its own). */
  list(member?: Member): TagRecord[] {
    this.assertEnabled();
    const tags = [...this.domain.data.tags.values()];
    return member ? tags.filter((tag) => tag.type === "COMPANY" || tag.ownerUserId === member.userId) : tags;
  }

  rename(contactTagId: string, contactTagName: string | undefined): TagRecord {
    const tag = this.get(contactTagId);
    if (contactTagName !== undefined) {
      this.assertUniqueName(contactTagName, tag, false, tag.contactTagId);
      tag.contactTagName = contactTagName;
      this.emit("contactTag", "updated", tag.contactTagId);
    }
    return tag;
  }

  /** Deletes a tag; contacts that carry it lose it. */
  delete(contactTagId: string): void {
    const tag = this.get(contactTagId);
    this.domain.data.tags.delete(tag.contactTagId);
    this.emit("contactTag", "deleted", tag.contactTagId);
    for (const contact of this.domain.data.contacts.values()) {
      const tagIds = contact.fields.contactTagIds as string[] | undefined;
      if (!tagIds?.includes(tag.contactTagId)) continue;
      contact.fields.contactTagIds = tagIds.filter((id) => id !== tag.contactTagId);
      if (CASCADE_TOUCHES_MODIFIED_TIME) contact.modifiedAt = Date.now();
      this.emit("contact", "updated", contact.contactId);
    }
  }

  /**
   * The admin console's switch. Off: every user tag is deleted (contacts lose them) and none can be
   * made until it is on again. Returns how many user tags were deleted.
   */
  setUserTags(enabled: boolean): number {
    this.domain.data.console.userTagsOff = !enabled;
    this.emit("contactTag", "updated");
    if (enabled) return 0;
    const userTags = [...this.domain.data.tags.values()].filter((tag) => tag.type === "USER");
    for (const tag of userTags) this.delete(tag.contactTagId);
    return userTags.length;
  }
}
