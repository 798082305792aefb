/**
 * The one photo-file check, used by the desired-state loader and by Contact's check() before
 * any API call, and again when the bytes are read for an upload. A photo must resolve, symbolic
 * links followed, inside the project folder, be a file of 1..10 MiB and start like an accepted
 * image (magic bytes, not the name). Messages name the path as written and the project folder,
 * never anything of the file's content.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { acceptedImageFormats, IMAGE_SIGNATURE_LENGTH, imageSignatureOf } from "./image";
import type { RuleIssue } from "./issues";
import { PHOTO_MAX_BYTES } from "../schema/limits";

/** Where a photo path is read from. */
export interface PhotoPlace {
  /** The folder the photo may not leave: the project's (of Pulumi.yaml), or the naming file's. */
  root: string;
  /** The folder a relative photo path is resolved against. */
  baseDir: string;
  /** How errors describe baseDir, e.g. "the file that names it". */
  relativeTo: string;
}

export type PhotoVerdict =
  /** `file`: the absolute path as written (symbolic links not resolved). */
  | { ok: true; file: string }
  | { ok: false; message: string; missing?: boolean };

const PROJECT_FILES = ["Pulumi.yaml", "Pulumi.yml"];

/** The nearest folder at or above `dir` that holds a Pulumi project file, else `dir` itself. */
export function projectRootOf(dir: string): string {
  const start = path.resolve(dir);
  for (let current = start; ; current = path.dirname(current)) {
    if (PROJECT_FILES.some((name) => fs.existsSync(path.join(current, name)))) return current;
    if (path.dirname(current) === current) return start;
  }
}

/** True when `file` is `folder` or lies under it (both absolute). */
export function isInside(folder: string, file: string): boolean {
  const relative = path.relative(folder, file);
  return relative === "" || (relative !== ".." && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}

/** What makes a photo path not relative, if anything: absolute (POSIX or Windows), or a home folder. */
function notRelative(photo: string): string | undefined {
  if (path.isAbsolute(photo) || path.win32.isAbsolute(photo)) return "is an absolute path";
  if (photo.startsWith("~")) return "names a home folder";
  return undefined;
}

function realPathOr(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return file;
  }
}

function imageProblem(photo: string, head: Uint8Array): string | undefined {
  if (imageSignatureOf(head)) return undefined;
  return `${photo} is not a ${acceptedImageFormats()} image (a photo is recognised by its content, not its name)`;
}

function sizeProblem(photo: string, size: number): string | undefined {
  if (size >= 1 && size <= PHOTO_MAX_BYTES) return undefined;
  return `photo file must be 1 to ${PHOTO_MAX_BYTES} bytes, ${photo} has ${size}`;
}

/**
 * Checks a photo path: where it leads always; with `checkFile` (the default), also the file
 * (exists, size, image). Reads at most the first few bytes of the file.
 */
export function inspectPhoto(place: PhotoPlace, photo: string, options: { checkFile?: boolean } = {}): PhotoVerdict {
  const absolute = notRelative(photo);
  if (absolute) {
    return { ok: false, message: `${photo} ${absolute}: a photo is a path relative to ${place.relativeTo}, inside the project folder ${place.root}` };
  }
  const file = path.resolve(place.baseDir, photo);
  if (!isInside(place.root, file)) return { ok: false, message: `${photo} leaves the project folder ${place.root}` };
  if (options.checkFile === false) return { ok: true, file };

  let real: string;
  try {
    real = fs.realpathSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return { ok: false, message: `photo file not found: ${photo}`, missing: true };
    return { ok: false, message: `photo file ${photo} cannot be read (${code ?? "error"})` };
  }
  if (!isInside(realPathOr(place.root), real)) {
    return { ok: false, message: `${photo} leads outside the project folder ${place.root} through a symbolic link` };
  }
  let descriptor: number | undefined;
  try {
    descriptor = fs.openSync(real, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
    const stat = fs.fstatSync(descriptor);
    if (!stat.isFile()) return { ok: false, message: `${photo} is not a file` };
    const tooBig = sizeProblem(photo, stat.size);
    if (tooBig) return { ok: false, message: tooBig };
    const head = Buffer.alloc(IMAGE_SIGNATURE_LENGTH);
    const read = fs.readSync(descriptor, head, 0, head.length, 0);
    const notImage = imageProblem(photo, head.subarray(0, read));
    return notImage ? { ok: false, message: notImage } : { ok: true, file };
  } catch (error) {
    return { ok: false, message: `photo file ${photo} cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})` };
  } finally {
    if (descriptor !== undefined) fs.closeSync(descriptor);
  }
}

/** inspectPhoto as rule issues, for a resource's check(). */
export function checkPhotoFile(place: PhotoPlace, photo: string, fieldPath: (string | number)[] = ["photo"]): RuleIssue[] {
  const verdict = inspectPhoto(place, photo);
  return verdict.ok ? [] : [{ path: fieldPath, message: verdict.message }];
}

/**
 * The bytes of a photo that passes inspectPhoto, checked again once read (the file may have
 * changed since check()). Throws an Error that names the path, never the content.
 */
export function readCheckedPhoto(place: PhotoPlace, photo: string): { file: string; bytes: Buffer } {
  const verdict = inspectPhoto(place, photo);
  if (!verdict.ok) throw new Error(`photo: ${verdict.message}`);
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(fs.realpathSync(verdict.file));
  } catch (error) {
    throw new Error(`photo file ${photo} cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})`);
  }
  const problem = sizeProblem(photo, bytes.length) ?? imageProblem(photo, bytes);
  if (problem) throw new Error(`photo: ${problem}`);
  return { file: verdict.file, bytes };
}
