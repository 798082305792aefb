/**
 * `export --photos DIR`: photo files are written only inside DIR. A path that would leave it,
 * a DIR that is a symbolic link, or a file name that is one (it could point anywhere) is
 * refused before anything is written; files are opened without following links.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { isInside } from "../../provider/rules/photo";

const WRITE_NO_FOLLOW = fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_TRUNC | (fs.constants.O_NOFOLLOW ?? 0);

function isSymlink(file: string): boolean {
  try {
    return fs.lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

/** Writes `files` (paths relative to `baseDir`, as in the exported YAML) inside `baseDir/photoDir`. */
export function writePhotoFiles(baseDir: string, photoDir: string, files: ReadonlyMap<string, Uint8Array>): void {
  if (files.size === 0) return;
  const folder = path.resolve(baseDir, photoDir);
  const targets = [...files].map(([file, bytes]) => ({ file, bytes, target: path.resolve(baseDir, file) }));
  for (const { file, target } of targets) {
    if (!isInside(folder, target) || path.dirname(target) !== folder) throw new Error(`refusing to write ${file}: it is not a file directly in ${photoDir}`);
  }
  if (isSymlink(folder)) throw new Error(`refusing to write photos into ${photoDir}: it is a symbolic link`);
  fs.mkdirSync(folder, { recursive: true });
  for (const { file, target } of targets) {
    if (isSymlink(target)) throw new Error(`refusing to write ${file}: it is a symbolic link`);
  }
  for (const { target, bytes } of targets) {
    const descriptor = fs.openSync(target, WRITE_NO_FOLLOW, 0o644);
    try {
      fs.writeFileSync(descriptor, bytes);
    } finally {
      fs.closeSync(descriptor);
    }
  }
}
