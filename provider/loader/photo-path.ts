/**
 * A contact's `photo` in a desired-state file: relative to that file, and inside its project
 * (the nearest folder above it holding Pulumi.yaml; for a file outside any project, the file's
 * own folder). Refusals go to the file's position; nothing of the named file is shown.
 */
import * as path from "node:path";
import { inspectPhoto, projectRootOf } from "../rules/photo";
import type { PathSegment } from "./located";
import type { ProblemSink } from "./paths";

export interface PhotoContext {
  sink: ProblemSink;
  absolutePathOf(file: string): string;
  /** false: only where the path leads is checked, not the file. */
  checkPhotoFiles: boolean;
}

/** The photo's absolute path, or undefined after reporting why it is refused. */
export function resolvePhoto(context: PhotoContext, where: PathSegment[], relative: string): string | undefined {
  const file = context.sink.fileOf(where);
  const folder = path.dirname(context.absolutePathOf(file));
  const place = { root: projectRootOf(folder), baseDir: folder, relativeTo: "the file that names it" };
  const verdict = inspectPhoto(place, relative, { checkFile: context.checkPhotoFiles });
  if (verdict.ok) return verdict.file;
  context.sink.at(where, verdict.missing ? `${verdict.message} (relative to ${file})` : verdict.message);
  return undefined;
}
