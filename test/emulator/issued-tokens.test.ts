/**
 * `GET /_emulator/tokens`: every access and refresh token the token endpoint issued, as the
 * SHA-256 of its text (never the text), rotated ones included; and the search that tests use
 * to prove no such token reached a state file, a log or a page (test/support/issued-tokens.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulatorProcess, type EmulatorProcess } from "../support/emulator-process";
import { issuedTokens, issuedTokensIn } from "../support/issued-tokens";
import { postForm, requestToken } from "../support/emulator-http";

let emulator: EmulatorProcess;

beforeAll(async () => {
  emulator = await startEmulatorProcess();
});
afterAll(async () => {
  await emulator?.stop();
});

describe("the tokens the emulator issued", () => {
  it("lists each grant's access and refresh token by hash, and keeps the rotated ones", async () => {
    const before = (await issuedTokens(emulator)).length;
    const first = await requestToken(emulator);
    const credentials = await emulator.credentials();
    const refreshed = await postForm(emulator.authUrl, {
      grant_type: "refresh_token",
      refresh_token: first.refresh_token,
      client_id: credentials.clientId,
      client_secret: credentials.clientSecret,
    });
    expect(refreshed.status).toBe(200);
    const tokens = (await issuedTokens(emulator)).slice(before);
    const listing = JSON.stringify(tokens);
    for (const text of [first.access_token, first.refresh_token, refreshed.body.access_token]) expect(listing).not.toContain(text);
    expect(tokens.map((token) => token.kind)).toEqual(
      refreshed.body.refresh_token === first.refresh_token ? ["access", "refresh", "access"] : ["access", "refresh", "access", "refresh"],
    );
    expect(tokens[0]).toMatchObject({ domainId: credentials.domainId, scopes: ["contact"], sha256: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });

    // The search finds each of them wherever it sits in a text, and nothing in a text without them.
    const text = `{"headers":{"authorization":"Bearer ${first.access_token}"}}\nrefresh=${first.refresh_token}&x=1 ${"A".repeat(80)}${refreshed.body.access_token}`;
    expect(issuedTokensIn(text, tokens).map((token) => token.kind)).toEqual(["access", "refresh", "access"]);
    expect(issuedTokensIn(`${first.access_token.slice(1)} ${"b".repeat(500)}`, tokens)).toEqual([]);
  });
});
