import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import type { RuleIssue } from "../rules";
import { checkPhotoFile, projectRootOf, readCheckedPhoto, type PhotoPlace } from "../rules/photo";

export interface PhotoFile {
  fileName: string;
  bytes: Uint8Array;
  sha256: string;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/**
 * Where a resource's photo paths lead: relative to the program's folder (baseDir), inside the
 * project (the nearest folder holding Pulumi.yaml, else baseDir).
 */
export function photoPlaceOf(baseDir: string): PhotoPlace {
  return { root: projectRootOf(baseDir), baseDir, relativeTo: "the program's folder" };
}

/**
 * Reads a contact's photo file for its hash (diff); relative paths are resolved against baseDir.
 * Nothing of it leaves the process: uploads read through readPhotoForUpload.
 */
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

/** The photo to upload: inside the project and an accepted image, checked again as it is read. */
export function readPhotoForUpload(baseDir: string, photo: string): PhotoFile {
  const { file, bytes } = readCheckedPhoto(photoPlaceOf(baseDir), photo);
  return { fileName: path.basename(file), bytes, sha256: sha256Hex(bytes) };
}

/**
 * The one photo-file check of check() (before any API call; the desired-state loader makes the
 * same one): inside the project, a readable file within the API's size limit, an image.
 */
export function photoIssues(baseDir: string, photo: string): RuleIssue[] {
  return checkPhotoFile(photoPlaceOf(baseDir), photo);
}
