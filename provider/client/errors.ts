/**
 * The one error type of the client. It carries what a user needs to act
 * (status, API code, description, method, path, a hint) and never a token or a
 * secret: every text that goes into it is redacted.
 */
import { processRedactor } from "./redact";
import {
  CONFLICT_STATUS,
  CONTACT_CAP_CODE,
  CONTACT_CAP_STATUS,
  DUPLICATE_NAME_STATUSES,
  GONE_STATUSES,
  READ_ONLY_SCOPE,
  REJECTED_TOKEN_CODE,
  REJECTED_TOKEN_STATUSES,
} from "./assumptions";
import { AnswerCode } from "./error-codes";

/** Status 0 is used for failures without an HTTP answer (connection, timeout, bad response). */
export const NO_HTTP_STATUS = 0;

export interface LineWorksApiErrorDetails {
  status: number;
  code: string;
  description: string;
  method: string;
  /** The request path without the query string (ids included, never secrets). */
  path: string;
  /** What to do about it; appended to the message. */
  hint?: string;
  /** How many attempts were made before giving up. */
  attempts?: number;
}

export class LineWorksApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly description: string;
  readonly method: string;
  readonly path: string;
  readonly hint: string | undefined;
  readonly attempts: number;

  constructor(details: LineWorksApiErrorDetails) {
    const clean = (text: string) => processRedactor.redact(text);
    const description = clean(details.description);
    const hint = details.hint === undefined ? undefined : clean(details.hint);
    const path = clean(details.path);
    const statusText = details.status === NO_HTTP_STATUS ? "no response" : String(details.status);
    const attempts = details.attempts ?? 1;
    const tried = attempts > 1 ? ` after ${attempts} attempts` : "";
    super(
      `LINE WORKS API ${details.method} ${path} failed${tried}: ${statusText} ${details.code}` +
        (description ? `: ${description}` : "") +
        (hint ? `. ${hint}` : ""),
    );
    this.name = "LineWorksApiError";
    this.status = details.status;
    this.code = details.code;
    this.description = description;
    this.method = details.method;
    this.path = path;
    this.hint = hint;
    this.attempts = attempts;
  }

  /** True when the API says the object does not exist: 404, or 410 `DELETED` (gone). */
  get isNotFound(): boolean {
    return GONE_STATUSES.includes(this.status);
  }

  /** A 409, or a create refused because its natural key (a name) is taken, whatever the status. */
  get isConflict(): boolean {
    return this.status === CONFLICT_STATUS;
  }

  /** The token endpoint refused the scope asked for (`invalid_scope`): the app was not given it. */
  get isScopeNotGranted(): boolean {
    return this.code === AnswerCode.invalid_scope;
  }

  /** True only for a create refused because an object with the same natural key exists (see DuplicateNameError). */
  get isDuplicateName(): boolean {
    return false;
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      status: this.status,
      code: this.code,
      description: this.description,
      method: this.method,
      path: this.path,
      attempts: this.attempts,
    };
  }
}

/**
 * A create (company tag, user tag, custom property) refused because an object with
 * the same natural key exists. The API may answer 400 or 409 for it; the client
 * tells it apart from other 400s by looking the key up, and names what it found.
 */
export class DuplicateNameError extends LineWorksApiError {
  /** What the name belongs to, e.g. `contact tag name "VIP"`. */
  readonly naturalKey: string;
  /** The id of the object holding the natural key, when the lookup found it. */
  readonly existingId: string | undefined;

  constructor(details: LineWorksApiErrorDetails & { naturalKey: string; existingId?: string | undefined }) {
    super(details);
    this.name = "DuplicateNameError";
    this.naturalKey = details.naturalKey;
    this.existingId = details.existingId;
  }

  override get isConflict(): boolean {
    return true;
  }

  override get isDuplicateName(): boolean {
    return true;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), naturalKey: this.naturalKey, existingId: this.existingId };
  }
}

