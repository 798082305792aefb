/**
 * Which token each call gets (provider/client/scoped-tokens.ts): contact.read for reads, contact
 * from the first write on; a pinned scope for every call; a write under a pinned contact.read
 * refused before it is sent, naming the scope to grant; lineworks:scope / LINEWORKS_SCOPE read
 * and checked.
 */
import { describe, expect, it } from "vitest";
import { ClientConfigError, resolveClientConfig } from "../../../provider/client";
import type { ApiCall } from "../../../provider/client/api-call";
import type { TokenSource } from "../../../provider/client/auth";
import { ReadOnlyScopeError, ScopedTokens } from "../../../provider/client/scoped-tokens";

function fakeSource(scope: string): TokenSource & { handedOut: number } {
  let held = false;
  return {
    mode: "jwt",
    canRenew: true,
    handedOut: 0,
    async token() {
      held = true;
      this.handedOut++;
      return `token-of-${scope}`;
    },
    invalidate() {},
    grantedScope: () => (held ? scope : undefined),
    hasToken: () => held,
    tokenRequests: () => (held ? 1 : 0),
  };
}

const get: ApiCall = { method: "GET", template: "/contacts" };
const post: ApiCall = { method: "POST", template: "/contacts", json: {} };
const upload: ApiCall = { method: "POST", template: "/contacts/{contactId}/photo", params: { contactId: "c1" }, json: {} };

describe("scoped tokens", () => {
  it("reads ask for contact.read; the first write asks for contact, which later reads reuse", async () => {
    const read = fakeSource("contact.read");
    const write = fakeSource("contact");
    const tokens = new ScopedTokens({ read, write });
    expect(await tokens.token("read")).toBe("token-of-contact.read");
    expect(await tokens.token("read")).toBe("token-of-contact.read");
    expect(write.handedOut).toBe(0);
    tokens.permit(post);
    expect(await tokens.token("write")).toBe("token-of-contact");
    expect(await tokens.token("read")).toBe("token-of-contact");
    expect(tokens.tokenRequests()).toBe(2);
  });

  it("a pinned contact gives every call the contact token", async () => {
    const tokens = new ScopedTokens({ read: fakeSource("contact.read"), write: fakeSource("contact"), pinned: "contact" });
    expect(await tokens.token("read")).toBe("token-of-contact");
  });

  it("a pinned contact.read refuses every write before it is sent, naming the scope to grant", async () => {
    const write = fakeSource("contact");
    const tokens = new ScopedTokens({ read: fakeSource("contact.read"), write, pinned: "contact.read" });
    expect(() => tokens.permit(get)).not.toThrow();
    expect(await tokens.token("read")).toBe("token-of-contact.read");
    for (const call of [post, upload, { ...get, method: "DELETE" } as ApiCall]) {
      const error = (() => {
        try {
          tokens.permit(call);
        } catch (caught) {
          return caught;
        }
        return undefined;
      })() as ReadOnlyScopeError;
      expect(error).toBeInstanceOf(ReadOnlyScopeError);
      expect(error.message).toMatch(/^LINE WORKS API (POST|DELETE) \/contacts\S* not sent: this run must write/);
      expect(error.message).toContain("lineworks:scope (LINEWORKS_SCOPE) pins the read-only scope contact.read");
      expect(error.message).toContain("Grant the app the scope contact");
    }
    expect(write.handedOut).toBe(0);
  });
});

describe("lineworks:scope / LINEWORKS_SCOPE", () => {
  const token = { LINEWORKS_ACCESS_TOKEN: "t" };
  it("is unset by default, read from the stack config before the environment, and only contact or contact.read", () => {
    expect(resolveClientConfig({ get: () => undefined }, token).scope).toBeUndefined();
    expect(resolveClientConfig({ get: () => undefined }, { ...token, LINEWORKS_SCOPE: "contact.read" }).scope).toBe("contact.read");
    const config = { get: (key: string) => (key === "lineworks:scope" ? "contact" : undefined) };
    expect(resolveClientConfig(config, { ...token, LINEWORKS_SCOPE: "contact.read" }).scope).toBe("contact");
    expect(() => resolveClientConfig({ get: () => undefined }, { ...token, LINEWORKS_SCOPE: "contact.write" })).toThrow(ClientConfigError);
    expect(() => resolveClientConfig({ get: () => undefined }, { ...token, LINEWORKS_SCOPE: "contact.write" })).toThrow(
      /lineworks:scope \(LINEWORKS_SCOPE\) must be contact\.read \(read only\) or contact \(read and write\)/,
    );
  });
});
