/**
 * Finds, in any text, the tokens an emulator issued: the emulator lists each token it handed out
 * by the SHA-256 of its text (`GET /_emulator/tokens`), and a token is 43 base64url characters,
 * so every 43-character window of every base64url run of the text is hashed and looked up. This
 * catches the access and refresh tokens the provider obtained itself, which no test ever sees.
 */
import { createHash } from "node:crypto";
import type { EmulatorProcess } from "./emulator-process";

export interface IssuedToken {
  kind: "access" | "refresh";
  domainId: number;
  scopes: string[];
  issuedAt: string;
  sha256: string;
}

export async function issuedTokens(emulator: Pick<EmulatorProcess, "url">): Promise<IssuedToken[]> {
  const response = await fetch(`${emulator.url}/_emulator/tokens`);
  if (!response.ok) throw new Error(`GET /_emulator/tokens: HTTP ${response.status}`);
  return ((await response.json()) as { tokens: IssuedToken[] }).tokens;
}

/** randomBytes(32) in base64url. */
const TOKEN_LENGTH = 43;

/** The issued tokens (their kinds and hashes) whose text appears in `text`. */
export function issuedTokensIn(text: string, tokens: IssuedToken[]): IssuedToken[] {
  const byHash = new Map(tokens.map((token) => [token.sha256, token]));
  const found = new Map<string, IssuedToken>();
  for (const run of text.match(/[A-Za-z0-9_-]{43,}/g) ?? []) {
    for (let start = 0; start + TOKEN_LENGTH <= run.length; start++) {
      const hash = createHash("sha256").update(run.slice(start, start + TOKEN_LENGTH)).digest("base64url");
      const token = byHash.get(hash);
      if (token) found.set(hash, token);
    }
  }
  return [...found.values()];
}
