/** Which accepted image a photo's bytes are, by their first bytes (never by the file's name). */
import { PHOTO_IMAGE_SIGNATURES } from "../schema/limits";

export type ImageSignature = (typeof PHOTO_IMAGE_SIGNATURES)[number];

/** Bytes enough to recognise every accepted format. */
export const IMAGE_SIGNATURE_LENGTH = Math.max(...PHOTO_IMAGE_SIGNATURES.map((signature) => signature.bytes.length));

export function imageSignatureOf(bytes: Uint8Array): ImageSignature | undefined {
  return PHOTO_IMAGE_SIGNATURES.find((signature) => signature.bytes.every((byte, index) => bytes[index] === byte));
}

/** "JPEG, PNG, GIF or BMP" */
export function acceptedImageFormats(): string {
  const formats = [...new Set(PHOTO_IMAGE_SIGNATURES.map((signature) => signature.format))];
  return `${formats.slice(0, -1).join(", ")} or ${formats[formats.length - 1]}`;
}
