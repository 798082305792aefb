/**
 * Against the emulator process: it refuses an upload that is not an image (400
 * INVALID_PARAMETER) and takes GIF and BMP; an app given only contact.read cannot get a contact
 * token; the request log and the dashboard's feed show the scope of the token behind each call;
 * and the client asks for contact.read until it writes, and never writes under a pinned
 * contact.read.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createContactApiClient, LineWorksApiError, makeClientConfig, ReadOnlyScopeError, type Scope } from "../../../provider/client";
import { assertion, postForm, requestToken } from "../../support/emulator-http";
import { writes } from "../../support/cli-runs";
import { startEmulatorProcess, type EmulatorProcess } from "../../support/emulator-process";
import { FULL_DOMAIN, READ_ONLY_DOMAIN, writeLeastPrivilegeSeed } from "./least-privilege-seed";

let emulator: EmulatorProcess;
let seedFile: string;

beforeAll(async () => {
  seedFile = writeLeastPrivilegeSeed();
  emulator = await startEmulatorProcess({ seedFile });
});
afterAll(async () => {
  await emulator?.stop();
  fs.rmSync(path.dirname(seedFile), { recursive: true, force: true });
});

async function clientOf(domainId: number, scope?: Scope) {
  const credentials = await emulator.credentials(domainId);
  const config = makeClientConfig({ ...credentials, apiBaseUrl: emulator.apiBaseUrl, authUrl: emulator.authUrl });
  return createContactApiClient(config, { requestsPerMinute: 0, maxRetries: 0, ...(scope ? { scope } : {}) });
}

const contact = (name: string) => ({
  permission: { masterUserId: "admin@example.com", accessibleRange: "ALL" as const },
  contactName: { lastName: name },
  emails: [{ email: `${name}@least-privilege.example`, primary: true }],
});

describe("the emulator's photo upload takes images only", () => {
  async function upload(bytes: Buffer): Promise<{ status: number; body: any }> {
    const { access_token: token } = await requestToken(emulator, "contact", FULL_DOMAIN);
    const auth = { authorization: `Bearer ${token}` };
    const created = await fetch(`${emulator.apiBaseUrl}/contacts`, {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify(contact(`upload${Math.random().toString(36).slice(2, 8)}`)),
    });
    const { contactId } = (await created.json()) as { contactId: string };
    const announced = await fetch(`${emulator.apiBaseUrl}/contacts/${contactId}/photo`, {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify({ fileName: "face.jpg", fileSize: bytes.length }),
    });
    const { uploadUrl } = (await announced.json()) as { uploadUrl: string };
    const form = new FormData();
    form.append("Filedata", new Blob([bytes], { type: "image/jpeg" }), "face.jpg");
    const response = await fetch(uploadUrl, { method: "POST", headers: auth, body: form });
    return { status: response.status, body: await response.json() };
  }

  it("refuses text named .jpg with 400 INVALID_PARAMETER, and takes GIF and BMP", async () => {
    const refused = await upload(Buffer.from("ssh-rsa AAAA... not an image\n"));
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({ code: "INVALID_PARAMETER", description: "the uploaded file is not a JPEG, PNG, GIF or BMP image" });
    expect((await upload(Buffer.from("GIF89a\x01\x00\x01\x00", "latin1"))).status).toBe(200);
    expect((await upload(Buffer.from("BM\x3a\x00\x00\x00", "latin1"))).status).toBe(200);
  });
});

describe("scopes", () => {
  it("an app given only contact.read is refused a contact token (400 invalid_scope) and granted contact.read", async () => {
    const credentials = await emulator.credentials(READ_ONLY_DOMAIN);
    const ask = async (scope: string) =>
      postForm(emulator.authUrl, {
        assertion: await assertion(credentials),
        grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer",
        client_id: credentials.clientId,
        client_secret: credentials.clientSecret,
        scope,
      });
    const refused = await ask("contact");
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ error: "invalid_scope", error_description: "scope contact is not granted to this app" });
    expect((await ask("contact.read")).body).toMatchObject({ scope: "contact.read" });
  });

  it("the client reads with contact.read, writes with contact; the log and the dashboard's feed show each call's scope", async () => {
    const api = await clientOf(FULL_DOMAIN);
    await emulator.clearRequests();
    await api.listCustomProperties();
    const created = await api.createContact(contact("writer"));
    await api.getContact(created.contactId);
    const log = await emulator.requests();
    expect(log.filter((entry) => entry.kind === "token").map((entry) => `${entry.scope} ${entry.status}`)).toEqual(["contact.read 200", "contact 200"]);
    const api0 = log.filter((entry) => entry.kind === "api");
    expect(api0[0]).toMatchObject({ method: "GET", scope: "contact.read" });
    expect(writes(log).map((entry) => entry.scope)).toEqual(["contact"]);
    const feed = (await (await fetch(`${emulator.url}/_emulator/requests/recent`)).json()) as { entries: Array<{ scope?: string }> };
    expect(feed.entries.map((entry) => entry.scope).sort()).toEqual(api0.map((entry) => entry.scope).sort());
    expect(await (await fetch(`${emulator.url}/_emulator/ui`)).text()).toContain("<th>Token scope</th>");
    // The feed (token requests included) shows scopes, never a credential.
    const credentials = await emulator.credentials(FULL_DOMAIN);
    const withTokens = await (await fetch(`${emulator.url}/_emulator/requests/recent?include=token`)).text();
    expect(withTokens).toContain('"scope":"contact"');
    for (const secret of [credentials.clientSecret, ...credentials.privateKey.split("\n").filter((line) => line.length > 20 && !line.startsWith("-----"))]) {
      expect(withTokens).not.toContain(secret);
    }
  });

  it("a pinned contact.read never sends a write; the read-only app fails at the token endpoint naming the scope", async () => {
    const pinned = await clientOf(FULL_DOMAIN, "contact.read");
    await emulator.clearRequests();
    const error = await pinned.createCompanyTag("never").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReadOnlyScopeError);
    expect((error as Error).message).toContain("Grant the app the scope contact");
    expect(await emulator.requests()).toEqual([]);

    const reader = await clientOf(READ_ONLY_DOMAIN);
    expect(await reader.listCustomProperties()).toEqual([]);
    const refused = (await reader.createCompanyTag("never").catch((e: unknown) => e)) as LineWorksApiError;
    expect(refused).toBeInstanceOf(LineWorksApiError);
    expect(refused.code).toBe("invalid_scope");
    expect(refused.message).toContain("The app is not granted the scope contact (read and write, needed to apply changes)");
    const log = await emulator.requests();
    expect(writes(log)).toEqual([]);
    expect(log.filter((entry) => entry.kind === "token").map((entry) => `${entry.scope} ${entry.status}`)).toEqual(["contact.read 200", "contact 400"]);
  });
});
