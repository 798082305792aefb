/** Request bodies checked before sending, response bodies read with their wire schema. */
import type { z } from "zod";
import type { HttpMethod } from "../api-call";
import { ErrorCode } from "../error-codes";
import { LineWorksApiError, NO_HTTP_STATUS } from "../errors";
import { parseJson, type HttpResponse } from "../http";

/** Parses a success body; a body that does not fit is reported as the API's fault, with the first problem. */
export function parseBody<S extends z.ZodType>(schema: S, response: HttpResponse, method: HttpMethod, path: string): z.output<S> {
  const parsed = schema.safeParse(parseJson(response.body));
  if (parsed.success) return parsed.data;
  throw new LineWorksApiError({
    status: response.status,
    code: ErrorCode.UNEXPECTED_RESPONSE,
    description: `the response body does not have the documented shape (${firstIssue(parsed.error)})`,
    method,
    path,
  });
}

/** Checks an outgoing body before any request, so a programming error does not cost an API call. */
export function checkBody(schema: z.ZodType, body: unknown, method: HttpMethod, path: string): void {
  const parsed = schema.safeParse(body);
  if (parsed.success) return;
  throw new LineWorksApiError({
    status: NO_HTTP_STATUS,
    code: ErrorCode.INVALID_REQUEST,
    description: `the request body is invalid (${firstIssue(parsed.error)})`,
    method,
    path,
  });
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return "unknown problem";
  const where = issue.path.length > 0 ? issue.path.join(".") : "body";
  return `${where}: ${issue.message}`;
}
