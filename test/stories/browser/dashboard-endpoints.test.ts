/**
 * The read-only admin data the dashboard adds (emulator/routes/dashboard.ts), over plain HTTP
 * against an emulator process: rate-limit use per operation, the newest log entries by status,
 * photo bytes; none of them is logged or counted against the rate limit.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { client, contactBody, requestToken, type Client } from "../../support/emulator-http";
import { startEmulatorProcess, type EmulatorProcess } from "../../support/emulator-process";

const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

async function get(emulator: EmulatorProcess, path: string) {
  const response = await fetch(`${emulator.url}${path}`);
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

describe("the dashboard's admin data", () => {
  let emulator: EmulatorProcess;
  let token: string;
  let api: Client;

  beforeAll(async () => {
    emulator = await startEmulatorProcess({ requestsPerMinute: 50 });
    token = (await requestToken(emulator)).access_token;
    api = client(emulator, token);
  });
  afterAll(async () => {
    await emulator?.stop();
  });

  it("reports the rate-limit use per operation of the current window, and a state version that changes with the data", async () => {
    const version = async () => JSON.parse((await get(emulator, "/_emulator/state/version")).bytes.toString()).version as number;
    const before = await version();
    for (let i = 0; i < 3; i += 1) expect((await api.get("/contact-tags")).status).toBe(200);
    expect(await version()).toBe(before);
    expect((await api.post("/contact-tags", { contactTagName: "一" })).status).toBe(201);
    expect(await version()).toBeGreaterThan(before);
    const { requestsPerMinute, windows } = JSON.parse((await get(emulator, "/_emulator/rate-limits")).bytes.toString());
    expect(requestsPerMinute).toBe(50);
    const byOperation = Object.fromEntries(windows.map((w: any) => [w.operation, w]));
    expect(byOperation["GET /v1.0/contact-tags"]).toMatchObject({ domainId: 10000001, used: 3, limit: 50 });
    expect(byOperation["POST /v1.0/contact-tags"]).toMatchObject({ used: 1 });
    expect(byOperation["GET /v1.0/contact-tags"].resetSeconds).toBeGreaterThan(0);
  });

  it("lists the newest log entries first, by status, with their latency", async () => {
    await emulator.clearRequests();
    expect((await api.get("/contact-tags/no-such-tag")).status).toBe(404);
    expect((await api.get("/contact-tags")).status).toBe(200);
    const all = JSON.parse((await get(emulator, "/_emulator/requests/recent")).bytes.toString());
    expect(all.total).toBe(2);
    expect(all.entries.map((e: any) => e.status)).toEqual([200, 404]);
    for (const entry of all.entries) expect(entry.latencyMs).toBeGreaterThanOrEqual(0);
    const errors = JSON.parse((await get(emulator, "/_emulator/requests/recent?status=4xx&limit=5")).bytes.toString());
    expect(errors).toMatchObject({ total: 2, matched: 1 });
    expect(errors.entries.map((e: any) => e.path)).toEqual(["/v1.0/contact-tags/no-such-tag"]);
    expect((await get(emulator, "/_emulator/requests/recent?status=teapot")).status).toBe(400);
    expect((await get(emulator, "/_emulator/requests/recent?limit=0")).status).toBe(400);
  });

  it("serves a stored photo's bytes to the page, and 404 for a contact without one", async () => {
    const contact = await api.post("/contacts", contactBody());
    expect(contact.status).toBe(201);
    const contactId = contact.body.contactId as string;
    const announced = await api.post(`/contacts/${contactId}/photo`, { fileName: "dot.png", fileSize: PNG.length });
    expect(announced.status, JSON.stringify(announced.body)).toBe(200);
    const form = new FormData();
    form.append("Filedata", new Blob([PNG], { type: "image/png" }), "dot.png");
    const uploaded = await fetch(announced.body.uploadUrl, { method: "POST", headers: { authorization: `Bearer ${token}` }, body: form });
    expect(uploaded.ok).toBe(true);

    const photo = await get(emulator, `/_emulator/photos/10000001/${contactId}`);
    expect(photo.status).toBe(200);
    expect(photo.headers.get("content-type")).toMatch(/^image\//);
    expect(photo.headers.get("x-content-type-options")).toBe("nosniff");
    expect(photo.bytes.equals(PNG)).toBe(true);
    expect((await get(emulator, "/_emulator/photos/10000001/no-such-contact")).status).toBe(404);
    expect((await get(emulator, `/_emulator/photos/99999999/${contactId}`)).status).toBe(404);
  });

  it("is neither logged nor rate limited", async () => {
    await emulator.clearRequests();
    for (let i = 0; i < 60; i += 1) expect((await get(emulator, "/_emulator/rate-limits")).status).toBe(200);
    for (const path of ["/_emulator/ui", "/_emulator/ui/app.js", "/_emulator/ui/app.css", "/_emulator/state/version", "/_emulator/requests/recent"]) {
      expect((await get(emulator, path)).status, path).toBe(200);
    }
    expect(await emulator.requests()).toEqual([]);
  });
});