/** True when `error` says "this create failed because the natural key exists" (a 400 or a 409). */
export function isDuplicateName(error: unknown): error is DuplicateNameError {
  return error instanceof LineWorksApiError && error.isDuplicateName;
}

/** A status the API may use for a duplicate name on POST (400 or 409). */
export function mayBeDuplicateName(status: number): boolean {
  return DUPLICATE_NAME_STATUSES.includes(status);
}

/**
 * The API no longer accepts the access token: 401, or 403 whose code is
 * `UNAUTHORIZED` (what the official samples renew on). A 403 with any other code
 * (`FORBIDDEN`, `ACCESS_DENIED`) is a permission problem, not a token problem.
 */
export function isRejectedToken(status: number, code: string | undefined): boolean {
  if (status === 401) return true;
  return REJECTED_TOKEN_STATUSES.includes(status) && code === REJECTED_TOKEN_CODE;
}

export type AuthMode = "jwt" | "accessToken";

export interface HintContext {
  method: string;
  status: number;
  /** The API's error code, when the body had one. */
  code?: string | undefined;
  authMode: AuthMode;
  /** The scope the token was granted, when the token endpoint told us. */
  grantedScope?: string | undefined;
  /** Describes the natural key a create/rename conflicts on, e.g. `contact tag name "VIP"`. */
  naturalKey?: string | undefined;
  /** The call's path template, e.g. `/contacts`. */
  template?: string | undefined;
}

/** What to do when a contact create is refused by the company's cap on external contacts. */
export const CONTACT_CAP_HINT =
  "The company is at its cap on external (customer/client) contacts, and contacts in the contacts trash count " +
  "toward that cap (Free plan 500, paid plans 100,000). Nothing was created. Empty the trash (admin console: " +
  "Customers/Clients > Trash) or delete contacts permanently, then run again; prefer updating contacts in place to " +
  "deleting and re-creating them, which fills the trash";

const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** A sentence telling the user what to do about an API error. */
export function hintFor(context: HintContext): string | undefined {
  const { status, method, authMode } = context;
  if (isRejectedToken(status, context.code)) {
    return authMode === "jwt"
      ? "The API rejected the access token even after a fresh one was issued; check lineworks:clientId, " +
          "lineworks:serviceAccount and lineworks:privateKey (and that the app may use this service account)"
      : "The access token is invalid or expired; set a fresh lineworks:accessToken (LINEWORKS_ACCESS_TOKEN) " +
          "or configure the JWT credentials (clientId, clientSecret, serviceAccount, privateKey) instead";
  }
  if (status === CONTACT_CAP_STATUS && context.code === CONTACT_CAP_CODE && method === "POST" && context.template === "/contacts") {
    return CONTACT_CAP_HINT;
  }
  if (status === 403) {
    if (!WRITE_METHODS.has(method)) {
      return "The token may not read contacts; the app needs the scope contact (or contact.read) and the domain must allow the Contact API";
    }
    const scope = context.grantedScope;
    if (scope !== undefined && !scope.split(/[ ,]+/).includes("contact")) {
      return `The token has scope ${scope || "(none)"}; the provider needs contact`;
    }
    if (scope === undefined) {
      return `The token may have only scope ${READ_ONLY_SCOPE}; the provider needs contact (read and write)`;
    }
    return "The token has scope contact but the API refused the write; check the service account's permissions on contacts";
  }
  if (status === CONFLICT_STATUS) {
    return context.naturalKey
      ? `An object with the same ${context.naturalKey} already exists; use adopt: true to take it over, or choose another name`
      : "The object conflicts with an existing one";
  }
  if (GONE_STATUSES.includes(status)) return "The object does not exist (it may have been deleted outside Pulumi)";
  if (status === 429) {
    return "The API kept answering 429 (rate limit or concurrent requests); lower lineworks:requestsPerMinute or lineworks:maxConcurrentRequests, or run fewer operations in parallel";
  }
  if (status >= 500) return "The LINE WORKS API failed; try again later";
  return undefined;
}
