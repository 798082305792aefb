/**
 * Which Host and Origin headers the emulator takes as its own (emulator/own-origin.ts), the pure
 * part: loopback names and the configured --host (IPv6 too, any port), an Origin compared with the
 * Host it reached (default port folded). The e2e with forged requests is
 * test/emulator/own-origin.e2e.test.ts.
 */
import { describe, expect, it } from "vitest";
import { isOwnHost, isOwnOrigin, refusalOf } from "../../emulator/own-origin";

describe("the emulator's own Host and Origin", () => {
  it("takes loopback names at any port, and the configured --host name, and nothing else", () => {
    for (const host of ["127.0.0.1:8787", "127.1.2.3", "localhost:9000", "LOCALHOST", "[::1]:8787"]) expect(isOwnHost(host, "127.0.0.1"), host).toBe(true);
    expect(isOwnHost("emulator:8787", "emulator")).toBe(true);
    expect(isOwnHost("Emulator.Internal", "emulator.internal")).toBe(true);
    expect(isOwnHost("[fd00::5]:8787", "fd00::5")).toBe(true);
    for (const host of ["evil.example:8787", "127.0.0.1.evil.example", "localhost.evil.example", "emulator:8787", "", undefined]) {
      expect(isOwnHost(host, "127.0.0.1"), String(host)).toBe(false);
    }
    // Listening on every interface does not make every name the emulator's.
    expect(isOwnHost("evil.example", "0.0.0.0")).toBe(false);
  });

  it("takes an Origin only when it is http:// plus the Host the request reached", () => {
    expect(isOwnOrigin("http://127.0.0.1:8787", "127.0.0.1:8787")).toBe(true);
    expect(isOwnOrigin("http://localhost", "localhost:80")).toBe(true);
    expect(isOwnOrigin("http://127.0.0.1:3000", "127.0.0.1:8787")).toBe(false);
    expect(isOwnOrigin("https://127.0.0.1:8787", "127.0.0.1:8787")).toBe(false);
    expect(isOwnOrigin("null", "127.0.0.1:8787")).toBe(false);
  });

  it("leaves the API's bodies alone and refuses a form body on the emulator's endpoints", () => {
    const form = { host: "127.0.0.1:8787", "content-type": "multipart/form-data; boundary=x" };
    expect(refusalOf(["/v1.0/contacts/1/photo-upload"], form, undefined)).toBeUndefined();
    expect(refusalOf(["/_emulator/reset"], form, undefined)?.status).toBe(415);
    expect(refusalOf(["/_emulator/faults"], { host: "127.0.0.1:8787", "content-type": "application/json; charset=utf-8" }, undefined)).toBeUndefined();
  });
});
