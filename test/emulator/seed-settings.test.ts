/**
 * Per-domain seed settings: the app's refresh-token rotation (lineworks-api.md
 * "Authentication" 3: ON, a new refresh token and the old one stops working; OFF, the
 * same one is returned) and tags turned off (POST /contact-tags row: 403 "available
 * only when tags are enabled").
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulatorProcess, type EmulatorProcess } from "../support/emulator-process";
import { client, contactBody, postForm, requestToken, type TokenSet } from "../support/emulator-http";

const ROTATING = 30000001;
const FIXED = 30000002;
const NO_TAGS = 30000003;

let emulator: EmulatorProcess;
let directory: string;

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), "emulator-seed-settings-"));
  const seedFile = join(directory, "seed.yaml");
  writeFileSync(
    seedFile,
    [
      "domains:",
      `  - { domainId: ${ROTATING}, clientId: rotating, clientSecret: s1, serviceAccount: a@x.example, members: [admin@example.com] }`,
      `  - { domainId: ${FIXED}, clientId: fixed, clientSecret: s2, serviceAccount: b@x.example, members: [admin@example.com], refreshTokenRotation: false }`,
      `  - { domainId: ${NO_TAGS}, clientId: notags, clientSecret: s3, serviceAccount: c@x.example, members: [admin@example.com, sales@example.com], tagsEnabled: false }`,
      "",
    ].join("\n"),
  );
  emulator = await startEmulatorProcess({ seedFile, requestsPerMinute: 100_000 });
});
afterAll(async () => {
  await emulator?.stop();
  rmSync(directory, { recursive: true, force: true });
});

async function refresh(domainId: number, refreshToken: string) {
  const credentials = await emulator.credentials(domainId);
  return postForm(emulator.authUrl, {
    grant_type: "refresh_token",
    refresh_token: refreshToken,
    client_id: credentials.clientId,
    client_secret: credentials.clientSecret,
  });
}

describe("refreshTokenRotation", () => {
  it("default (on): a refresh returns a new refresh token and the old one stops working", async () => {
    const tokens: TokenSet = await requestToken(emulator, "contact", ROTATING);
    const first = await refresh(ROTATING, tokens.refresh_token);
    expect(first.status).toBe(200);
    expect(first.body.refresh_token).not.toBe(tokens.refresh_token);
    expect((await client(emulator, first.body.access_token).get("/contacts")).status).toBe(200);
    const reused = await refresh(ROTATING, tokens.refresh_token);
    expect(reused.status).toBe(400);
    expect(reused.body.error).toBe("invalid_grant");
    expect((await refresh(ROTATING, first.body.refresh_token)).status).toBe(200);
  });

  it("false: a refresh returns the same refresh token, which keeps working", async () => {
    const tokens: TokenSet = await requestToken(emulator, "contact", FIXED);
    const first = await refresh(FIXED, tokens.refresh_token);
    expect(first.status).toBe(200);
    expect(first.body.refresh_token).toBe(tokens.refresh_token);
    expect(first.body.access_token).not.toBe(tokens.access_token);
    const second = await refresh(FIXED, tokens.refresh_token);
    expect(second.status).toBe(200);
    expect(second.body.refresh_token).toBe(tokens.refresh_token);
    expect((await client(emulator, second.body.access_token).get("/contacts")).status).toBe(200);
  });
});

describe("tagsEnabled: false", () => {
  it("every tag call is 403 FORBIDDEN, before the body is looked at; contacts still work", async () => {
    const api = client(emulator, (await requestToken(emulator, "contact", NO_TAGS)).access_token);
    const replies = [
      await api.post("/contact-tags", { contactTagName: "VIP" }),
      await api.post("/contact-tags", { contactTagName: "" }),
      await api.get("/contact-tags"),
      await api.get("/contact-tags/ctag0000-0000-0000-0000-000000000000"),
      await api.put("/contact-tags/ctag0000-0000-0000-0000-000000000000", { contactTagName: "x" }),
      await api.patch("/contact-tags/ctag0000-0000-0000-0000-000000000000", { contactTagName: "x" }),
      await api.delete("/contact-tags/ctag0000-0000-0000-0000-000000000000"),
      await api.post("/users/sales@example.com/contact-tags", { contactTagName: "Mine" }),
      await api.get("/users/sales@example.com/contact-tags"),
    ];
    for (const reply of replies) {
      expect(reply.status, JSON.stringify(reply.body)).toBe(403);
      expect(reply.body).toEqual({ code: "FORBIDDEN", description: expect.stringContaining("tags are enabled") });
    }
    const contact = await api.post("/contacts", contactBody());
    expect(contact.status).toBe(201);
    expect((await api.get(`/contacts/${contact.body.contactId}`)).body.contactTagIds).toEqual([]);
  });

  it("another domain of the same emulator keeps its tags", async () => {
    const api = client(emulator, (await requestToken(emulator, "contact", ROTATING)).access_token);
    expect((await api.post("/contact-tags", { contactTagName: "VIP" })).status).toBe(201);
  });
});
