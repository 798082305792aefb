import { describe, expect, it } from "vitest";
import { hintFor, LineWorksApiError } from "../../../provider/client/errors";
import { classifyFailure } from "../../../provider/client/http";
import { paginate } from "../../../provider/client/pagination";
import { Redactor, processRedactor, redactPatterns } from "../../../provider/client/redact";
import { queryString } from "../../../provider/client/transport";

describe("redaction", () => {
  it("removes bearer tokens, JWTs, PEM keys and OAuth form fields", () => {
    const text = [
      "Authorization: Bearer abc.DEF-123_xyz",
      "assertion=eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJ4In0.c2lnbmF0dXJl&grant_type=x",
      '{"client_secret":"s3cr3t-value","access_token":"at-1234567"}',
      "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg\n-----END PRIVATE KEY-----",
      "refresh_token=rt-987654",
    ].join("\n");
    const clean = redactPatterns(text);
    for (const secret of ["abc.DEF-123_xyz", "eyJhbGci", "s3cr3t-value", "at-1234567", "MIIEvQIBADANBg", "rt-987654"]) {
      expect(clean).not.toContain(secret);
    }
    expect(clean).toContain("Bearer [REDACTED]");
    expect(clean).toContain("grant_type=x");
  });

  it("blanks registered literal secrets wherever they appear", () => {
    const redactor = new Redactor();
    redactor.addSecret("opaque-secret-42");
    redactor.addSecret("ab");
    expect(redactor.redact("x opaque-secret-42 y ab")).toBe("x [REDACTED] y ab");
  });
});

describe("LineWorksApiError", () => {
  it("carries status, code, description, method and path, and redacts all of them", () => {
    processRedactor.addSecret("registered-token-value");
    const error = new LineWorksApiError({
      status: 400,
      code: "INVALID_PARAMETER",
      description: "bad header Bearer registered-token-value",
      method: "POST",
      path: "/contact-tags",
      hint: "see registered-token-value",
    });
    expect(error).toBeInstanceOf(Error);
    expect(error.status).toBe(400);
    expect(error.code).toBe("INVALID_PARAMETER");
    expect(error.method).toBe("POST");
    expect(error.path).toBe("/contact-tags");
    expect(error.message).toMatch(/^LINE WORKS API POST \/contact-tags failed: 400 INVALID_PARAMETER: /);
    expect(JSON.stringify(error) + error.message + error.stack).not.toContain("registered-token-value");
  });

  it("gives actionable hints", () => {
    expect(hintFor({ method: "POST", status: 403, authMode: "jwt", grantedScope: "contact.read" })).toBe(
      "The token has scope contact.read; the provider needs contact",
    );
    expect(hintFor({ method: "PUT", status: 403, authMode: "accessToken" })).toMatch(/contact\.read.*needs contact/);
    expect(hintFor({ method: "GET", status: 401, authMode: "jwt" })).toMatch(/clientId.*serviceAccount.*privateKey/);
    expect(hintFor({ method: "GET", status: 401, authMode: "accessToken" })).toMatch(/lineworks:accessToken/);
    expect(hintFor({ method: "POST", status: 409, authMode: "jwt", naturalKey: 'contact tag name "VIP"' })).toMatch(
      /same contact tag name "VIP" already exists; use adopt: true/,
    );
  });
});

describe("failure classification", () => {
  const coded = (code: string, name = "Error") => Object.assign(new Error(code), { code, name });
  it("separates 'never sent' from 'may have been applied'", () => {
    expect(classifyFailure(coded("ECONNREFUSED")).kind).toBe("connect");
    expect(classifyFailure(new Error("fetch failed", { cause: coded("ENOTFOUND") })).ambiguous).toBe(false);
    expect(classifyFailure(coded("UND_ERR_SOCKET")).kind).toBe("dropped");
    expect(classifyFailure(coded("ECONNRESET")).ambiguous).toBe(true);
    expect(classifyFailure(coded("UND_ERR_HEADERS_TIMEOUT")).kind).toBe("timeout");
    expect(classifyFailure(Object.assign(new Error("t"), { name: "TimeoutError" })).kind).toBe("timeout");
  });
});

describe("query strings", () => {
  it("percent-encodes cursors, + and spaces, and leaves out undefined values", () => {
    expect(
      queryString({ cursor: "a+b/c=d&e", startDateTime: "2024-04-05T00:00:00+09:00", orderBy: "name asc", x: undefined }),
    ).toBe("?cursor=a%2Bb%2Fc%3Dd%26e&startDateTime=2024-04-05T00%3A00%3A00%2B09%3A00&orderBy=name%20asc");
    expect(queryString({})).toBe("");
  });
});

describe("paginate", () => {
  const pages = (cursors: Array<string | null | undefined>) => {
    const asked: Array<string | undefined> = [];
    const fetchPage = async (cursor: string | undefined) => {
      asked.push(cursor);
      const index = asked.length - 1;
      return { items: [index], nextCursor: cursors[index] };
    };
    return { asked, fetchPage };
  };
  const all = async (iterable: AsyncIterable<number>) => {
    const out: number[] = [];
    for await (const item of iterable) out.push(item);
    return out;
  };

  it.each([[undefined], [null], [""]])("stops when nextCursor is %j", async (last) => {
    const { asked, fetchPage } = pages(["c1", "c2", last]);
    expect(await all(paginate(fetchPage, { method: "GET", path: "/x" }))).toEqual([0, 1, 2]);
    expect(asked).toEqual([undefined, "c1", "c2"]);
  });

  it("fails instead of looping when a cursor repeats", async () => {
    const { fetchPage } = pages(["c1", "c2", "c1", "c2"]);
    await expect(all(paginate(fetchPage, { method: "GET", path: "/x" }))).rejects.toThrow(/CURSOR_LOOP/);
  });
});
