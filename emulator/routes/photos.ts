/**
 * Contact photos: POST (announce, get an upload URL), GET (302 to a download URL),
 * DELETE; plus the emulator's storage endpoints behind those URLs (upload: multipart
 * POST with field `Filedata` (or `FileData`) and the bearer token; download: the
 * bytes). Both go through the API pipeline: auth, rate limit, log, faults.
 */
import type { FastifyInstance, FastifyRequest } from "fastify";
import { LIMIT_EXCEEDED_CODE, LIMITS, PHOTO_IMAGE_MAGIC, PHOTO_UPLOAD_FIELDS, PHOTO_UPLOAD_STATUS } from "../assumptions";
import { registerApiRoute, registerPipelineRoute } from "../api-route";
import type { EmulatorContext } from "../context";
import { ApiError, invalidParameter } from "../errors";
import { parseBody, photoBodySchema } from "../validation";

export const STORAGE_PREFIX = "/storage/contact-photos";

/** The bytes of the multipart upload's `Filedata`/`FileData` file part. */
async function uploadedBytes(request: FastifyRequest): Promise<Buffer> {
  const fieldNames = PHOTO_UPLOAD_FIELDS.join(" or ");
  if (!request.isMultipart()) throw invalidParameter(`the upload must be multipart/form-data with a ${fieldNames} file`);
  let bytes: Buffer | undefined;
  try {
    for await (const part of request.parts({ limits: { fileSize: LIMITS.photoBytes, files: 1 } })) {
      if (part.type !== "file") continue;
      if ((PHOTO_UPLOAD_FIELDS as readonly string[]).includes(part.fieldname)) bytes = await part.toBuffer();
      else part.file.resume();
    }
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === "FST_REQ_FILE_TOO_LARGE" || code === "FST_FILES_LIMIT") {
      throw new ApiError(400, `a photo is one file of at most ${LIMITS.photoBytes} bytes`, LIMIT_EXCEEDED_CODE);
    }
    throw err;
  }
  if (!bytes) throw invalidParameter(`the upload needs a file field named ${fieldNames}`);
  return bytes;
}

/** An upload that is not an accepted image (by its first bytes) is refused; an empty one is the backend's to refuse. */
function refuseNonImage(bytes: Buffer): void {
  if (bytes.length === 0 || PHOTO_IMAGE_MAGIC.some(({ magic }) => magic.every((byte, index) => bytes[index] === byte))) return;
  throw invalidParameter("the uploaded file is not a JPEG, PNG, GIF or BMP image");
}

export function registerPhotoRoutes(app: FastifyInstance, context: EmulatorContext): void {
  registerApiRoute(app, context, "POST", "/contacts/:contactId/photo", "write", ({ backend, params, body, origin }) => {
    const { fileName, fileSize } = parseBody(photoBodySchema, body);
    const uploadId = backend.photos.announce(params.contactId!, fileName, fileSize);
    return { status: 200, body: { uploadUrl: `${origin}${STORAGE_PREFIX}/uploads/${uploadId}` } };
  });

  registerApiRoute(app, context, "GET", "/contacts/:contactId/photo", "read", ({ backend, params, origin }) => {
    const photo = backend.photos.get(params.contactId!);
    return { status: 302, headers: { location: `${origin}${STORAGE_PREFIX}/${photo.contactId}?v=${photo.uploadedAt}` } };
  });

  registerApiRoute(app, context, "DELETE", "/contacts/:contactId/photo", "write", ({ backend, params }) => {
    backend.photos.delete(params.contactId!);
    return { status: 204 };
  });

  // The storage URLs behind uploadUrl and the 302 Location.
  registerPipelineRoute(app, context, "POST", `${STORAGE_PREFIX}/uploads/:uploadId`, "write", async ({ backend, params, request }) => {
    backend.photos.pending(params.uploadId!);
    const bytes = await uploadedBytes(request);
    refuseNonImage(bytes);
    backend.photos.complete(params.uploadId!, bytes);
    return { status: PHOTO_UPLOAD_STATUS, body: {} };
  });

  registerPipelineRoute(app, context, "GET", `${STORAGE_PREFIX}/:contactId`, "read", ({ backend, params }) => {
    const photo = backend.photos.stored(params.contactId!);
    return {
      status: 200,
      headers: {
        "content-type": photo.contentType,
        "content-disposition": `attachment; filename="${encodeURIComponent(photo.fileName)}"`,
      },
      body: photo.bytes,
    };
  });
}
