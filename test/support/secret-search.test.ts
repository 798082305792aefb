/**
 * The secret search (test/support/secret-search.ts) finds each credential planted in each form,
 * alone and inside larger texts (a JSON log line, an HTTP Basic header, a URL query, a base64
 * document), and finds nothing in texts that only resemble them.
 */
import { createHash, generateKeyPairSync, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { IssuedToken } from "./issued-tokens";
import { FORMS, credentialSecrets, encode, secretSearch } from "./secret-search";

const privateKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
const clientSecret = randomBytes(24).toString("base64url");
const token = randomBytes(32).toString("base64url");
const issued: IssuedToken[] = [
  { kind: "access", domainId: 1, scopes: ["contact"], issuedAt: "2026-12-07T00:00:00Z", sha256: createHash("sha256").update(token).digest("base64url") },
];
const secrets = credentialSecrets({ clientSecret, privateKey });
const search = secretSearch(secrets, issued);
const keyLine = secrets.find((secret) => secret.name.endsWith("body line 3"))!.value;

/** Ways a value ends up inside something bigger. */
const contexts: Array<[string, (written: string) => string]> = [
  ["alone", (written) => written],
  ["a JSON log line", (written) => `{"level":"debug","msg":"config","value":"${written}","n":3}\n`],
  ["a URL query", (written) => `GET /v1.0/contacts?cursor=abc&x=${written}&limit=100 HTTP/1.1`],
  ["a verbose log", (written) => `I1207 12:00:00.000 Marshaling property for RPC[Check]: value=${written} {}`],
];

describe("the secret search", () => {
  for (const form of FORMS) {
    for (const [where, wrap] of contexts) {
      it(`finds each credential and an issued token written as ${form}, in ${where}`, () => {
        for (const [name, value] of [["the client secret", clientSecret], ["the private key (whole PEM)", privateKey], ["the private key's body line 3", keyLine]] as const) {
          expect(search.find(wrap(encode(value, form))), name).toContain(`${name} as ${form}`);
        }
        const found = search.find(wrap(encode(token, form)));
        expect(found.some((label) => label.startsWith("an issued access token")), found.join("; ")).toBe(true);
      });
    }
  }

  it("finds a secret inside a larger encoded string, at each byte alignment", () => {
    for (const prefix of ["", "a", "ab", "abc"]) {
      const basic = Buffer.from(`${prefix}emulator-client:${clientSecret}`).toString("base64");
      expect(search.find(`authorization: Basic ${basic}`), prefix).toContain("the client secret as base64");
      const document = Buffer.from(JSON.stringify({ prefix, config: { privateKey } })).toString("base64url");
      expect(search.find(document), prefix).toContain("the private key's body line 3 as base64url");
      const withToken = Buffer.from(`${prefix}{"access_token":"${token}"}`).toString("base64");
      expect(search.find(`x ${withToken} y`).some((label) => label.includes("access token") && label.includes("base64")), prefix).toBe(true);
    }
  });

  it("finds the key re-wrapped on one line, and the PEM URL-encoded as a form field", () => {
    const oneLine = privateKey.split("\n").filter((line) => !line.startsWith("-----")).join("");
    expect(search.find(`key=${oneLine}`)).toContain("the private key's body line 3 as raw");
    expect(search.find(new URLSearchParams({ key: privateKey }).toString())).toContain("the private key (whole PEM) as url");
  });

  it("finds nothing in texts that only resemble the secrets", () => {
    const other = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    // One character changed in the middle (a copy missing only its last bytes counts as a leak).
    const middle = clientSecret.length >> 1;
    const almost = `${clientSecret.slice(0, middle)}${clientSecret[middle] === "A" ? "B" : "A"}${clientSecret.slice(middle + 1)}`;
    const texts = [
      other,
      Buffer.from(other).toString("base64"),
      almost,
      Buffer.from(almost).toString("base64"),
      encodeURIComponent(other),
      randomBytes(32).toString("base64url"),
      Buffer.from(token.slice(1)).toString("base64"),
      "-----BEGIN PRIVATE KEY-----\n-----END PRIVATE KEY-----",
      "x".repeat(100_000),
    ];
    expect(search.findIn(texts.map((text, i) => [`text ${i}`, text]))).toEqual([]);
  });

  it("names where each secret was found, without its value", () => {
    const found = search.findIn([["the state", `{"secret":"${clientSecret}"}`], ["stdout", "nothing here"]]);
    expect(found).toEqual(["the state: the client secret as raw", "the state: the client secret as url", "the state: the client secret as json"]);
    expect(found.join("\n")).not.toContain(clientSecret);
  });

  it("refuses a private key with no body lines to search for", () => {
    expect(() => credentialSecrets({ clientSecret, privateKey: "not a key" })).toThrow(/no PEM body lines/);
  });
});
