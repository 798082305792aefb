/**
 * The documented behaviours a client must survive, as faults (CONTRACT §8, lineworks-api.md
 * "Errors and limits", "Authentication" 5): 503, 307 redirects, how an expired token is
 * answered, refused-token headers, a duplicate name on POST as 400 or 409, no rateLimit-*
 * headers on a 302, and the unknown-path body.
 */
import { beforeEach, describe, expect, it } from "vitest";
import type { EmulatorProcess } from "../support/emulator-process";
import { api as call, client, contactBody, requestToken, useConformanceEmulator, type Client } from "../support/emulator-http";

let emulator: EmulatorProcess;
let api: Client;
useConformanceEmulator((started) => {
  emulator = started;
});
// A fresh token per test: some tests expire every token.
beforeEach(async () => {
  api = client(emulator, (await requestToken(emulator)).access_token);
});

const tagNames = async () => (await emulator.state()).domains[0].contactTags.map((tag: any) => tag.contactTagName);

describe("status503Rate", () => {
  it("1: every API call is 503 SERVICE_UNAVAILABLE, not applied, and logged as a fault", async () => {
    await emulator.setFaults({ status503Rate: 1 });
    await emulator.clearRequests();
    const reply = await api.post("/contact-tags", { contactTagName: "x" });
    expect(reply.status).toBe(503);
    expect(reply.body).toEqual({ code: "SERVICE_UNAVAILABLE", description: expect.any(String) });
    expect(await tagNames()).toEqual([]);
    expect((await emulator.requests()).filter((entry) => entry.kind === "api")).toMatchObject([{ status: 503, fault: "status503" }]);
  });
});

describe("redirectRate", () => {
  it("1: a 307 to the same URL on the emulator's origin; following it with the token applies the call once", async () => {
    await emulator.setFaults({ redirectRate: 1 });
    const token = (await requestToken(emulator)).access_token;
    const first = await fetch(`${emulator.apiBaseUrl}/contact-tags?type=COMPANY`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ contactTagName: "VIP" }),
      redirect: "manual",
    });
    expect(first.status).toBe(307);
    expect(first.headers.get("ratelimit-limit")).toBeNull();
    const location = new URL(first.headers.get("location")!);
    expect(location.origin).toBe(new URL(emulator.url).origin);
    expect(location.pathname).toBe("/v1.0/contact-tags");
    expect(location.searchParams.get("type")).toBe("COMPANY");
    expect(await tagNames()).toEqual([]);

    // The redirected request is not redirected again, even at redirectRate 1.
    const followed = await fetch(location, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ contactTagName: "VIP" }),
      redirect: "manual",
    });
    expect(followed.status).toBe(201);
    expect(await tagNames()).toEqual(["VIP"]);
  });

  it("the redirected request needs the token like any call", async () => {
    await emulator.setFaults({ redirectRate: 1 });
    const first = await api.get("/contact-tags");
    expect(first.status).toBe(307);
    const followed = await fetch(first.headers.get("location")!, { redirect: "manual" });
    expect(followed.status).toBe(401);
  });

  it("fetch's own redirect handling reaches the resource (same origin keeps the token)", async () => {
    await emulator.setFaults({ redirectRate: 1 });
    const token = (await requestToken(emulator)).access_token;
    const reply = await fetch(`${emulator.apiBaseUrl}/contact-tags`, { headers: { authorization: `Bearer ${token}` } });
    expect(reply.status).toBe(200);
    expect(await reply.json()).toEqual({ contactTags: [], responseMetaData: {} });
  });
});

describe("tokenExpiryStatus and refused tokens", () => {
  it("an unknown token is 401 UNAUTHORIZED with www-authenticate Bearer error=invalid_token; no token: Bearer", async () => {
    const unknown = await call(emulator, "not-a-token", "GET", "/contacts");
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual({ code: "UNAUTHORIZED", description: expect.any(String) });
    expect(unknown.headers.get("www-authenticate")).toBe('Bearer error="invalid_token"');
    const missing = await call(emulator, undefined, "GET", "/contacts");
    expect(missing.status).toBe(401);
    expect(missing.headers.get("www-authenticate")).toMatch(/^Bearer/);
  });

  it("an expired token: 403 UNAUTHORIZED by default, 401 UNAUTHORIZED with tokenExpiryStatus 401, back to 403 with {}", async () => {
    const token = (await requestToken(emulator)).access_token;
    await emulator.expireTokens();
    const byDefault = await call(emulator, token, "GET", "/contacts");
    expect(byDefault.status).toBe(403);
    expect(byDefault.body).toEqual({ code: "UNAUTHORIZED", description: expect.any(String) });
    expect(byDefault.headers.get("www-authenticate")).toBe('Bearer error="invalid_token"');

    await emulator.setFaults({ tokenExpiryStatus: 401 });
    const as401 = await call(emulator, token, "GET", "/contacts");
    expect(as401.status).toBe(401);
    expect(as401.body).toEqual({ code: "UNAUTHORIZED", description: expect.any(String) });
    expect(as401.headers.get("www-authenticate")).toBe('Bearer error="invalid_token"');

    await emulator.setFaults({});
    expect((await call(emulator, token, "GET", "/contacts")).status).toBe(403);
  });

  it("a missing scope stays 403 FORBIDDEN, distinct from an expired token", async () => {
    const reader = (await requestToken(emulator, "contact.read")).access_token;
    const reply = await call(emulator, reader, "POST", "/contact-tags", { contactTagName: "x" });
    expect(reply.status).toBe(403);
    expect(reply.body.code).toBe("FORBIDDEN");
  });
});

