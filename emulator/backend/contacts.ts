/**
 * Contacts: create, replace (PUT), patch, trash (DELETE) and permanent delete
 * (forcedelete, which also removes the photo and pending uploads). Every write must
 * leave a contact that satisfies the domain's rules (contact-rules.ts checkContact).
 */
import {
  CONTACT_CAP_CODE,
  CONTACT_CAP_STATUS,
  DELETE_MOVES_TO_TRASH,
  NON_MEMBER_IN_PATH_STATUS,
  TOUCH_MODIFIED_TIME_ON_NOOP_WRITE,
  newContactId,
} from "../assumptions";
import { checkContact, definedFields, mergePatch } from "./contact-rules";
import { externalContactCapOf } from "../console-state";
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

  /** Every contact in the trash. */
  trashed(): ContactRecord[] {
    return [...this.domain.data.contacts.values()].filter((record) => record.trashed);
  }

  /** The cap on external contacts (seed `externalContactCap`, else the plan's). */
  cap(): number {
    return externalContactCapOf(this.domain.definition);
  }

  /** "In Use" = contacts + trash (lineworks-api.md "Outside the API"). */
  inUse(): number {
    return this.domain.data.contacts.size;
  }

  /** A new contact would pass the cap, trash included: ASSUMED 403 LIMIT_EXCEEDED. */
  private assertUnderCap(): void {
    const cap = this.cap();
    if (this.inUse() < cap) return;
    const inTrash = this.trashed().length;
    throw new ApiError(
      CONTACT_CAP_STATUS,
      `the company's external contacts are at the cap of ${cap} (contacts in the trash count: ${inTrash} of ${this.inUse()} in use)`,
      CONTACT_CAP_CODE,
    );
  }

  /** `body`: the parsed POST body. */
  create(body: Record<string, unknown>): ContactRecord {
    const fields = definedFields(body);
    checkContact(this.domain, fields);
    this.assertUnderCap();
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

  /** The app's "Restore the contact": back from the trash, as it was. */
  restore(contactId: string): ContactRecord {
    const record = this.domain.data.contacts.get(contactId);
    if (!record || !record.trashed) throw notFound(`contact ${contactId} is not in the trash`);
    record.trashed = false;
    this.emit("contact", "created", contactId);
    return record;
  }

  /** The app's "Empty the trash": every trashed contact deleted permanently; returns how many. */
  emptyTrash(): number {
    const ids = this.trashed().map((record) => record.contactId);
    for (const contactId of ids) this.remove(contactId);
    return ids.length;
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
