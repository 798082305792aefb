/**
 * Removes secrets from text before it can reach an error message or a log:
 * bearer tokens, JWTs, PEM keys, OAuth form fields, and any literal secret value
 * the client was configured with.
 */

const REDACTED = "[REDACTED]";

const PATTERNS: readonly RegExp[] = [
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g,
  /\b(Bearer|Basic)\s+[A-Za-z0-9\-._~+/=]+/gi,
  // JWTs and JWT-like assertions: three base64url parts, the first starting with '{"' encoded.
  /\beyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*(\.[A-Za-z0-9_-]*)?/g,
  // form-encoded or JSON secrets: assertion=..., "client_secret":"..."
  /\b(assertion|client_secret|clientSecret|refresh_token|refreshToken|access_token|accessToken|privateKey|private_key|password)(["']?\s*[:=]\s*["']?)[^\s&"',}]+/gi,
];

export class Redactor {
  private readonly literals = new Set<string>();

  /** Registers a secret value to be blanked wherever it appears (values shorter than 6 chars are ignored). */
  addSecret(value: string | undefined): void {
    if (value && value.length >= 6) this.literals.add(value);
  }

  redact(text: string): string {
    let result = text;
    for (const literal of this.literals) result = result.split(literal).join(REDACTED);
    return redactPatterns(result);
  }
}

export function redactPatterns(text: string): string {
  let result = text;
  for (const pattern of PATTERNS) {
    result = result.replace(pattern, (_match, ...groups: unknown[]) => {
      const [first, second] = groups;
      if (typeof first === "string" && typeof second === "string" && /^["']?\s*[:=]/.test(second)) {
        return `${first}${second}${REDACTED}`;
      }
      if (typeof first === "string" && /^(bearer|basic)$/i.test(first)) return `${first} ${REDACTED}`;
      return REDACTED;
    });
  }
  return result;
}

/** Secrets registered by any client in this process, used when an error is formatted. */
export const processRedactor = new Redactor();
