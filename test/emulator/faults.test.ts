/** Fault injection through PUT /_emulator/faults (CONTRACT §8), applied to /v1.0 calls only. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startEmulatorProcess, type EmulatorProcess } from "../support/emulator-process";
import { client, requestToken, type Client } from "../support/emulator-http";

let emulator: EmulatorProcess;
let api: Client;

beforeAll(async () => {
  emulator = await startEmulatorProcess({ requestsPerMinute: 100_000 });
  api = client(emulator, (await requestToken(emulator)).access_token);
});
afterAll(async () => {
  await emulator?.stop();
});
beforeEach(async () => {
  await emulator.reset();
  await emulator.clearRequests();
});

const tagCount = async () => (await emulator.state()).domains[0].contactTags.length;

describe("PUT /_emulator/faults", () => {
  it("status500Rate 1: every API call is 500 INTERNAL_SERVER_ERROR and nothing is applied", async () => {
    await emulator.setFaults({ status500Rate: 1 });
    const reply = await api.post("/contact-tags", { contactTagName: "x" });
    expect(reply.status).toBe(500);
    expect(reply.body).toEqual({ code: "INTERNAL_SERVER_ERROR", description: expect.any(String) });
    expect(await tagCount()).toBe(0);
  });

  it("status429Rate 1: 429 TOO_MANY_REQUESTS with rateLimit headers, not applied", async () => {
    await emulator.setFaults({ status429Rate: 1 });
    const reply = await api.post("/contact-tags", { contactTagName: "x" });
    expect(reply.status).toBe(429);
    expect(reply.body.code).toBe("TOO_MANY_REQUESTS");
    expect(reply.headers.get("ratelimit-remaining")).toBe("0");
    expect(Number(reply.headers.get("ratelimit-reset"))).toBeGreaterThan(0);
    expect(reply.headers.get("ratelimit-limit")).toBe("100000");
    expect(await tagCount()).toBe(0);
  });

  it("dropConnectionRate 1: the write is applied and the connection is dropped without a response", async () => {
    await emulator.setFaults({ dropConnectionRate: 1 });
    await expect(api.post("/contact-tags", { contactTagName: "ambiguous" })).rejects.toThrow();
    expect(await tagCount()).toBe(1);
    const [entry] = await emulator.requests();
    expect(entry).toMatchObject({ route: "POST /v1.0/contact-tags", status: 201, dropped: true });
  });

  it("latencyMs delays API calls", async () => {
    await emulator.setFaults({ latencyMs: [300, 300] });
    expect((await api.get("/contact-tags")).status).toBe(200);
    // A floor, not a budget: the emulator's own record of the call (arrival to answer) holds the
    // injected wait, however slow the machine; no client-side clock.
    const [entry] = await emulator.requests();
    expect(entry).toMatchObject({ route: "GET /v1.0/contact-tags", status: 200 });
    expect(entry!.latencyMs).toBeGreaterThanOrEqual(300);
  });

  it("faults do not touch the token endpoint or /_emulator", async () => {
    await emulator.setFaults({ status500Rate: 1 });
    await requestToken(emulator);
    expect((await fetch(`${emulator.url}/_emulator/health`)).status).toBe(200);
  });

  it("{} turns faults off", async () => {
    await emulator.setFaults({ status500Rate: 1 });
    await emulator.setFaults({});
    expect((await api.get("/contact-tags")).status).toBe(200);
  });

  it("with a seed, the same faults hit the same calls", async () => {
    const run = async () => {
      await emulator.setFaults({ status500Rate: 0.5, seed: 42 });
      const statuses = [];
      for (let i = 0; i < 16; i += 1) statuses.push((await api.get("/contact-tags")).status);
      return statuses;
    };
    const first = await run();
    expect(first).toContain(500);
    expect(first).toContain(200);
    expect(await run()).toEqual(first);
  });

  it("rejects invalid settings (400)", async () => {
    for (const body of [{ status500Rate: 2 }, { latencyMs: [50, 5] }, { unknown: 1 }]) {
      const response = await fetch(`${emulator.url}/_emulator/faults`, {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      expect(response.status).toBe(400);
    }
  });

  it("reset turns faults off", async () => {
    await emulator.setFaults({ status500Rate: 1 });
    await emulator.reset();
    expect((await api.get("/contact-tags")).status).toBe(200);
  });
});
