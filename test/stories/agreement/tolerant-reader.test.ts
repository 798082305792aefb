/**
 * The tolerant reader (issue 10, client 6; lineworks-api.md "Tolerant reading"): responses
 * with fields we do not model, null or absent optional fields, X for TWITTER, a user tag
 * without userId, nextCursor absent / null / "" and expires_in as a string still read, list
 * and export. The emulator never answers like that, so a small loopback server does here.
 */
import { generateKeyPairSync } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createContactApiClient, makeClientConfig } from "../../../provider/client";
import { LimiterRegistry } from "../../../provider/client/rate-limiter";
import { readLiveDomain, toDesiredStateDocument } from "../../../provider/export/export";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { loadDesiredState } from "../../../provider/loader/load";
import { contactFact, contactTagFact, readResponse } from "../../../provider/schema";

const contactC1 = {
  contactId: "c1",
  permission: { accessibleRange: "ALL", masterUserId: "admin@example.com", isCoEditing: null, accessibleMembers: null, futureFlag: 1 },
  contactName: { lastName: "Tanaka", firstName: null, nickName: null, honorific: "様" },
  emails: [{ email: "Taro@Acme.example", primary: true, verified: true }],
  telephones: null,
  organizations: [{ name: "ACME", department: null, title: null, primary: null }],
  messengers: [{ type: "X", id: "@taro", primary: false }, { type: "TWITTER", id: "@old", customType: null }],
  events: [{ type: "BIRTHDAY", date: "1990-01-02", calendarType: null }],
  websites: [],
  memo: null,
  contactTagIds: ["t-company", "t-user"],
  customProperties: { crm: { text: null, link: "https://crm.example/1" }, unknown_prop: { content: "x" } },
  linkedExternalUser: null,
  createdTime: "2026-01-01T00:00:00.123+09:00",
  modifiedTime: null,
  brandNewTopLevelField: { nested: true },
};
/** lineworks-api.md: a response without masterUserId must still be read. */
const contactC3 = { contactId: "c3", contactName: { lastName: "Sato" }, telephones: [{ type: "WORK", telephone: "0312" }], permission: { accessibleRange: "ALL" } };
const contactC2 = { contactId: "c2", contactName: { firstName: "Hanako" }, emails: [{ email: "hanako@acme.example" }], permission: { accessibleRange: "ALL", masterUserId: "admin@example.com" } };

type Reply = { status: number; body?: unknown };

function route(method: string, url: URL): Reply {
  const cursor = url.searchParams.get("cursor");
  switch (`${method} ${url.pathname}`) {
    case "POST /oauth2/v2.0/token":
      return { status: 200, body: { access_token: "tok", token_type: "Bearer", expires_in: "86400", scope: "contact", refresh_token: null } };
    case "GET /v1.0/contacts/c1":
      return { status: 200, body: contactC1 };
    case "GET /v1.0/contacts":
      return cursor === null
        ? { status: 200, body: { contacts: [contactC1], responseMetaData: { nextCursor: "page-2", total: 2 } } }
        : { status: 200, body: { contacts: [contactC2, contactC3], responseMetaData: { nextCursor: null } } };
    case "GET /v1.0/contact-tags":
      return cursor === null
        ? { status: 200, body: { contactTags: [{ contactTagId: "t-company", contactTagName: "VIP", type: "COMPANY", color: "red" }], responseMetaData: { nextCursor: "t2" } } }
        : { status: 200, body: { contactTags: [{ contactTagId: "t-user", contactTagName: "Mine", type: "USER" }], responseMetaData: { nextCursor: "" } } };
    case "GET /v1.0/contacts/custom-properties":
      return {
        status: 200,
        body: {
          customProperties: [
            { domainId: "10000001", customPropertyId: "p1", propertyName: "crm", displayName: "CRM", propertyType: "LINK", i18nDisplayNames: null, displayOrder: null, multiValued: null, createdBy: "x" },
          ],
        },
      };
    default:
      return { status: 404, body: { code: "NOT_FOUND", description: "Api not exists" } };
  }
}

let server: Server;
let origin: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      const reply = route(request.method ?? "GET", new URL(request.url ?? "/", "http://loopback"));
      response.writeHead(reply.status, { "content-type": "application/json" });
      response.end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

