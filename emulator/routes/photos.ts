/**
 * Contact photos: POST (announce, get an upload URL), GET (302 to a download URL),
 * DELETE; plus the emulator's storage endpoints behind those URLs (upload: multipart
 * POST with field `FileData` and the bearer token; download: the bytes).
 */
import { randomUUID } from "node:crypto";
import { extname } from "node:path";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import {
  DELETE_MISSING_PHOTO_STATUS,
  LIMITS,
  PHOTO_CONTENT_TYPES,
  PHOTO_DOWNLOAD_NEEDS_TOKEN,
  PHOTO_UPLOAD_FIELD,
  PHOTO_UPLOAD_STATUS,
  PHOTO_UPLOAD_TTL_MS,
} from "../assumptions";
import { registerApiRoute } from "../api-route";
import { canAccess, type Caller } from "../auth";
import type { EmulatorContext } from "../context";
import { ApiError, invalidParameter, notFound } from "../errors";
import { parseBody, photoBodySchema } from "../validation";
import { liveContact } from "./contacts";

export const STORAGE_PREFIX = "/storage/contact-photos";

function contentTypeOf(fileName: string): string {
  return PHOTO_CONTENT_TYPES[extname(fileName).slice(1).toLowerCase()] ?? "application/octet-stream";
}

function sendError(reply: FastifyReply, error: ApiError): FastifyReply {
  return reply.code(error.status).send(error.toBody());
}

export function registerPhotoRoutes(app: FastifyInstance, context: EmulatorContext): void {
  const { store } = context;

  registerApiRoute(app, context, "POST", "/contacts/:contactId/photo", "write", ({ domain, params, body, origin: base }) => {
    const contact = liveContact(domain, params.contactId!);
    const { fileName, fileSize } = parseBody(photoBodySchema, body);
    const now = Date.now();
    for (const [id, upload] of domain.data.uploads) if (upload.expiresAt <= now) domain.data.uploads.delete(id);
    const uploadId = randomUUID();
    domain.data.uploads.set(uploadId, { uploadId, contactId: contact.contactId, fileName, fileSize, expiresAt: now + PHOTO_UPLOAD_TTL_MS });
    store.changed();
    return { status: 200, body: { uploadUrl: `${base}${STORAGE_PREFIX}/uploads/${uploadId}` } };
  });

  registerApiRoute(app, context, "GET", "/contacts/:contactId/photo", "read", ({ domain, params, origin: base }) => {
    const contact = liveContact(domain, params.contactId!);
    const photo = domain.data.photos.get(contact.contactId);
    if (!photo) throw notFound(`contact ${contact.contactId} has no photo`);
    return { status: 302, headers: { location: `${base}${STORAGE_PREFIX}/${contact.contactId}?v=${photo.uploadedAt}` } };
  });

  registerApiRoute(app, context, "DELETE", "/contacts/:contactId/photo", "write", ({ domain, params }) => {
    const contact = liveContact(domain, params.contactId!);
    if (!domain.data.photos.delete(contact.contactId)) {
      throw new ApiError(DELETE_MISSING_PHOTO_STATUS, `contact ${contact.contactId} has no photo`);
    }
    store.changed();
    return { status: 204 };
  });

  const authenticate = (request: FastifyRequest, access: "read" | "write"): Caller => {
    const caller = context.tokens.authenticate(request.headers.authorization);
    if (!canAccess(caller.scopes, access)) throw new ApiError(403, "the token's scope does not allow this");
    return caller;
  };

  app.post(`${STORAGE_PREFIX}/uploads/:uploadId`, async (request, reply) => {
    try {
      const { domain } = authenticate(request, "write");
      const { uploadId } = request.params as { uploadId: string };
      const upload = domain.data.uploads.get(uploadId);
      if (!upload || upload.expiresAt <= Date.now()) throw notFound("upload URL is unknown, used or expired");
      if (!request.isMultipart()) throw invalidParameter(`the upload must be multipart/form-data with a ${PHOTO_UPLOAD_FIELD} file`);
      let bytes: Buffer | undefined;
      for await (const part of request.parts({ limits: { fileSize: LIMITS.photoBytes, files: 1 } })) {
        if (part.type !== "file") continue;
        if (part.fieldname !== PHOTO_UPLOAD_FIELD) {
          part.file.resume();
          continue;
        }
        bytes = await part.toBuffer();
      }
      if (!bytes) throw invalidParameter(`the upload needs a file field named ${PHOTO_UPLOAD_FIELD}`);
      if (bytes.length === 0) throw invalidParameter("the uploaded file is empty");
      if (bytes.length > upload.fileSize) throw invalidParameter(`the uploaded file is larger than the announced fileSize ${upload.fileSize}`);
      const contact = domain.data.contacts.get(upload.contactId);
      if (!contact || contact.trashed) throw notFound(`contact ${upload.contactId} does not exist`);
      domain.data.uploads.delete(uploadId);
      domain.data.photos.set(upload.contactId, {
        fileName: upload.fileName,
        contentType: contentTypeOf(upload.fileName),
        bytes,
        uploadedAt: Date.now(),
      });
      store.changed();
      return reply.code(PHOTO_UPLOAD_STATUS).send({});
    } catch (err) {
      if (err instanceof ApiError) return sendError(reply, err);
      if ((err as { code?: string }).code === "FST_REQ_FILE_TOO_LARGE") {
        return sendError(reply, new ApiError(413, `a photo is at most ${LIMITS.photoBytes} bytes`));
      }
      throw err;
    }
  });

  app.get(`${STORAGE_PREFIX}/:contactId`, async (request, reply) => {
    try {
      const { contactId } = request.params as { contactId: string };
      const domains = PHOTO_DOWNLOAD_NEEDS_TOKEN ? [authenticate(request, "read").domain] : store.domains();
      const photo = domains.map((domain) => domain.data.photos.get(contactId)).find((found) => found !== undefined);
      if (!photo) throw notFound(`contact ${contactId} has no photo`);
      return reply
        .code(200)
        .header("content-type", photo.contentType)
        .header("content-disposition", `attachment; filename="${encodeURIComponent(photo.fileName)}"`)
        .send(photo.bytes);
    } catch (err) {
      if (err instanceof ApiError) return sendError(reply, err);
      throw err;
    }
  });

}
