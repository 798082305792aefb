/**
 * Least privilege: which token each call gets. Reads (GET) get a `contact.read` token; the
 * first write asks for a `contact` token, which later reads reuse (it can do no more than the
 * run already does). So a preview, a refresh, an audit or an export never asks for the write
 * scope. A pinned scope (lineworks:scope, LINEWORKS_SCOPE) is used for every call; pinned to
 * `contact.read`, a write fails before it is sent, naming the scope to grant.
 */
import { displayPath, type ApiCall } from "./api-call";
import { DEFAULT_SCOPE, READ_ONLY_SCOPE } from "./assumptions";
import type { TokenSource } from "./auth";
import type { AuthMode } from "./config";
import { ErrorCode } from "./error-codes";
import { LineWorksApiError, NO_HTTP_STATUS } from "./errors";

export type Access = "read" | "write" | "directory";

/** GET reads; every other method (uploads and their URL requests included) writes; Directory API reads have their own token. */
export function accessOf(call: ApiCall): Access {
  if (call.directory === true) return "directory";
  return call.method === "GET" ? "read" : "write";
}

/** Where a pinned scope comes from, for messages. */
export const SCOPE_SETTING = "lineworks:scope (LINEWORKS_SCOPE)";

/** A write refused before it was sent: the run's scope is pinned to read only. */
export class ReadOnlyScopeError extends LineWorksApiError {
  constructor(call: ApiCall) {
    super({
      status: NO_HTTP_STATUS,
      code: ErrorCode.READ_ONLY_SCOPE,
      description: `not sent: this run must write, but ${SCOPE_SETTING} pins the read-only scope ${READ_ONLY_SCOPE}`,
      method: call.method,
      path: displayPath(call),
      hint:
        `Grant the app the scope ${DEFAULT_SCOPE} and set ${SCOPE_SETTING} to ${DEFAULT_SCOPE} (or unset it) for the runs ` +
        `that apply changes; keep ${READ_ONLY_SCOPE} for previews, refreshes, audits and exports`,
    });
    this.name = "ReadOnlyScopeError";
    this.message = `LINE WORKS API ${this.method} ${this.path} ${this.description}. ${this.hint}`;
  }
}

export interface ScopedTokenSources {
  read: TokenSource;
  write: TokenSource;
  /** Member reads (user.read); asked for only when a member is looked up. */
  directory?: TokenSource;
  /** The scope every call uses, when pinned. */
  pinned?: string | undefined;
}

export class ScopedTokens {
  readonly mode: AuthMode;
  readonly canRenew: boolean;

  constructor(private readonly sources: ScopedTokenSources) {
    this.mode = sources.write.mode;
    this.canRenew = sources.write.canRenew;
  }

  /** Throws a ReadOnlyScopeError for a write under a pinned read-only scope (before anything is sent). */
  permit(call: ApiCall): void {
    if (this.sources.pinned === READ_ONLY_SCOPE && accessOf(call) === "write") throw new ReadOnlyScopeError(call);
  }

  private sourceFor(access: Access): TokenSource {
    const { read, write, pinned, directory } = this.sources;
    if (access === "directory") return directory ?? read;
    if (pinned !== undefined) return pinned === READ_ONLY_SCOPE ? read : write;
    return access === "write" || write.hasToken() ? write : read;
  }

  token(access: Access): Promise<string> {
    return this.sourceFor(access).token();
  }

  invalidate(rejected: string): void {
    const { read, write, directory } = this.sources;
    for (const source of new Set([read, write, ...(directory ? [directory] : [])])) source.invalidate(rejected);
  }

  grantedScope(access: Access): string | undefined {
    return this.sourceFor(access).grantedScope();
  }

  tokenRequests(): number {
    const { read, write, directory } = this.sources;
    let count = 0;
    for (const source of new Set([read, write, ...(directory ? [directory] : [])])) count += source.tokenRequests();
    return count;
  }
}