function client() {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const config = makeClientConfig({
    apiBaseUrl: `${origin}/v1.0`,
    authUrl: `${origin}/oauth2/v2.0/token`,
    clientId: "cid",
    clientSecret: "secret",
    serviceAccount: "sa@example",
    privateKey: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    domainId: 10000001,
  });
  return createContactApiClient(config, { limiters: new LimiterRegistry(61_000), requestsPerMinute: 0, maxRetries: 0, timeoutMs: 5_000 });
}

describe("tolerant reader", () => {
  it("reads a contact with nulls, unknown fields and TWITTER as X, keeping sub-objects' unknown fields", async () => {
    const contact = (await client().getContact("c1"))!;
    expect(contact.contactId).toBe("c1");
    expect(contact.permission).toEqual({ accessibleRange: "ALL", masterUserId: "admin@example.com", futureFlag: 1 });
    expect(contact.contactName).toEqual({ lastName: "Tanaka", honorific: "様" });
    expect(contact.emails).toEqual([{ email: "Taro@Acme.example", primary: true, verified: true }]);
    expect(contact.telephones).toBeUndefined();
    expect(contact.messengers?.map((m) => m.type)).toEqual(["X", "X"]);
    expect(contact.linkedExternalUser).toBeUndefined();
    expect(contact.brandNewTopLevelField).toEqual({ nested: true });
  });

  it("lists contacts and tags across pages ending in nextCursor null and \"\"; a user tag may lack userId", async () => {
    const api = client();
    const contacts = [];
    for await (const contact of api.listContacts({ count: 500 })) contacts.push(contact.contactId);
    expect(contacts).toEqual(["c1", "c2", "c3"]);
    const tags = [];
    for await (const tag of api.listContactTags({ count: 500 })) tags.push(tag);
    expect(tags.map((tag) => [tag.contactTagId, tag.type, tag.userId])).toEqual([
      ["t-company", "COMPANY", undefined],
      ["t-user", "USER", undefined],
    ]);
    const [property] = await api.listCustomProperties();
    expect(property).toMatchObject({ customPropertyId: "p1", domainId: 10000001, propertyName: "crm", propertyType: "LINK" });
  });

  it("exports a document that validate accepts, noting what it left out", async () => {
    const live = await readLiveDomain(client());
    const exported = toDesiredStateDocument(live);
    // The user tag the API gave no owner is named by its name, never its id.
    expect(exported.notes.join("\n")).toMatch(/left out 1 user tags? whose user the API did not name: Mine/);
    expect(exported.notes.join("\n")).not.toContain("t-user");
    expect(exported.notes.join("\n")).toContain("unknown_prop");
    expect(exported.notes.join("\n")).toMatch(/masterUserId.*c3/);
    expect(exported.text).toContain("type: X");
    expect(exported.text).not.toContain("TWITTER");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tolerant-"));
    try {
      fs.writeFileSync(path.join(dir, "exported.yaml"), exported.text);
      const result = loadDesiredState(["exported.yaml"], {}, { baseDir: dir });
      expect(result.ok ? [] : result.problems.map((p) => `${p.line}:${p.col} ${p.message}`)).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("response checks cover only what the caller needs", () => {
  it("a contact needs only its id; a tag its id and name", () => {
    expect(readResponse(contactFact, { contactId: "c9" }).problems).toEqual([]);
    expect(readResponse(contactFact, { contactName: { lastName: "X" } }).problems).toEqual([{ path: ["contactId"], message: "is missing" }]);
    expect(readResponse(contactFact, { contactId: 42 }).problems).toEqual([{ path: ["contactId"], message: "must be a string" }]);
    expect(readResponse(contactTagFact, { contactTagId: "t", contactTagName: "VIP" }).problems).toEqual([]);
    expect(readResponse(contactTagFact, { contactTagId: "t" }).problems).toEqual([{ path: ["contactTagName"], message: "is missing" }]);
  });

  it("a field of an unexpected type reads as absent instead of failing the read", () => {
    const { value, problems } = readResponse(contactFact, { contactId: "c9", emails: "not a list", memo: 7, telephones: [null, { type: "WORK", telephone: "1" }] });
    expect(problems).toEqual([]);
    expect(value).toEqual({ contactId: "c9", telephones: [{ type: "WORK", telephone: "1" }] });
  });
});
