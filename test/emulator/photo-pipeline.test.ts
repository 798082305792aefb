/**
 * Photo uploads and downloads go through the same pipeline as every API call
 * (CONTRACT §8): the multipart field `Filedata` (docs page `file-upload`; `FileData`
 * accepted too), bearer auth, rate limits, the request log and injected faults.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startEmulatorProcess, type EmulatorProcess } from "../support/emulator-process";
import { client, contactBody, requestToken, type Client } from "../support/emulator-http";

/** Random bytes that start like a JPEG (FF D8 FF): the emulator takes only images. */
const randomImage = (size: number) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), randomBytes(Math.max(0, size - 3))]).subarray(0, size);

const PER_MINUTE = 3;
let emulator: EmulatorProcess;
let api: Client;
let token: string;

beforeAll(async () => {
  emulator = await startEmulatorProcess({ requestsPerMinute: PER_MINUTE });
});
afterAll(async () => {
  await emulator?.stop();
});
beforeEach(async () => {
  await emulator.reset(); // also resets the rate-limit windows
  await emulator.clearRequests();
  token = (await requestToken(emulator)).access_token;
  api = client(emulator, token);
});

/** A multipart upload; redirects are not followed (a test repeats the request itself). */
function upload(uploadUrl: string, bytes: Uint8Array, field = "Filedata", bearer: string | null = token) {
  const form = new FormData();
  form.append(field, new Blob([bytes], { type: "image/png" }), "photo.png");
  const headers: Record<string, string> = bearer === null ? {} : { authorization: `Bearer ${bearer}` };
  return fetch(uploadUrl, { method: "POST", headers, body: form, redirect: "manual" });
}

async function announced(fileSize: number): Promise<{ contactId: string; uploadUrl: string }> {
  const contact = await api.post("/contacts", contactBody());
  expect(contact.status).toBe(201);
  const reply = await api.post(`/contacts/${contact.body.contactId}/photo`, { fileName: "photo.png", fileSize });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return { contactId: contact.body.contactId, uploadUrl: reply.body.uploadUrl };
}

const storedPhotos = async () => (await emulator.state()).domains[0].photos;

describe("upload field", () => {
  it("Filedata (documented) is stored", async () => {
    const { contactId, uploadUrl } = await announced(4);
    expect((await upload(uploadUrl, randomImage(4), "Filedata")).status).toBe(200);
    expect(await storedPhotos()).toMatchObject([{ contactId, size: 4 }]);
  });

  it("FileData (one sample's spelling) is accepted too", async () => {
    const { contactId, uploadUrl } = await announced(4);
    expect((await upload(uploadUrl, randomImage(4), "FileData")).status).toBe(200);
    expect(await storedPhotos()).toMatchObject([{ contactId, size: 4 }]);
  });

  it("a file over 10485760 bytes is 400 LIMIT_EXCEEDED (code from the docs' table, ASSUMED)", async () => {
    const { uploadUrl } = await announced(10_485_760);
    const response = await upload(uploadUrl, new Uint8Array(10_485_761));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { code: string }).code).toBe("LIMIT_EXCEEDED");
    expect(await storedPhotos()).toEqual([]);
  });

  it("any other field is 400 naming Filedata, and nothing is stored", async () => {
    const { uploadUrl } = await announced(4);
    const response = await upload(uploadUrl, randomImage(4), "file");
    expect(response.status).toBe(400);
    expect(((await response.json()) as { description: string }).description).toContain("Filedata");
    expect(await storedPhotos()).toEqual([]);
  });
});

describe("the API pipeline applies to upload and download", () => {
  it("an expired token is refused on upload (403 UNAUTHORIZED) and on download", async () => {
    const { contactId, uploadUrl } = await announced(4);
    await emulator.expireTokens();
    const refused = await upload(uploadUrl, randomImage(4));
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({ code: "UNAUTHORIZED", description: expect.any(String) });
    expect(refused.headers.get("www-authenticate")).toBe('Bearer error="invalid_token"');
    const fresh = (await requestToken(emulator)).access_token;
    expect((await upload(uploadUrl, randomImage(4), "Filedata", fresh)).status).toBe(200);
    const location = (await client(emulator, fresh).get(`/contacts/${contactId}/photo`)).headers.get("location")!;
    expect((await fetch(location, { headers: { authorization: `Bearer ${token}` } })).status).toBe(403);
    expect((await fetch(location, { headers: { authorization: `Bearer ${fresh}` } })).status).toBe(200);
  });

  it("upload and download are in the request log", async () => {
    const { contactId, uploadUrl } = await announced(4);
    await upload(uploadUrl, randomImage(4));
    const location = (await api.get(`/contacts/${contactId}/photo`)).headers.get("location")!;
    await fetch(location, { headers: { authorization: `Bearer ${token}` } });
    const routes = (await emulator.requests()).filter((entry) => entry.kind === "api").map((entry) => [entry.route, entry.status]);
    expect(routes).toEqual([
      ["POST /v1.0/contacts", 201],
      ["POST /v1.0/contacts/:contactId/photo", 200],
      ["POST /storage/contact-photos/uploads/:uploadId", 200],
      ["GET /v1.0/contacts/:contactId/photo", 302],
      ["GET /storage/contact-photos/:contactId", 200],
    ]);
  });

  it("the download is rate limited per operation with rateLimit-* headers (429 past the limit)", async () => {
    const { contactId, uploadUrl } = await announced(4);
    await upload(uploadUrl, randomImage(4));
    const location = (await api.get(`/contacts/${contactId}/photo`)).headers.get("location")!;
    const statuses = [];
    for (let i = 0; i <= PER_MINUTE; i += 1) {
      const response = await fetch(location, { headers: { authorization: `Bearer ${token}` } });
      statuses.push(response.status);
      expect(response.headers.get("ratelimit-limit")).toBe(String(PER_MINUTE));
      await response.arrayBuffer();
    }
    expect(statuses).toEqual([...Array(PER_MINUTE).fill(200), 429]);
  });

  it("injected faults hit the upload: a 500 stores nothing, the same URL works once faults are off", async () => {
    const { uploadUrl } = await announced(4);
    await emulator.setFaults({ status500Rate: 1 });
    expect((await upload(uploadUrl, randomImage(4))).status).toBe(500);
    expect(await storedPhotos()).toEqual([]);
    await emulator.setFaults({});
    expect((await upload(uploadUrl, randomImage(4))).status).toBe(200);
    expect(await storedPhotos()).toHaveLength(1);
  });

  it("a redirected upload, repeated at Location with the token and the same body, stores the photo once", async () => {
    const { uploadUrl } = await announced(4);
    await emulator.setFaults({ redirectRate: 1 });
    const bytes = randomImage(4);
    const first = await upload(uploadUrl, bytes);
    expect(first.status).toBe(307);
    expect(await storedPhotos()).toEqual([]);
    expect((await upload(first.headers.get("location")!, bytes)).status).toBe(200);
    expect(await storedPhotos()).toMatchObject([{ size: 4 }]);
  });
});
