/**
 * Contact photos: an announced upload (single use, expires), the upload of its bytes,
 * the stored photo and its removal. Events carry the contactId.
 */
import { randomUUID } from "node:crypto";
import { extname } from "node:path";
import { DELETE_MISSING_PHOTO_STATUS, PHOTO_CONTENT_TYPES, PHOTO_UPLOAD_TTL_MS } from "../assumptions";
import { ApiError, invalidParameter, notFound } from "../errors";
import type { PendingUpload, PhotoRecord } from "../store";
import { BackendPart } from "./base";

function contentTypeOf(fileName: string): string {
  return PHOTO_CONTENT_TYPES[extname(fileName).slice(1).toLowerCase()] ?? "application/octet-stream";
}

export class PhotoBackend extends BackendPart {
  private liveContactId(contactId: string): string {
    const record = this.domain.data.contacts.get(contactId);
    if (!record || record.trashed) throw notFound(`contact ${contactId} does not exist`);
    return record.contactId;
  }

  /** POST photo: a pending upload for the contact; returns its id (the upload URL's last segment). */
  announce(contactId: string, fileName: string, fileSize: number): string {
    const liveId = this.liveContactId(contactId);
    const now = Date.now();
    const uploads = this.domain.data.uploads;
    for (const [id, upload] of uploads) if (upload.expiresAt <= now) uploads.delete(id);
    const uploadId = randomUUID();
    uploads.set(uploadId, { uploadId, contactId: liveId, fileName, fileSize, expiresAt: now + PHOTO_UPLOAD_TTL_MS });
    this.emit("photo", "updated", liveId);
    return uploadId;
  }

  /** The pending upload behind an upload URL; 404 when unknown, used or expired. */
  pending(uploadId: string): PendingUpload {
    const upload = this.domain.data.uploads.get(uploadId);
    if (!upload || upload.expiresAt <= Date.now()) throw notFound("upload URL is unknown, used or expired");
    return upload;
  }

  /** Stores the uploaded bytes as the contact's photo (replacing any) and uses up the upload. */
  complete(uploadId: string, bytes: Buffer): void {
    const upload = this.pending(uploadId);
    if (bytes.length === 0) throw invalidParameter("the uploaded file is empty");
    if (bytes.length > upload.fileSize) throw invalidParameter(`the uploaded file is larger than the announced fileSize ${upload.fileSize}`);
    const contactId = this.liveContactId(upload.contactId);
    this.domain.data.uploads.delete(uploadId);
    const existed = this.domain.data.photos.has(contactId);
    this.domain.data.photos.set(contactId, { fileName: upload.fileName, contentType: contentTypeOf(upload.fileName), bytes, uploadedAt: Date.now() });
    this.emit("photo", existed ? "updated" : "created", contactId);
  }

  /** The photo of a live contact; 404 when it has none. */
  get(contactId: string): PhotoRecord & { contactId: string } {
    const liveId = this.liveContactId(contactId);
    const photo = this.domain.data.photos.get(liveId);
    if (!photo) throw notFound(`contact ${liveId} has no photo`);
    return { ...photo, contactId: liveId };
  }

  /** The stored photo behind a download URL (by contactId). */
  stored(contactId: string): PhotoRecord {
    const photo = this.domain.data.photos.get(contactId);
    if (!photo) throw notFound(`contact ${contactId} has no photo`);
    return photo;
  }

  delete(contactId: string): void {
    const liveId = this.liveContactId(contactId);
    if (!this.domain.data.photos.delete(liveId)) throw new ApiError(DELETE_MISSING_PHOTO_STATUS, `contact ${liveId} has no photo`);
    this.emit("photo", "deleted", liveId);
  }
}
