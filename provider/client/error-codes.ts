/**
 * The one catalogue of error codes: every code the client gives a LineWorksApiError of its
 * own, and every code of an answer (the API's `code`, the token endpoint's `error`) that the
 * client or the provider acts on. Each with what it means and the way out. Every other file
 * uses these constants, never a string literal (test/provider/client/error-codes.test.ts keeps it so).
 * An answer's other codes pass through as the server wrote them, or as `HTTP_<status>` when
 * the body had none.
 */

export interface ErrorCodeEntry {
  /** What happened. */
  meaning: string;
  /** What the user (or the client itself) does about it. */
  wayOut: string;
}

/** Codes the client raises itself: the request failed before or without an answer it could use. */
export const CLIENT_ERROR_CATALOGUE = {
  TIMEOUT: {
    meaning: "no answer within the request timeout (status 0)",
    wayOut: "retried with backoff; when it persists the API or token endpoint is slow or down: try again later",
  },
  CONNECTION_FAILED: {
    meaning: "the connection failed or was dropped before an answer (status 0)",
    wayOut: "retried with backoff; check lineworks:apiBaseUrl (lineworks:authUrl for a token request) and the network",
  },
  READ_ONLY_SCOPE: {
    meaning: "a write was refused before it was sent: lineworks:scope pins the read-only scope contact.read",
    wayOut: "grant the app the scope contact and set lineworks:scope to contact (or unset it) for runs that apply changes",
  },
  INVALID_TOKEN_RESPONSE: {
    meaning: "the token endpoint answered 2xx without an access_token",
    wayOut: "check lineworks:authUrl points at the LINE WORKS token endpoint",
  },
  MISSING_LOCATION: {
    meaning: "a redirect (a 307/308, or the photo download's 302) came without a usable Location header",
    wayOut: "the API failed; try again later",
  },
  REDIRECT_TO_OTHER_ORIGIN: {
    meaning: "a redirect pointed at another origin; it was not followed, so neither the token nor the body left",
    wayOut: "if that origin is the LINE WORKS API (token endpoint), set lineworks:apiBaseUrl (lineworks:authUrl) to it",
  },
  TOO_MANY_REDIRECTS: {
    meaning: "the answer kept redirecting past the hop limit",
    wayOut: "the API failed; try again later",
  },
  CURSOR_LOOP: {
    meaning: "a listing returned a cursor it had returned before; stopped to avoid an endless listing",
    wayOut: "the API failed; try again later",
  },
  UNEXPECTED_RESPONSE: {
    meaning: "a success body does not have the documented shape",
    wayOut: "the API changed or failed; report it with the first problem named in the message",
  },
  INVALID_REQUEST: {
    meaning: "a request body failed its check before it was sent (nothing was sent)",
    wayOut: "a programming error: fix the body named in the message",
  },
  CREATE_OUTCOME_UNKNOWN: {
    meaning: "a contact create failed ambiguously and the contact has no email or telephone to look it up by",
    wayOut: "check the contacts in LINE WORKS before running again, to avoid a duplicate",
  },
} as const satisfies Record<string, ErrorCodeEntry>;

/** Codes of answers that the client or the provider acts on (the rest pass through untouched). */
export const ANSWER_ERROR_CATALOGUE = {
  UNAUTHORIZED: {
    meaning: "API, with 403: the access token is refused (what the official samples renew on); 401 is refused whatever its code",
    wayOut: "the client renews the token and repeats the call; a ready lineworks:accessToken must be replaced",
  },
  LIMIT_EXCEEDED: {
    meaning: "API, 403 on POST /contacts (ASSUMED): the company is at its cap on external contacts, trash included",
    wayOut: "empty the contacts trash or delete contacts permanently, then run again",
  },
  invalid_scope: {
    meaning: "token endpoint, 400 (ASSUMED): the app was not given the scope asked for",
    wayOut: "add the scope to the app's OAuth scopes in the Developer Console; a member lookup without user.read is skipped",
  },
} as const satisfies Record<string, ErrorCodeEntry>;

export type ClientErrorCode = keyof typeof CLIENT_ERROR_CATALOGUE;
export type AnswerErrorCode = keyof typeof ANSWER_ERROR_CATALOGUE;

function namesOf<K extends string>(catalogue: Record<K, ErrorCodeEntry>): { readonly [Code in K]: Code } {
  return Object.freeze(Object.fromEntries(Object.keys(catalogue).map((code) => [code, code]))) as { readonly [Code in K]: Code };
}

/** The client's own codes by name: `ErrorCode.TIMEOUT === "TIMEOUT"`. */
export const ErrorCode = namesOf<ClientErrorCode>(CLIENT_ERROR_CATALOGUE);

/** Answer codes the client acts on, by name: `AnswerCode.invalid_scope === "invalid_scope"`. */
export const AnswerCode = namesOf<AnswerErrorCode>(ANSWER_ERROR_CATALOGUE);

/** The code of an answer whose body named none. */
export function httpStatusCode(status: number): string {
  return `HTTP_${status}`;
}

/** The code of a request that got no answer (status 0). */
export function failureCode(kind: "connect" | "timeout" | "dropped"): ClientErrorCode {
  return kind === "timeout" ? ErrorCode.TIMEOUT : ErrorCode.CONNECTION_FAILED;
}
