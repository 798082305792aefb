import type { ContactApi } from "../client/contact-api";
import type { LiveCache } from "./live-cache";

/** What a resource implementation needs from the process it runs in. */
export interface ProviderContext {
  /** The process's one API client (created on first use, so check/diff never build one). */
  api(): ContactApi;
  cache: LiveCache;
  /** A warning shown by `pulumi preview` / `pulumi up`. */
  warn(message: string): void;
  /** Folder that relative `photo` paths are resolved against (the Pulumi program's). */
  baseDir: string;
}

/**
 * Thrown when the object was created but a later step failed (e.g. the photo
 * upload): Pulumi records the object with these outputs and retries the rest
 * with the next `pulumi up` instead of leaving it unmanaged.
 */
export class ResourceInitError extends Error {
  readonly reasons: string[];

  constructor(
    readonly id: string,
    readonly properties: Record<string, unknown>,
    reason: string,
  ) {
    super(reason);
    this.name = "ResourceInitError";
    this.reasons = [reason];
  }
}

/** True for the client's "already exists" answer. */
export function isConflict(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { isConflict?: unknown }).isConflict === true;
}

/** Object spread that leaves out undefined values (state keeps no `undefined` keys). */
export function defined<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
