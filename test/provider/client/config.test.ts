import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import {
  ClientConfigError,
  DEFAULT_API_BASE_URL,
  DEFAULT_AUTH_URL,
  resolveClientConfig,
} from "../../../provider/client/config";

const { privateKey: pem } = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  privateKeyEncoding: { type: "pkcs8", format: "pem" },
  publicKeyEncoding: { type: "spki", format: "pem" },
});

const source = (values: Record<string, string>) => ({ get: (key: string) => values[key] });
const none = source({});
const jwtEnv = {
  LINEWORKS_CLIENT_ID: "env-client",
  LINEWORKS_CLIENT_SECRET: "env-secret-value",
  LINEWORKS_SERVICE_ACCOUNT: "sa@example.com",
  LINEWORKS_PRIVATE_KEY: pem,
};

const dir = mkdtempSync(join(tmpdir(), "client-config-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("resolveClientConfig", () => {
  it("uses the documented defaults", () => {
    const config = resolveClientConfig(none, { LINEWORKS_ACCESS_TOKEN: "ready-token-123" });
    expect(config.apiBaseUrl).toBe(DEFAULT_API_BASE_URL);
    expect(config.apiBaseUrl).toBe("https://www.worksapis.com/v1.0");
    expect(config.authUrl).toBe(DEFAULT_AUTH_URL);
    expect(config.authUrl).toBe("https://auth.worksmobile.com/oauth2/v2.0/token");
    expect(config.requestsPerMinute).toBe(240);
    expect(config.domainId).toBeUndefined();
    expect(config.authMode).toBe("accessToken");
    expect(config.secrets.accessToken()).toBe("ready-token-123");
  });

  it("prefers the stack config over the environment and falls back to it key by key", () => {
    const config = resolveClientConfig(
      source({
        "lineworks:apiBaseUrl": "http://127.0.0.1:9999/v1.0/",
        "lineworks:clientId": "config-client",
        "lineworks:domainId": "10000001",
        "lineworks:requestsPerMinute": "60",
      }),
      { ...jwtEnv, LINEWORKS_API_BASE_URL: "http://ignored.example/v1.0", LINEWORKS_AUTH_URL: "http://127.0.0.1:9999/oauth2/v2.0/token" },
    );
    expect(config.apiBaseUrl).toBe("http://127.0.0.1:9999/v1.0");
    expect(config.authUrl).toBe("http://127.0.0.1:9999/oauth2/v2.0/token");
    expect(config.clientId).toBe("config-client");
    expect(config.serviceAccount).toBe("sa@example.com");
    expect(config.secrets.clientSecret()).toBe("env-secret-value");
    expect(config.domainId).toBe(10000001);
    expect(config.requestsPerMinute).toBe(60);
    expect(config.authMode).toBe("jwt");
  });

  it("reads the private key from LINEWORKS_PRIVATE_KEY_FILE, and accepts escaped newlines", () => {
    const file = join(dir, "key.pem");
    writeFileSync(file, pem);
    const { LINEWORKS_PRIVATE_KEY: _, ...withoutKey } = jwtEnv;
    const fromFile = resolveClientConfig(none, { ...withoutKey, LINEWORKS_PRIVATE_KEY_FILE: file });
    expect(fromFile.secrets.privateKey()).toBe(pem.trim());
    const escaped = resolveClientConfig(source({ "lineworks:privateKey": pem.replace(/\n/g, "\\n") }), withoutKey);
    expect(escaped.secrets.privateKey()).toBe(pem.trim());
    expect(() => resolveClientConfig(none, { ...withoutKey, LINEWORKS_PRIVATE_KEY_FILE: join(dir, "missing.pem") })).toThrow(
      /LINEWORKS_PRIVATE_KEY_FILE.*missing\.pem.*ENOENT/,
    );
  });

  it("names exactly the missing keys and env vars when there are no usable credentials", () => {
    expect(() => resolveClientConfig(none, {})).toThrow(ClientConfigError);
    try {
      resolveClientConfig(source({ "lineworks:clientId": "c" }), { LINEWORKS_SERVICE_ACCOUNT: "sa@example.com" });
      expect.unreachable();
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain("lineworks:accessToken (LINEWORKS_ACCESS_TOKEN)");
      expect(message).toContain("lineworks:clientSecret (LINEWORKS_CLIENT_SECRET)");
      expect(message).toContain("LINEWORKS_PRIVATE_KEY_FILE");
      expect(message).not.toContain("lineworks:clientId (");
      expect(message).not.toContain("lineworks:serviceAccount (");
    }
  });

  it("rejects bad values naming the key, without echoing a key's content", () => {
    expect(() => resolveClientConfig(source({ "lineworks:requestsPerMinute": "fast" }), jwtEnv)).toThrow(
      /lineworks:requestsPerMinute/,
    );
    expect(() => resolveClientConfig(source({ "lineworks:domainId": "abc" }), jwtEnv)).toThrow(/lineworks:domainId/);
    expect(() => resolveClientConfig(source({ "lineworks:apiBaseUrl": "ftp://x" }), jwtEnv)).toThrow(/apiBaseUrl/);
    const badKey = "-----BEGIN PRIVATE KEY-----\nnot-really-a-key-SECRETBYTES\n-----END PRIVATE KEY-----";
    let message = "";
    try {
      resolveClientConfig(none, { ...jwtEnv, LINEWORKS_PRIVATE_KEY: badKey });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/lineworks:privateKey .* not a readable PEM private key/);
    expect(message).not.toContain("SECRETBYTES");
    expect(resolveClientConfig(source({ "lineworks:requestsPerMinute": "0" }), jwtEnv).requestsPerMinute).toBe(0);
  });

  it("never shows secrets when logged or serialized", () => {
    const config = resolveClientConfig(source({ "lineworks:accessToken": "tok-SECRET-123456" }), jwtEnv);
    const printed = [JSON.stringify(config), inspect(config, { depth: 10, showHidden: true }), String(config.secrets)].join("\n");
    for (const secret of ["tok-SECRET-123456", "env-secret-value", "PRIVATE KEY"]) expect(printed).not.toContain(secret);
    expect(printed).toContain("[REDACTED]");
    expect(printed).toContain("env-client");
  });
});
