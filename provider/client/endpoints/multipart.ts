/** A multipart/form-data body with one file field (the photo upload). */

export function multipartFile(field: string, fileName: string, bytes: Uint8Array): { body: Buffer; contentType: string } {
  const boundary = `----lineworks-contacts-${Math.random().toString(16).slice(2)}${Date.now().toString(16)}`;
  const safeName = fileName.replace(/["\r\n\\]/g, "_");
  const head =
    `--${boundary}\r\n` +
    `Content-Disposition: form-data; name="${field}"; filename="${safeName}"\r\n` +
    `Content-Type: ${contentTypeOf(fileName)}\r\n\r\n`;
  const body = Buffer.concat([Buffer.from(head, "utf8"), Buffer.from(bytes), Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

const CONTENT_TYPES: Record<string, string> = {
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  gif: "image/gif",
  bmp: "image/bmp",
  webp: "image/webp",
};

function contentTypeOf(fileName: string): string {
  const extension = fileName.toLowerCase().split(".").pop() ?? "";
  return CONTENT_TYPES[extension] ?? "application/octet-stream";
}
