/**
 * The client's side of the app's limits, without a server: the concurrency gate (a bound on the
 * exchanges in flight, granted in order), its config key, the message of a create refused by the
 * company's contact cap, and the tolerant reading of `messenger[].protocol.type`.
 */
import { describe, expect, it } from "vitest";
import { ConcurrencyGate, GateRegistry, ungated, WIDEN_AFTER } from "../../../provider/client/concurrency";
import { ClientConfigError, DEFAULT_MAX_CONCURRENT_REQUESTS, makeClientConfig, resolveClientConfig } from "../../../provider/client/config";
import { responseError } from "../../../provider/client/call-errors";
import { RollingWindowLimiter } from "../../../provider/client/rate-limiter";
import { contactResponse } from "../../../provider/client/wire";

const JWT_FREE = { accessToken: "t" };

describe("ConcurrencyGate", () => {
  it("never lets more than `limit` run at once and grants places in arrival order", async () => {
    const gate = new ConcurrencyGate(3);
    const order: number[] = [];
    const releases: Array<() => void> = [];
    const runs = Array.from({ length: 7 }, (_, i) =>
      gate.run(async () => {
        order.push(i);
        await new Promise<void>((resolve) => releases.push(resolve));
        return i;
      }),
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual([0, 1, 2]);
    expect(gate.inFlight).toBe(3);
    for (let released = 0; released < 7; released++) {
      releases[released]!();
      await new Promise((resolve) => setImmediate(resolve));
      expect(gate.inFlight).toBeLessThanOrEqual(3);
    }
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(gate.peak).toBe(3);
    expect(gate.inFlight).toBe(0);
  });

  it("frees the place of a failed exchange", async () => {
    const gate = new ConcurrencyGate(1);
    await expect(gate.run(async () => Promise.reject(new Error("lost")))).rejects.toThrow("lost");
    expect(await gate.run(async () => "next")).toBe("next");
  });

  it("a 429 for requests in flight narrows it by one place (not below 1); answers served widen it back up to the bound", () => {
    const gate = new ConcurrencyGate(8);
    for (let i = 0; i < 5; i++) gate.congested();
    expect(gate.width).toBe(3);
    for (let i = 0; i < 10; i++) gate.congested();
    expect(gate.width).toBe(1);
    for (let i = 0; i < WIDEN_AFTER - 1; i++) gate.served();
    expect(gate.width).toBe(1);
    gate.served();
    expect(gate.width).toBe(2);
    for (let i = 0; i < WIDEN_AFTER * 20; i++) gate.served();
    expect(gate.width).toBe(8);
  });

  it("a narrowed gate holds the others back; widening lets a waiting exchange in", async () => {
    const gate = new ConcurrencyGate(2);
    gate.congested();
    let release!: () => void;
    const first = gate.run(() => new Promise<void>((resolve) => (release = resolve)));
    let secondRan = false;
    const second = gate.run(async () => {
      secondRan = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(secondRan).toBe(false);
    for (let i = 0; i < WIDEN_AFTER; i++) gate.served();
    await second;
    expect(secondRan).toBe(true);
    release();
    await first;
  });

  it("one gate per API and identity in a registry; 0 turns the bound off", () => {
    const gates = new GateRegistry();
    expect(gates.get("a", 4)).toBe(gates.get("a", 4));
    expect(gates.get("a", 4)).not.toBe(gates.get("b", 4));
    expect(gates.get("a", 0)).toBe(ungated);
    expect(() => new ConcurrencyGate(0)).toThrow(RangeError);
  });
});

describe("a request refused with 429 does not spend the per-minute quota", () => {
  it("its grant is refunded and the room goes to the next request at once", async () => {
    const limiter = new RollingWindowLimiter(2, 3_600_000);
    const first = await limiter.acquire();
    await limiter.acquire();
    let third = false;
    const waiting = limiter.acquire().then(() => (third = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(third).toBe(false);
    first.refund();
    first.refund(); // once only
    await waiting;
    expect(limiter.inWindow()).toBe(2);
  });
});

describe("lineworks:maxConcurrentRequests", () => {
  it("defaults below the API's assumed 10, reads the config key or LINEWORKS_MAX_CONCURRENT_REQUESTS, and refuses nonsense", () => {
    expect(DEFAULT_MAX_CONCURRENT_REQUESTS).toBeLessThan(10);
    expect(makeClientConfig(JWT_FREE).maxConcurrentRequests).toBe(DEFAULT_MAX_CONCURRENT_REQUESTS);
    const fromKey = resolveClientConfig({ get: (key) => ({ "lineworks:accessToken": "t", "lineworks:maxConcurrentRequests": "4" })[key] }, {});
    expect(fromKey.maxConcurrentRequests).toBe(4);
    const fromEnv = resolveClientConfig({ get: () => undefined }, { LINEWORKS_ACCESS_TOKEN: "t", LINEWORKS_MAX_CONCURRENT_REQUESTS: "0" });
    expect(fromEnv.maxConcurrentRequests).toBe(0);
    expect(() => makeClientConfig({ ...JWT_FREE, maxConcurrentRequests: "many" })).toThrow(ClientConfigError);
    expect(() => makeClientConfig({ ...JWT_FREE, maxConcurrentRequests: "many" })).toThrow(/lineworks:maxConcurrentRequests \(LINEWORKS_MAX_CONCURRENT_REQUESTS\)/);
  });
});

describe("a create refused by the company's contact cap", () => {
  const answer = (status: number, body: unknown) => ({ status, headers: {}, body: Buffer.from(JSON.stringify(body)) });
  const context = { authMode: "jwt" as const, grantedScope: "contact", timeoutMs: 1000, apiBaseUrl: "https://api.example/v1.0" };

  it("names the cap and the trash, and says nothing was created", () => {
    const error = responseError(
      { method: "POST", template: "/contacts", json: {} },
      answer(403, { code: "LIMIT_EXCEEDED", description: "over the limit" }),
      1,
      context,
    );
    expect(error.message).toMatch(/cap on external \(customer\/client\) contacts/);
    expect(error.message).toMatch(/contacts in the contacts trash count/);
    expect(error.message).toMatch(/Empty the trash/);
    expect(error.message).toMatch(/Nothing was created/);
  });

  it("other 403s keep their own hints", () => {
    const forbidden = responseError({ method: "POST", template: "/contacts", json: {} }, answer(403, { code: "FORBIDDEN" }), 1, context);
    expect(forbidden.message).not.toMatch(/trash/);
    const tagLimit = responseError({ method: "POST", template: "/contact-tags", json: {} }, answer(403, { code: "LIMIT_EXCEEDED" }), 1, context);
    expect(tagLimit.message).not.toMatch(/trash/);
  });
});

describe("messenger[].protocol.type", () => {
  const base = { contactId: "c1", permission: { accessibleRange: "ALL", masterUserId: "u" }, contactName: { lastName: "A" } };

  it("reads as messengers[].type, keeping the item's other fields", () => {
    const read = contactResponse.parse({
      ...base,
      messenger: [
        { protocol: { type: "LINE" }, id: "l-1", primary: true, extra: 1 },
        { protocol: { type: "CUSTOM", customType: "Signal" }, id: "s-1" },
      ],
    });
    expect(read.messengers).toEqual([
      { type: "LINE", id: "l-1", primary: true, extra: 1 },
      { type: "CUSTOM", customType: "Signal", id: "s-1" },
    ]);
    expect((read as Record<string, unknown>).messenger).toBeUndefined();
  });

  it("the documented spelling, a mix, and TWITTER still read as before", () => {
    expect(contactResponse.parse({ ...base, messengers: [{ type: "X", id: "x" }] }).messengers).toEqual([{ type: "X", id: "x" }]);
    expect(contactResponse.parse({ ...base, messengers: [{ protocol: { type: "TWITTER" }, id: "t" }] }).messengers).toEqual([{ type: "X", id: "t" }]);
    expect(contactResponse.parse({ ...base, messenger: null }).messengers ?? []).toEqual([]);
  });
});
