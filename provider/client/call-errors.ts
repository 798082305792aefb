/**
 * The one error mapper: turns a failed call (an HTTP answer of the API or of the token endpoint, a
 * lost exchange, a refused redirect, a token answer without a token) into a LineWorksApiError with
 * a hint. Codes come from the catalogue (error-codes.ts); every text is redacted by LineWorksApiError.
 */
import { displayPath, safeOrigin, type ApiCall, type TokenGrantCall } from "./api-call";
import { DEFAULT_SCOPE } from "./assumptions";
import { AnswerCode, ErrorCode, failureCode, httpStatusCode } from "./error-codes";
import { DuplicateNameError, hintFor, LineWorksApiError, NO_HTTP_STATUS, type AuthMode } from "./errors";
import { parseJson, type HttpResponse, type TransportFailure } from "./http";
import { apiErrorBody, oauthErrorBody } from "./wire";

export interface ErrorContext {
  authMode: AuthMode;
  grantedScope: string | undefined;
  timeoutMs: number;
  apiBaseUrl: string;
}

/** The `{code, description}` of an error body, tolerantly: anything else gives undefined fields. */
export function apiErrorOf(response: HttpResponse): { code: string | undefined; description: string | undefined } {
  const parsed = apiErrorBody.safeParse(parseJson(response.body));
  return {
    code: (parsed.success && parsed.data.code) || undefined,
    description: (parsed.success && parsed.data.description) || undefined,
  };
}

/** The token endpoint's `{error, error_description}`, read the same tolerant way. */
function oauthErrorOf(response: HttpResponse): { code: string | undefined; description: string | undefined } {
  const parsed = oauthErrorBody.safeParse(parseJson(response.body));
  return {
    code: (parsed.success && parsed.data.error) || undefined,
    description: (parsed.success && parsed.data.error_description) || undefined,
  };
}

export function responseError(call: ApiCall, response: HttpResponse, attempts: number, context: ErrorContext): LineWorksApiError {
  if (call.tokenGrant !== undefined) return tokenEndpointError(call, call.tokenGrant, response, attempts);
  const { code } = apiErrorOf(response);
  const hint = hintFor({
    method: call.method,
    status: response.status,
    code,
    authMode: context.authMode,
    grantedScope: context.grantedScope,
    naturalKey: call.naturalKey,
    template: call.template,
  });
  return new LineWorksApiError({ ...answerFields(call, response, attempts), ...(hint !== undefined && { hint }) });
}

/** What every error built from an API answer says: status, code, description, the call. */
function answerFields(call: ApiCall, response: HttpResponse, attempts: number) {
  const { code, description } = apiErrorOf(response);
  return {
    status: response.status,
    code: code ?? httpStatusCode(response.status),
    description: description ?? response.body.toString("utf8").slice(0, 300).trim(),
    method: call.method,
    path: displayPath(call),
    attempts,
  };
}

/** The token endpoint refused a grant: its OAuth code, and what to check. */
function tokenEndpointError(call: ApiCall, grant: TokenGrantCall, response: HttpResponse, attempts: number): LineWorksApiError {
  const { code: answered, description } = oauthErrorOf(response);
  const code = answered ?? httpStatusCode(response.status);
  const refused = response.status >= 400 && response.status < 500;
  const hint =
    code === AnswerCode.invalid_scope
      ? scopeHint(grant.scope)
      : !refused
        ? undefined
        : grant.grant === "jwt"
          ? "Check lineworks:clientId, lineworks:clientSecret, lineworks:serviceAccount and lineworks:privateKey"
          : "The refresh token was refused";
  return new LineWorksApiError({
    status: response.status,
    code,
    description: `token request failed: ${description ?? "the token endpoint refused the request"}`,
    method: call.method,
    path: displayPath(call),
    attempts,
    ...(hint !== undefined && { hint }),
  });
}

/** The token endpoint answered 2xx without an access_token. */
export function tokenResponseError(call: ApiCall, response: HttpResponse): LineWorksApiError {
  return new LineWorksApiError({
    status: response.status,
    code: ErrorCode.INVALID_TOKEN_RESPONSE,
    description: "token request failed: the token endpoint answered without an access_token",
    method: call.method,
    path: displayPath(call),
  });
}

/** The token endpoint refused the scope asked for: the app was not given it. */
function scopeHint(scope: string): string {
  const why = scope === DEFAULT_SCOPE ? " (read and write, needed to apply changes)" : "";
  return (
    `The app is not granted the scope ${scope}${why}: add it to the app's OAuth scopes in the LINE WORKS Developer Console, ` +
    `or run with an app that has it`
  );
}

/** A create refused because `naturalKey` is taken (by `existingId` when the lookup found it). */
export function duplicateNameError(
  call: ApiCall,
  response: HttpResponse,
  attempts: number,
  naturalKey: string,
  existingId: string | undefined,
): DuplicateNameError {
  const owner = existingId === undefined ? "" : ` (id ${existingId})`;
  return new DuplicateNameError({
    ...answerFields(call, response, attempts),
    naturalKey,
    existingId,
    hint: `An object with the same ${naturalKey} already exists${owner}; use adopt: true to take it over, or choose another name`,
  });
}

export function failureError(
  call: ApiCall,
  failure: TransportFailure,
  attempts: number,
  context: ErrorContext,
  ambiguous = false,
): LineWorksApiError {
  const fields = { status: NO_HTTP_STATUS, code: failureCode(failure.kind), method: call.method, path: displayPath(call), attempts };
  if (call.tokenGrant !== undefined) {
    return new LineWorksApiError({ ...fields, description: `could not get an access token (${failure.reason}); check lineworks:authUrl` });
  }
  const origin = safeOrigin(call.url ?? context.apiBaseUrl);
  const what = failure.kind === "timeout" ? `no answer within ${context.timeoutMs} ms` : `could not talk to ${origin}`;
  const hint =
    call.method === "POST" && ambiguous && call.repeatable !== true
      ? "The object may or may not have been created; run again (a later run finds it by its natural key) or check the API"
      : failure.kind === "connect"
        ? "Check lineworks:apiBaseUrl and the network"
        : "The LINE WORKS API did not answer; try again later";
  return new LineWorksApiError({ ...fields, description: `${what} (${failure.reason})`, hint });
}

export function refusedRedirectError(
  call: ApiCall,
  status: number,
  refusal: { code: string; description: string; hint?: string },
): LineWorksApiError {
  return new LineWorksApiError({
    status,
    code: refusal.code,
    description: refusal.description,
    method: call.method,
    path: displayPath(call),
    ...(refusal.hint !== undefined && { hint: refusal.hint }),
  });
}