describe("duplicateNameStatus (emulator extra)", () => {
  const domainId = async () => (await emulator.credentials()).domainId;
  const property = async (overrides: Record<string, unknown>) => ({
    domainId: await domainId(),
    propertyName: "crm",
    displayName: "CRM",
    propertyType: "STRING",
    ...overrides,
  });

  async function duplicates(): Promise<Array<{ status: number; code: string }>> {
    await api.post("/contact-tags", { contactTagName: "VIP" });
    await api.post("/users/sales@example.com/contact-tags", { contactTagName: "Mine" });
    await api.post("/contacts/custom-properties", await property({}));
    const replies = [
      await api.post("/contact-tags", { contactTagName: "VIP" }),
      await api.post("/users/sales@example.com/contact-tags", { contactTagName: "Mine" }),
      await api.post("/contacts/custom-properties", await property({ displayName: "Other" })),
      await api.post("/contacts/custom-properties", await property({ propertyName: "other" })),
    ];
    return replies.map((reply) => ({ status: reply.status, code: reply.body.code }));
  }

  it("by default a duplicate name on POST is 409 CONFLICT (ASSUMED)", async () => {
    expect(await duplicates()).toEqual(Array(4).fill({ status: 409, code: "CONFLICT" }));
  });

  it("400: a duplicate name on POST is 400 INVALID_PARAMETER; a rename to a taken name stays 409 (documented)", async () => {
    await emulator.setFaults({ duplicateNameStatus: 400 });
    expect(await duplicates()).toEqual(Array(4).fill({ status: 400, code: "INVALID_PARAMETER" }));
    const other = (await api.post("/contact-tags", { contactTagName: "Other" })).body;
    expect((await api.put(`/contact-tags/${other.contactTagId}`, { contactTagName: "VIP" })).status).toBe(409);
  });

  it("rejects other values", async () => {
    const response = await fetch(`${emulator.url}/_emulator/faults`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ duplicateNameStatus: 422 }),
    });
    expect(response.status).toBe(400);
  });
});

describe("documented response details", () => {
  it("a 302 (GET photo) carries no rateLimit-* headers; other answers do", async () => {
    const contact = (await api.post("/contacts", contactBody())).body;
    const uploadUrl = (await api.post(`/contacts/${contact.contactId}/photo`, { fileName: "a.png", fileSize: 3 })).body.uploadUrl;
    const form = new FormData();
    form.append("Filedata", new Blob([new Uint8Array([0x42, 0x4d, 3])]), "a.png"); // "BM": a BMP's first bytes (images only)
    const token = (await requestToken(emulator)).access_token;
    expect((await fetch(uploadUrl, { method: "POST", headers: { authorization: `Bearer ${token}` }, body: form })).status).toBe(200);
    const redirect = await api.get(`/contacts/${contact.contactId}/photo`);
    expect(redirect.status).toBe(302);
    for (const name of ["ratelimit-limit", "ratelimit-remaining", "ratelimit-reset", "ratelimit-used"]) {
      expect(redirect.headers.get(name), name).toBeNull();
    }
    expect((await api.get(`/contacts/${contact.contactId}`)).headers.get("ratelimit-limit")).not.toBeNull();
  });

  it("an unknown path is 404 {code: NOT_FOUND, description: Api not exists}", async () => {
    for (const path of ["/no-such-api", "/contacts/x/y/z"]) {
      const reply = await api.get(path);
      expect(reply.status).toBe(404);
      expect(reply.body).toEqual({ code: "NOT_FOUND", description: "Api not exists" });
    }
  });
});
