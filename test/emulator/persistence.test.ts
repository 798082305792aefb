/** --data FILE (CONTRACT §4): state, key pair and tokens survive a restart; writes are atomic. */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI_PATH, startEmulatorProcess, type EmulatorProcess } from "../support/emulator-process";
import { waitFor } from "../support/wait-for";
import { api, client, contactBody, requestToken } from "../support/emulator-http";

/** Random bytes that start like a JPEG (FF D8 FF): the emulator takes only images. */
const randomImage = (size: number) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), randomBytes(Math.max(0, size - 3))]).subarray(0, size);

let directory: string;
const running: EmulatorProcess[] = [];

async function start(dataFile: string) {
  const emulator = await startEmulatorProcess({ dataFile });
  running.push(emulator);
  return emulator;
}

beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), "emulator-data-"));
});
afterAll(async () => {
  for (const emulator of running) await emulator.kill();
  rmSync(directory, { recursive: true, force: true });
});

describe("--data FILE", () => {
  it("keeps objects, photos, the key pair and issued tokens across a restart", async () => {
    const dataFile = join(directory, "state.json");
    const first = await start(dataFile);
    const credentials = await first.credentials();
    const tokens = await requestToken(first);
    const api1 = client(first, tokens.access_token);
    const tag = (await api1.post("/contact-tags", { contactTagName: "VIP" })).body;
    const property = (
      await api1.post("/contacts/custom-properties", { domainId: credentials.domainId, propertyName: "crm", displayName: "CRM", propertyType: "LINK" })
    ).body;
    const contact = (
      await api1.post("/contacts", contactBody({ contactTagIds: [tag.contactTagId], customProperties: { crm: { text: "CRM", link: "https://crm.example/1" } } }))
    ).body;
    const bytes = randomImage(64);
    const { uploadUrl } = (await api1.post(`/contacts/${contact.contactId}/photo`, { fileName: "a.png", fileSize: 64 })).body;
    const form = new FormData();
    form.append("Filedata", new Blob([bytes]), "a.png");
    expect((await fetch(uploadUrl, { method: "POST", headers: { authorization: `Bearer ${tokens.access_token}` }, body: form })).status).toBe(200);
    const trashed = (await api1.post("/contacts", contactBody())).body;
    await api1.delete(`/contacts/${trashed.contactId}`);
    expect(await first.stop()).toBe(0);

    const second = await start(dataFile);
    expect(await second.credentials()).toEqual(credentials);
    // A token issued before the restart still works.
    const api2 = client(second, tokens.access_token);
    expect((await api2.get(`/contacts/${contact.contactId}`)).body).toEqual(contact);
    expect((await api2.get(`/contact-tags/${tag.contactTagId}`)).body).toEqual(tag);
    expect((await api2.get(`/contacts/custom-properties/crm?domainId=${credentials.domainId}`)).body).toEqual(property);
    expect((await api2.get(`/contacts/${trashed.contactId}`)).status).toBe(404);
    const download = await fetch(`${second.apiBaseUrl}/contacts/${contact.contactId}/photo`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);
    // The refresh token too.
    const refreshed = await fetch(second.authUrl, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: tokens.refresh_token, client_id: credentials.clientId, client_secret: credentials.clientSecret }),
    });
    expect(refreshed.status).toBe(200);
    await second.stop();
  });

  it("writes shortly after a change, so a killed process loses nothing written before", async () => {
    const dataFile = join(directory, "killed.json");
    const first = await start(dataFile);
    const tokens = await requestToken(first);
    const tag = (await api(first, tokens.access_token, "POST", "/contact-tags", { contactTagName: "Kept" })).body;
    // No fixed wait: the change reaches the file by itself (no stop, no flush asked for).
    await waitFor("the tag in the data file", () => existsSync(dataFile) && readFileSync(dataFile, "utf8").includes(tag.contactTagId));
    await first.kill();
    const second = await start(dataFile);
    expect((await api(second, tokens.access_token, "GET", `/contact-tags/${tag.contactTagId}`)).status).toBe(200);
    await second.stop();
  });

  it("the key pair generated at first start is kept even with no change", async () => {
    const dataFile = join(directory, "keys.json");
    const first = await start(dataFile);
    const key = (await first.credentials()).privateKey;
    await first.kill();
    const second = await start(dataFile);
    expect((await second.credentials()).privateKey).toBe(key);
    await second.stop();
  });

  it("the file is JSON, holds no access token in clear, and no temporary file is left", async () => {
    const dataFile = join(directory, "clean.json");
    const emulator = await start(dataFile);
    const tokens = await requestToken(emulator);
    await api(emulator, tokens.access_token, "POST", "/contact-tags", { contactTagName: "x" });
    await emulator.stop();
    const text = readFileSync(dataFile, "utf8");
    expect(() => JSON.parse(text)).not.toThrow();
    expect(text).not.toContain(tokens.access_token);
    expect(text).not.toContain(tokens.refresh_token);
    expect(readdirSync(directory).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });

  it("a corrupt data file is refused with a one-line reason", () => {
    const dataFile = join(directory, "corrupt.json");
    writeFileSync(dataFile, "{ not json");
    const result = spawnSync(process.execPath, [CLI_PATH, "emulator", "--port", "0", "--data", dataFile], { encoding: "utf8", timeout: 20_000 });
    expect(result.status).not.toBe(0);
    expect(result.stdout).toBe("");
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toContain(dataFile);
  });
});
