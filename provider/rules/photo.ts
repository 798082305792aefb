import { statSync } from "node:fs";
import * as path from "node:path";
import type { RuleIssue } from "./issues";
import { PHOTO_MAX_BYTES } from "./limits";

/** A contact photo must be a readable file of 1..10 MiB (POST /contacts/{id}/photo fileSize). */
export function checkPhotoFile(baseDir: string, photo: string, fieldPath: (string | number)[] = ["photo"]): RuleIssue[] {
  const file = path.resolve(baseDir, photo);
  let size: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) return [{ path: fieldPath, message: `${file} is not a file` }];
    size = stat.size;
  } catch {
    return [{ path: fieldPath, message: `${file} does not exist` }];
  }
  if (size === 0) return [{ path: fieldPath, message: `${file} is empty` }];
  if (size > PHOTO_MAX_BYTES) return [{ path: fieldPath, message: `${file} is ${size} bytes; a photo may have at most ${PHOTO_MAX_BYTES}` }];
  return [];
}
