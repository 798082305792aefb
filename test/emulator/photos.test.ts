/**
 * Contact photos (lineworks-api.md photo rows): POST {fileName, fileSize} ->
 * {uploadUrl}; multipart upload with field Filedata and the bearer token; GET ->
 * 302 Location serving the bytes; 404 without a photo; DELETE 204.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startEmulatorProcess, type EmulatorProcess } from "../support/emulator-process";
import { client, contactBody, requestToken, type Client } from "../support/emulator-http";

/** Random bytes that start like a JPEG (FF D8 FF): the emulator takes only images. */
const randomImage = (size: number) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), randomBytes(Math.max(0, size - 3))]).subarray(0, size);

let emulator: EmulatorProcess;
let api: Client;
let token: string;

beforeAll(async () => {
  emulator = await startEmulatorProcess({ requestsPerMinute: 100_000 });
  token = (await requestToken(emulator)).access_token;
  api = client(emulator, token);
});
afterAll(async () => {
  await emulator?.stop();
});
beforeEach(async () => {
  await emulator.reset();
});

async function newContact(): Promise<string> {
  const reply = await api.post("/contacts", contactBody());
  expect(reply.status).toBe(201);
  return reply.body.contactId;
}

function upload(uploadUrl: string, bytes: Uint8Array, options: { field?: string; bearer?: string | null } = {}) {
  const form = new FormData();
  form.append(options.field ?? "Filedata", new Blob([bytes], { type: "image/jpeg" }), "photo.jpg");
  const headers: Record<string, string> = {};
  const bearer = options.bearer === undefined ? token : options.bearer;
  if (bearer !== null) headers.authorization = `Bearer ${bearer}`;
  return fetch(uploadUrl, { method: "POST", headers, body: form });
}

async function announce(contactId: string, fileSize: number, fileName = "photo.jpg"): Promise<string> {
  const reply = await api.post(`/contacts/${contactId}/photo`, { fileName, fileSize });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  expect(Object.keys(reply.body)).toEqual(["uploadUrl"]);
  return reply.body.uploadUrl;
}

describe("photo upload and download", () => {
  it("uploads in two steps and GET redirects (302) to a URL serving the bytes", async () => {
    const contactId = await newContact();
    const bytes = randomImage(2048);
    const uploadUrl = await announce(contactId, bytes.length);
    expect(uploadUrl.startsWith(emulator.url)).toBe(true);
    expect((await upload(uploadUrl, bytes)).status).toBe(200);

    const reply = await api.get(`/contacts/${contactId}/photo`);
    expect(reply.status).toBe(302);
    const location = reply.headers.get("location")!;
    expect(location).toBeTruthy();
    const download = await fetch(location, { headers: { authorization: `Bearer ${token}` } });
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("image/jpeg");
    expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it("a fetch that follows the redirect with the token gets the bytes", async () => {
    const contactId = await newContact();
    const bytes = randomImage(100);
    await upload(await announce(contactId, bytes.length), bytes);
    const followed = await fetch(`${emulator.apiBaseUrl}/contacts/${contactId}/photo`, { headers: { authorization: `Bearer ${token}` } });
    expect(followed.status).toBe(200);
    expect(Buffer.from(await followed.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it("a new upload replaces the photo", async () => {
    const contactId = await newContact();
    await upload(await announce(contactId, 10), randomImage(10));
    const second = randomImage(20);
    await upload(await announce(contactId, 20), second);
    const location = (await api.get(`/contacts/${contactId}/photo`)).headers.get("location")!;
    const download = await fetch(location, { headers: { authorization: `Bearer ${token}` } });
    expect(Buffer.from(await download.arrayBuffer()).equals(second)).toBe(true);
  });

  it("GET photo is 404 when the contact has no photo", async () => {
    const contactId = await newContact();
    const reply = await api.get(`/contacts/${contactId}/photo`);
    expect(reply.status).toBe(404);
    expect(reply.body.code).toBe("NOT_FOUND");
  });

  it("DELETE photo answers 204, then GET is 404", async () => {
    const contactId = await newContact();
    await upload(await announce(contactId, 5), randomImage(5));
    expect((await api.delete(`/contacts/${contactId}/photo`)).status).toBe(204);
    expect((await api.get(`/contacts/${contactId}/photo`)).status).toBe(404);
    expect((await api.delete(`/contacts/${contactId}/photo`)).status).toBe(404);
  });

  it("photo operations on an unknown contact are 404", async () => {
    const unknown = "00000000-0000-0000-0000-000000000000";
    expect((await api.post(`/contacts/${unknown}/photo`, { fileName: "a.jpg", fileSize: 1 })).status).toBe(404);
    expect((await api.get(`/contacts/${unknown}/photo`)).status).toBe(404);
    expect((await api.delete(`/contacts/${unknown}/photo`)).status).toBe(404);
  });
});

describe("photo validation", () => {
  it.each([
    ["fileSize 0", { fileName: "a.jpg", fileSize: 0 }],
    ["fileSize over 10485760", { fileName: "a.jpg", fileSize: 10_485_761 }],
    ["no fileName", { fileSize: 10 }],
    ["no fileSize", { fileName: "a.jpg" }],
  ])("POST photo with %s is 400", async (_name, body) => {
    const contactId = await newContact();
    const reply = await api.post(`/contacts/${contactId}/photo`, body);
    expect(reply.status).toBe(400);
    expect(reply.body.code).toBe("INVALID_PARAMETER");
  });

  it("fileSize 10485760 is accepted", async () => {
    await announce(await newContact(), 10_485_760);
  });

  it("the upload needs the bearer token", async () => {
    const uploadUrl = await announce(await newContact(), 10);
    expect((await upload(uploadUrl, randomImage(10), { bearer: null })).status).toBe(401);
  });

  it("the upload needs the Filedata field", async () => {
    const uploadUrl = await announce(await newContact(), 10);
    expect((await upload(uploadUrl, randomImage(10), { field: "file" })).status).toBe(400);
  });

  it("the upload may not exceed the announced fileSize", async () => {
    const uploadUrl = await announce(await newContact(), 10);
    expect((await upload(uploadUrl, randomImage(11))).status).toBe(400);
  });

  it("an upload URL works once", async () => {
    const uploadUrl = await announce(await newContact(), 10);
    expect((await upload(uploadUrl, randomImage(10))).status).toBe(200);
    expect((await upload(uploadUrl, randomImage(10))).status).toBe(404);
  });

  it("the download URL needs the bearer token", async () => {
    const contactId = await newContact();
    await upload(await announce(contactId, 10), randomImage(10));
    const location = (await api.get(`/contacts/${contactId}/photo`)).headers.get("location")!;
    expect((await fetch(location)).status).toBe(401);
  });

  it("forcedelete removes the photo", async () => {
    const contactId = await newContact();
    await upload(await announce(contactId, 10), randomImage(10));
    await api.delete(`/contacts/${contactId}/forcedelete`);
    expect((await emulator.state()).domains[0].photos).toEqual([]);
  });
});
