/** Auth against the emulator process: JWT grant, one token per process, refresh, errors without secrets. */
import { generateKeyPairSync } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createContactApiClient, LineWorksApiError, makeClientConfig } from "../../../provider/client";
import { JwtTokenSource } from "../../../provider/client/auth";
import { processDispatcher } from "../../../provider/client/http";
import { requestToken } from "../../support/emulator-http";
import { startEmulatorProcess, type EmulatorProcess } from "../../support/emulator-process";
import { clientFor, FAST_RETRIES, inParallel, newContact } from "./support";

let emulator: EmulatorProcess;

beforeAll(async () => {
  // Renewal before expiry (a tenth of the lifetime ahead) is test/stories/reliability/token-renewal.test.ts's, on the client's clock.
  emulator = await startEmulatorProcess();
});
afterAll(async () => {
  await emulator?.stop();
});

describe("service-account JWT grant", () => {
  it("gets one token for many parallel calls from several clients, and sends it as a bearer token", async () => {
    await emulator.clearRequests();
    const clients = await Promise.all([clientFor(emulator), clientFor(emulator), clientFor(emulator)]);
    await inParallel(Array.from({ length: 45 }, (_, i) => i), 15, async (i) => {
      const { api } = clients[i % 3]!;
      expect(await api.getContactTag(`ctag-missing-${i}`)).toBeUndefined();
    });
    const log = await emulator.requests();
    expect(log.filter((entry) => entry.kind === "token")).toHaveLength(1);
    expect(log.filter((entry) => entry.kind === "api" && entry.status === 404)).toHaveLength(45);
    expect(log.some((entry) => entry.status === 401 || entry.status === 403)).toBe(false);
    expect(clients[0]!.api.stats().tokenRequests).toBe(1);
  });

  it("renews the token once after it is refused (the emulator's default: 403 UNAUTHORIZED) and repeats the call", async () => {
    const { api } = await clientFor(emulator);
    const tag = await api.createCompanyTag("before-expiry");
    await emulator.expireTokens();
    await emulator.clearRequests();
    expect(await api.getContactTag(tag.contactTagId)).toEqual(tag);
    const log = await emulator.requests();
    expect(log.map((entry) => `${entry.kind} ${entry.status}`)).toEqual(["api 403", "token 200", "api 200"]);
  });
});

describe("a ready access token", () => {
  it("works without JWT credentials and, once expired, fails with a hint and without the token", async () => {
    const credentials = await emulator.credentials();
    const jwtConfig = makeClientConfig({ apiBaseUrl: emulator.apiBaseUrl, authUrl: emulator.authUrl, ...credentials });
    // A token of our own, from a separate token source (not the process-wide one).
    const source = new JwtTokenSource(jwtConfig, {
      dispatcher: processDispatcher(),
      timeoutMs: 5_000,
      maxRetries: 0,
      backoff: { baseMs: 5, capMs: 5 },
    });
    const accessToken = await source.token();
    const config = makeClientConfig({ apiBaseUrl: emulator.apiBaseUrl, accessToken, domainId: credentials.domainId });
    expect(config.authMode).toBe("accessToken");
    const api = createContactApiClient(config, FAST_RETRIES);
    expect(Array.isArray(await api.listCustomProperties())).toBe(true);

    await emulator.expireTokens();
    const error = await api.listCustomProperties().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LineWorksApiError);
    const apiError = error as LineWorksApiError;
    // Refused as the samples see it (403 UNAUTHORIZED): a token problem, not a permission one.
    expect(apiError.status).toBe(403);
    expect(apiError.code).toBe("UNAUTHORIZED");
    expect(apiError.message).toMatch(/lineworks:accessToken/);
    expect(`${apiError.message}${apiError.stack}${JSON.stringify(apiError)}`).not.toContain(accessToken);
  });
});

describe("errors a user can act on, free of secrets", () => {
  it("a write with a ready contact.read token is 403 naming the scope the provider needs", async () => {
    // The client cannot know a ready token's scope, so the write is sent (a pinned scope is refused before: scopes.test.ts).
    const { access_token: accessToken } = await requestToken(emulator, "contact.read");
    const { api } = await clientFor(emulator, {}, { accessToken });
    expect(await api.getContactTag("ctag-none")).toBeUndefined();
    const error = (await api.createContact(newContact(1)).catch((e: unknown) => e)) as LineWorksApiError;
    expect(error).toBeInstanceOf(LineWorksApiError);
    expect(error.status).toBe(403);
    expect(error.method).toBe("POST");
    expect(error.path).toBe("/contacts");
    expect(error.message).toContain("The token may have only scope contact.read; the provider needs contact");
  });

  it("a wrong private key or client secret fails at the token endpoint without echoing any secret", async () => {
    const { privateKey: otherKey } = generateKeyPairSync("rsa", {
      modulusLength: 2048,
      privateKeyEncoding: { type: "pkcs8", format: "pem" },
      publicKeyEncoding: { type: "spki", format: "pem" },
    });
    const credentials = await emulator.credentials();
    const cases = [
      { privateKey: otherKey, clientSecret: credentials.clientSecret },
      { privateKey: credentials.privateKey, clientSecret: "wrong-secret-0123456789" },
    ];
    for (const overrides of cases) {
      const { api } = await clientFor(emulator, {}, overrides);
      const error = (await api.listCustomProperties().catch((e: unknown) => e)) as LineWorksApiError;
      expect(error).toBeInstanceOf(LineWorksApiError);
      expect([400, 401]).toContain(error.status);
      expect(error.code).toMatch(/^invalid_(grant|client)$/);
      expect(error.message).toMatch(/token request failed/);
      expect(error.message).toMatch(/lineworks:clientId, lineworks:clientSecret, lineworks:serviceAccount and lineworks:privateKey/);
      const shown = `${error.message}\n${error.stack}\n${JSON.stringify(error)}`;
      for (const secret of [overrides.clientSecret, credentials.clientSecret, "PRIVATE KEY", "eyJ"]) {
        expect(shown).not.toContain(secret);
      }
    }
  });
});
