/** Contact photos: upload (ask for an upload URL, then POST the bytes), download (302 to the bytes), delete. */
import { PHOTO_REDIRECT_STATUSES, PHOTO_UPLOAD_FIELD, PHOTO_UPLOAD_METHOD } from "../assumptions";
import { ErrorCode } from "../error-codes";
import { LineWorksApiError } from "../errors";
import type { Transport } from "../transport";
import { photoUploadRequest, photoUploadResponse } from "../wire";
import { checkBody, parseBody } from "./bodies";
import { deleteIgnoringGone, getOrUndefined } from "./calls";
import { multipartFile } from "./multipart";

const PHOTO = "/contacts/{contactId}/photo";

export class PhotosEndpoint {
  constructor(private readonly transport: Transport) {}

  async upload(contactId: string, fileName: string, bytes: Uint8Array): Promise<void> {
    const request = { fileName, fileSize: bytes.byteLength };
    checkBody(photoUploadRequest, request, "POST", PHOTO);
    const response = await this.transport.call({
      method: "POST",
      template: PHOTO,
      params: { contactId },
      json: request,
      repeatable: true,
    });
    const { uploadUrl } = parseBody(photoUploadResponse, response, "POST", PHOTO);
    await this.transport.call({
      method: PHOTO_UPLOAD_METHOD,
      template: `${PHOTO} (upload)`,
      url: new URL(uploadUrl, this.transport.apiBaseUrl).toString(),
      raw: multipartFile(PHOTO_UPLOAD_FIELD, fileName, bytes),
      repeatable: true,
    });
  }

  async get(contactId: string): Promise<Uint8Array | undefined> {
    const response = await getOrUndefined(this.transport, {
      method: "GET",
      template: PHOTO,
      params: { contactId },
      expect: [200, ...PHOTO_REDIRECT_STATUSES],
    });
    if (response === undefined) return undefined;
    if (!PHOTO_REDIRECT_STATUSES.includes(response.status)) return new Uint8Array(response.body);
    const location = response.headers.location;
    if (!location) {
      throw new LineWorksApiError({
        status: response.status,
        code: ErrorCode.MISSING_LOCATION,
        description: "the photo redirect has no Location header",
        method: "GET",
        path: `/contacts/${contactId}/photo`,
      });
    }
    const download = await getOrUndefined(this.transport, {
      method: "GET",
      template: `${PHOTO} (download)`,
      url: new URL(location, this.transport.apiBaseUrl).toString(),
    });
    return download && new Uint8Array(download.body);
  }

  async delete(contactId: string): Promise<void> {
    await deleteIgnoringGone(this.transport, { method: "DELETE", template: PHOTO, params: { contactId } });
  }
}
