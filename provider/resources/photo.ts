import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import * as path from "node:path";

export interface PhotoFile {
  fileName: string;
  bytes: Uint8Array;
  sha256: string;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Reads a contact's photo file; relative paths are resolved against baseDir. */
export function readPhoto(baseDir: string, photo: string): PhotoFile {
  const file = path.resolve(baseDir, photo);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new Error(`photo ${photo}: cannot read ${file} (${reason})`);
  }
  return { fileName: path.basename(file), bytes, sha256: sha256Hex(bytes) };
}

/**
 * The one photo-file check (check() before any API call, and the desired-state loader):
 * a readable file within the API's size limit.
 */
export { checkPhotoFile as photoIssues } from "../rules/photo";
