/**
 * Contacts: create, replace (PUT), patch, trash (DELETE) and permanent delete
 * (forcedelete, which also removes the photo and pending uploads). Every write must
 * leave a contact that satisfies the domain's rules (contact-rules.ts checkContact).
 */
import { DELETE_MOVES_TO_TRASH, NON_MEMBER_IN_PATH_STATUS, TOUCH_MODIFIED_TIME_ON_NOOP_WRITE, newContactId } from "../assumptions";
import { checkContact, definedFields, mergePatch } from "./contact-rules";
import { ApiError, notFound } from "../errors";
import type { ContactFields, ContactRecord, Member } from "../store";
import { BackendPart } from "./base";

export class ContactBackend extends BackendPart {
  /** A member named in a path (`/users/{userId}/...`): userId or email. */
  pathMember(reference: string): Member {
    const member = this.domain.member(reference);
    if (!member) throw new ApiError(NON_MEMBER_IN_PATH_STATUS, `user ${reference} is not a member of the domain`);
    return member;
  }

  /** A contact that is not in the trash; 404 otherwise. */
  live(contactId: string): ContactRecord {
    const record = this.domain.data.contacts.get(contactId);
    if (!record || record.trashed) throw notFound(`contact ${contactId} does not exist`);
    return record;
  }

  /** Every contact that is not in the trash. */
  all(): ContactRecord[] {
    return [...this.domain.data.contacts.values()].filter((record) => !record.trashed);
  }

  /** `body`: the parsed POST body. */
  create(body: Record<string, unknown>): ContactRecord {
    const fields = definedFields(body);
    checkContact(this.domain, fields);
    const now = Date.now();
    const record: ContactRecord = { contactId: newContactId(), fields, createdAt: now, modifiedAt: now, trashed: false, seq: this.store.nextSeq() };
    this.domain.data.contacts.set(record.contactId, record);
    this.emit("contact", "created", record.contactId);
    return record;
  }

  /** PUT: the body replaces every field (omitted ones reset). */
  replace(contactId: string, body: Record<string, unknown>): ContactRecord {
    const record = this.live(contactId);
    const fields = definedFields(body);
    checkContact(this.domain, fields);
    this.write(record, fields);
    return record;
  }

  /** PATCH: only the sent fields change. */
  patch(contactId: string, patch: Record<string, unknown>): ContactRecord {
    const record = this.live(contactId);
    const fields = mergePatch(record.fields, patch);
    checkContact(this.domain, fields);
    this.write(record, fields);
    return record;
  }

  /** DELETE: to the trash (gone from GET and lists), or removed (DELETE_MOVES_TO_TRASH). */
  delete(contactId: string): void {
    const record = this.live(contactId);
    if (DELETE_MOVES_TO_TRASH) {
      record.trashed = true;
      this.emit("contact", "deleted", contactId);
    } else {
      this.remove(contactId);
    }
  }

  /** forcedelete: removed for good, also from the trash. */
  forceDelete(contactId: string): void {
    if (!this.domain.data.contacts.has(contactId)) throw notFound(`contact ${contactId} does not exist`);
    this.remove(contactId);
  }

  private write(record: ContactRecord, fields: ContactFields): void {
    const changed = JSON.stringify(fields) !== JSON.stringify(record.fields);
    record.fields = fields;
    if (changed || TOUCH_MODIFIED_TIME_ON_NOOP_WRITE) record.modifiedAt = Math.max(Date.now(), record.createdAt);
    this.emit("contact", "updated", record.contactId);
  }

  /** Removes a contact permanently, with its photo and pending uploads. */
  private remove(contactId: string): void {
    const data = this.domain.data;
    data.contacts.delete(contactId);
    if (data.photos.delete(contactId)) this.emit("photo", "deleted", contactId);
    for (const [uploadId, upload] of data.uploads) if (upload.contactId === contactId) data.uploads.delete(uploadId);
    this.emit("contact", "deleted", contactId);
  }
}
