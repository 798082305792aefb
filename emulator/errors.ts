import { ERROR_CODES, type ErrorStatus, type OAuthErrorCode, OAUTH_ERROR_STATUS } from "./assumptions";

/** An API error answered as `{code, description}` with its HTTP status (code: the status's default unless given). */
export class ApiError extends Error {
  readonly code: string;

  constructor(
    readonly status: ErrorStatus,
    description: string,
    code?: string,
    /** Extra response headers (e.g. `www-authenticate`). */
    readonly headers: Record<string, string> = {},
  ) {
    super(description);
    this.code = code ?? ERROR_CODES[status];
  }

  toBody(): { code: string; description: string } {
    return { code: this.code, description: this.message };
  }
}

export const invalidParameter = (description: string) => new ApiError(400, description);
export const notFound = (description: string) => new ApiError(404, description);

/** An error of the token endpoint, answered OAuth-style as `{error, error_description}`. */
export class OAuthError extends Error {
  readonly status: number;

  constructor(
    readonly error: OAuthErrorCode,
    description: string,
  ) {
    super(description);
    this.status = OAUTH_ERROR_STATUS[error];
  }

  toBody(): { error: string; error_description: string } {
    return { error: this.error, error_description: this.message };
  }
}
