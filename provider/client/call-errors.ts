/** Turns a failed call (an HTTP answer, a lost exchange, a refused redirect) into a LineWorksApiError with a hint. */
import { displayPath, safeOrigin, type ApiCall } from "./api-call";
import { DuplicateNameError, hintFor, LineWorksApiError, NO_HTTP_STATUS, type AuthMode } from "./errors";
import { parseJson, type HttpResponse, type TransportFailure } from "./http";
import { apiErrorBody } from "./wire";

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

export function responseError(call: ApiCall, response: HttpResponse, attempts: number, context: ErrorContext): LineWorksApiError {
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

/** What every error built from an HTTP answer says: status, code, description, the call. */
function answerFields(call: ApiCall, response: HttpResponse, attempts: number) {
  const { code, description } = apiErrorOf(response);
  return {
    status: response.status,
    code: code ?? `HTTP_${response.status}`,
    description: description ?? response.body.toString("utf8").slice(0, 300).trim(),
    method: call.method,
    path: displayPath(call),
    attempts,
  };
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
  const origin = safeOrigin(call.url ?? context.apiBaseUrl);
  const what = failure.kind === "timeout" ? `no answer within ${context.timeoutMs} ms` : `could not talk to ${origin}`;
  const hint =
    call.method === "POST" && ambiguous && call.repeatable !== true
      ? "The object may or may not have been created; run again (a later run finds it by its natural key) or check the API"
      : failure.kind === "connect"
        ? "Check lineworks:apiBaseUrl and the network"
        : "The LINE WORKS API did not answer; try again later";
  return new LineWorksApiError({
    status: NO_HTTP_STATUS,
    code: failure.kind === "timeout" ? "TIMEOUT" : "CONNECTION_FAILED",
    description: `${what} (${failure.reason})`,
    method: call.method,
    path: displayPath(call),
    attempts,
    hint,
  });
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
