/**
 * Listing contacts (lineworks-api.md "Listing contacts", seed 001): count, opaque
 * cursors, date windows, filters, orderBy, and GET /users/{userId}/contacts.
 */
import { describe, expect, it } from "vitest";
import type { EmulatorProcess } from "../support/emulator-process";
import { waitPastSecond } from "../support/wait-for";
import { contactBody, useConformanceEmulator, type Client } from "../support/emulator-http";

let emulator: EmulatorProcess;
let api: Client;
useConformanceEmulator((started, client) => {
  emulator = started;
  api = client;
});

async function create(overrides: Record<string, unknown> = {}) {
  const reply = await api.post("/contacts", contactBody(overrides));
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body;
}

async function createNamed(names: string[]) {
  const contacts = [];
  for (const lastName of names) contacts.push(await create({ contactName: { lastName } }));
  return contacts;
}

/** `YYYY-MM-DDThh:mm:ss+09:00` (or with `.SSS`), URL-encoded (the docs: `+` as %2B). */
function apiTime(epochMs: number, milliseconds = false): string {
  const shifted = new Date(epochMs + 9 * 3600_000).toISOString().slice(0, milliseconds ? 23 : 19);
  return encodeURIComponent(`${shifted}+09:00`);
}

/** The docs' date type for windows below (required whenever a bound is given). */
const CREATED = "searchDateType=CREATED_TIME";

const ids = (reply: { body: any }) => reply.body.contacts.map((contact: any) => contact.contactId);

function expect400(reply: { status: number; body: any }, mentions: string) {
  expect(reply.status, JSON.stringify(reply.body)).toBe(400);
  expect(reply.body.code).toBe("INVALID_PARAMETER");
  expect(reply.body.description).toContain(mentions);
}

describe("GET /contacts pagination", () => {
  it("returns {contacts, responseMetaData} with no nextCursor field on the last page", async () => {
    const [contact] = await createNamed(["Only"]);
    const reply = await api.get("/contacts");
    expect(reply.status).toBe(200);
    expect(Object.keys(reply.body).sort()).toEqual(["contacts", "responseMetaData"]);
    expect(ids(reply)).toEqual([contact.contactId]);
    expect(reply.body.responseMetaData).not.toHaveProperty("nextCursor");
  });

  it("pages with count and opaque URL-safe cursors, each contact once", async () => {
    const created = await createNamed(["A", "B", "C", "D", "E", "F", "G"]);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const reply = await api.get(`/contacts?count=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      expect(reply.status).toBe(200);
      expect(reply.body.contacts.length).toBeLessThanOrEqual(3);
      seen.push(...ids(reply));
      cursor = reply.body.responseMetaData.nextCursor;
      if (cursor !== undefined) expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
      pages += 1;
    } while (cursor !== undefined);
    expect(pages).toBe(3);
    expect(seen).toEqual(created.map((contact) => contact.contactId));
  });

  it("a full last page still has no nextCursor when nothing follows", async () => {
    await createNamed(["A", "B", "C", "D"]);
    const first = await api.get("/contacts?count=2");
    const second = await api.get(`/contacts?count=2&cursor=${first.body.responseMetaData.nextCursor}`);
    expect(second.body.contacts).toHaveLength(2);
    expect(second.body.responseMetaData).not.toHaveProperty("nextCursor");
  });

  it.each(["0", "501", "abc", "1.5"])("count=%s is 400", async (count) => {
    expect400(await api.get(`/contacts?count=${count}`), "count");
  });

  it("count=500 is accepted", async () => {
    expect((await api.get("/contacts?count=500")).status).toBe(200);
  });

  it("a malformed cursor is 400", async () => {
    expect400(await api.get("/contacts?cursor=not-a-cursor"), "cursor");
  });

  it("a cursor of another query is 400", async () => {
    await createNamed(["A", "B", "C"]);
    const cursor = (await api.get("/contacts?count=1")).body.responseMetaData.nextCursor;
    expect400(await api.get(`/contacts?count=1&orderBy=name%20desc&cursor=${cursor}`), "cursor");
  });
});

describe("GET /contacts orderBy", () => {
  it("orders by name asc and desc", async () => {
    const [c, a, b] = await createNamed(["Charlie", "Alpha", "Bravo"]);
    expect(ids(await api.get("/contacts?orderBy=name%20asc"))).toEqual([a.contactId, b.contactId, c.contactId]);
    expect(ids(await api.get("/contacts?orderBy=name%20desc"))).toEqual([c.contactId, b.contactId, a.contactId]);
  });

  it("orders by createdTime (default ascending) and createdTime desc", async () => {
    const created = await createNamed(["1", "2", "3"]);
    const inOrder = created.map((contact) => contact.contactId);
    expect(ids(await api.get("/contacts"))).toEqual(inOrder);
    expect(ids(await api.get("/contacts?orderBy=createdTime%20desc"))).toEqual([...inOrder].reverse());
  });

  it("orders by modifiedTime", async () => {
    const [first, second] = await createNamed(["1", "2"]);
    await waitPastSecond(second.modifiedTime);
    await api.patch(`/contacts/${first.contactId}`, { memo: "touched" });
    expect(ids(await api.get("/contacts?orderBy=modifiedTime%20asc"))).toEqual([second.contactId, first.contactId]);
    expect(ids(await api.get("/contacts?orderBy=modifiedTime%20desc"))).toEqual([first.contactId, second.contactId]);
  });

  it.each(["size%20asc", "name%20up", "NAME"])("orderBy=%s is 400", async (orderBy) => {
    expect400(await api.get(`/contacts?orderBy=${orderBy}`), "orderBy");
  });
});

describe("GET /contacts date windows (searchDateType, startDateTime, endDateTime)", () => {
  it("filters by createdTime within the window", async () => {
    const [contact] = await createNamed(["Now"]);
    const now = Date.now();
    const inside = await api.get(`/contacts?searchDateType=CREATED_TIME&startDateTime=${apiTime(now - 60_000)}&endDateTime=${apiTime(now + 60_000)}`);
    expect(ids(inside)).toEqual([contact.contactId]);
    const before = await api.get(`/contacts?searchDateType=CREATED_TIME&startDateTime=${apiTime(now - 3 * 86400_000)}&endDateTime=${apiTime(now - 86400_000)}`);
    expect(ids(before)).toEqual([]);
  });

  it("filters by modifiedTime with MODIFIED_TIME", async () => {
    const [contact] = await createNamed(["Now"]);
    const now = Date.now();
    const reply = await api.get(`/contacts?searchDateType=MODIFIED_TIME&startDateTime=${apiTime(now - 60_000)}`);
    expect(ids(reply)).toEqual([contact.contactId]);
  });

  it("one bound alone means 7 days from it", async () => {
    const [contact] = await createNamed(["Now"]);
    const now = Date.now();
    // start 6 days ago: window reaches now.
    expect(ids(await api.get(`/contacts?${CREATED}&startDateTime=${apiTime(now - 6 * 86400_000)}`))).toEqual([contact.contactId]);
    // start 8 days ago: the window ends a day ago.
    expect(ids(await api.get(`/contacts?${CREATED}&startDateTime=${apiTime(now - 8 * 86400_000)}`))).toEqual([]);
    // end in 6 days: the window starts a day ago.
    expect(ids(await api.get(`/contacts?${CREATED}&endDateTime=${apiTime(now + 6 * 86400_000)}`))).toEqual([contact.contactId]);
    // end in 8 days: the window starts tomorrow.
    expect(ids(await api.get(`/contacts?${CREATED}&endDateTime=${apiTime(now + 8 * 86400_000)}`))).toEqual([]);
  });

  it("a window of exactly 7 days is accepted, longer is 400", async () => {
    const now = Date.now();
    expect((await api.get(`/contacts?${CREATED}&startDateTime=${apiTime(now - 7 * 86400_000)}&endDateTime=${apiTime(now)}`)).status).toBe(200);
    expect400(await api.get(`/contacts?${CREATED}&startDateTime=${apiTime(now - 7 * 86400_000 - 1000)}&endDateTime=${apiTime(now)}`), "7 days");
  });

  it("an end before the start is 400", async () => {
    const now = Date.now();
    expect400(await api.get(`/contacts?${CREATED}&startDateTime=${apiTime(now)}&endDateTime=${apiTime(now - 60_000)}`), "endDateTime");
  });

  it("a malformed time, or + not encoded as %2B, is 400", async () => {
    expect400(await api.get(`/contacts?${CREATED}&startDateTime=2024-01-01`), "startDateTime");
    expect400(await api.get(`/contacts?${CREATED}&startDateTime=2024-01-01T00:00:00+09:00`), "startDateTime");
    expect400(await api.get(`/contacts?${CREATED}&endDateTime=2024-02-30T00%3A00%3A00%2B09%3A00`), "endDateTime");
  });

  it("a date bound without searchDateType is 400 MISSING_PARAMETER (documented: required when a bound is given)", async () => {
    const now = Date.now();
    for (const query of [`startDateTime=${apiTime(now)}`, `endDateTime=${apiTime(now)}`, `startDateTime=${apiTime(now - 60_000)}&endDateTime=${apiTime(now)}`]) {
      const reply = await api.get(`/contacts?${query}`);
      expect(reply.status, JSON.stringify(reply.body)).toBe(400);
      expect(reply.body).toEqual({ code: "MISSING_PARAMETER", description: expect.stringContaining("searchDateType") });
    }
  });

  it("bounds with milliseconds are accepted, as in the docs' example (2021-06-03T10:00:00.000%2B09:00)", async () => {
    expect((await api.get(`/contacts?${CREATED}&startDateTime=2021-06-03T10%3A00%3A00.000%2B09%3A00`)).status).toBe(200);
    const [contact] = await createNamed(["Now"]);
    const now = Date.now();
    const reply = await api.get(`/contacts?${CREATED}&startDateTime=${apiTime(now - 60_000, true)}&endDateTime=${apiTime(now + 60_000, true)}`);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(ids(reply)).toEqual([contact.contactId]);
    expect(ids(await api.get(`/contacts?${CREATED}&startDateTime=${apiTime(now + 60_000, true)}`))).toEqual([]);
  });

  it("an unknown searchDateType is 400", async () => {
    expect400(await api.get("/contacts?searchDateType=CREATION_TIME"), "searchDateType");
  });
});

describe("GET /contacts filters", () => {
  it("email without @ is a partial match of the primary email's local part (documented, kr contact-list)", async () => {
    const taro = await create({ emails: [{ email: "Taro.Yamada@Acme.example", primary: true }] });
    const hanako = await create({ emails: [{ email: "hanako@other.example" }] });
    expect(ids(await api.get("/contacts?email=yamada"))).toEqual([taro.contactId]);
    expect(ids(await api.get("/contacts?email=o"))).toEqual([taro.contactId, hanako.contactId]);
    // the domain part is not searched without @
    expect(ids(await api.get("/contacts?email=acme"))).toEqual([]);
    expect(ids(await api.get("/contacts?email=nobody"))).toEqual([]);
  });

  it("email with @ is a prefix match of the primary address, case-insensitive (ASSUMED case)", async () => {
    const taro = await create({ emails: [{ email: "Taro@Acme.example", primary: true }] });
    await create({ emails: [{ email: "jiro.taro@acme.example" }] });
    expect(ids(await api.get("/contacts?email=TARO%40ACME.EXAMPLE"))).toEqual([taro.contactId]);
    expect(ids(await api.get("/contacts?email=taro%40acme"))).toEqual([taro.contactId]);
    expect(ids(await api.get("/contacts?email=aro%40acme"))).toEqual([]);
  });

  it("email searches only the primary email (the one marked primary, else the first: ASSUMED)", async () => {
    const marked = await create({ emails: [{ email: "other@x.example" }, { email: "main@x.example", primary: true }] });
    const unmarked = await create({ emails: [{ email: "first@y.example" }, { email: "second@y.example" }] });
    expect(ids(await api.get("/contacts?email=main"))).toEqual([marked.contactId]);
    expect(ids(await api.get("/contacts?email=other"))).toEqual([]);
    expect(ids(await api.get("/contacts?email=first"))).toEqual([unmarked.contactId]);
    expect(ids(await api.get("/contacts?email=second"))).toEqual([]);
  });

  it("telephone is a partial match of at least 4 digits", async () => {
    const [first] = [await create({ telephones: [{ type: "WORK", telephone: "090-1234-5678" }] }), await create({ telephones: [{ type: "WORK", telephone: "03-9999-0000" }] })];
    expect(ids(await api.get("/contacts?telephone=1234"))).toEqual([first.contactId]);
    expect(ids(await api.get("/contacts?telephone=34-56"))).toEqual([first.contactId]);
    expect400(await api.get("/contacts?telephone=123"), "telephone");
  });

  it("contactTagId selects contacts carrying the tag", async () => {
    const tag = (await api.post("/contact-tags", { contactTagName: "VIP" })).body;
    const tagged = await create({ contactTagIds: [tag.contactTagId] });
    await create();
    expect(ids(await api.get(`/contacts?contactTagId=${tag.contactTagId}`))).toEqual([tagged.contactId]);
  });

  it("accessibleRange selects ALL or MEMBER contacts; other values are 400", async () => {
    const everyone = await create();
    const members = await create({ permission: { masterUserId: "admin@example.com", accessibleRange: "MEMBER", accessibleMembers: [{ id: "sales@example.com", type: "USER" }] } });
    expect(ids(await api.get("/contacts?accessibleRange=ALL"))).toEqual([everyone.contactId]);
    expect(ids(await api.get("/contacts?accessibleRange=MEMBER"))).toEqual([members.contactId]);
    expect400(await api.get("/contacts?accessibleRange=SOME"), "accessibleRange");
  });

  it("searchFilterType=LINKED_EXTERNAL_USER returns only external message contacts (none can be created)", async () => {
    await create();
    expect(ids(await api.get("/contacts?searchFilterType=LINKED_EXTERNAL_USER"))).toEqual([]);
    expect400(await api.get("/contacts?searchFilterType=OTHER"), "searchFilterType");
  });

  it("filters combine", async () => {
    const tag = (await api.post("/contact-tags", { contactTagName: "VIP" })).body;
    const both = await create({ emails: [{ email: "x@acme.example" }], contactTagIds: [tag.contactTagId] });
    await create({ emails: [{ email: "y@acme.example" }] });
    expect(ids(await api.get(`/contacts?email=%40acme&contactTagId=${tag.contactTagId}`))).toEqual([]);
    expect(ids(await api.get(`/contacts?email=x%40acme&contactTagId=${tag.contactTagId}`))).toEqual([both.contactId]);
  });
});

describe("GET /users/{userId}/contacts", () => {
  it("returns the contacts that member can access", async () => {
    const everyone = await create();
    const mastered = await create({
      permission: { masterUserId: "sales@example.com", accessibleRange: "MEMBER", accessibleMembers: [{ id: "org-1", type: "ORGUNIT" }] },
    });
    const shared = await create({
      permission: { masterUserId: "admin@example.com", accessibleRange: "MEMBER", accessibleMembers: [{ id: "sales@example.com", type: "USER" }] },
    });
    const hidden = await create({
      permission: { masterUserId: "admin@example.com", accessibleRange: "MEMBER", accessibleMembers: [{ id: "support@example.com", type: "USER" }] },
    });
    const reply = await api.get("/users/sales@example.com/contacts");
    expect(reply.status).toBe(200);
    expect(ids(reply)).toEqual([everyone.contactId, mastered.contactId, shared.contactId]);
    expect(ids(reply)).not.toContain(hidden.contactId);
    expect(reply.body.responseMetaData).not.toHaveProperty("nextCursor");
  });

  it("accepts the member's userId as well as the email", async () => {
    await create();
    const sales = (await emulator.state()).domains[0].members.find((member: any) => member.email === "sales@example.com");
    expect(ids(await api.get(`/users/${sales.userId}/contacts`))).toHaveLength(1);
  });

  it("is 404 for a user who is not a member", async () => {
    const reply = await api.get("/users/stranger@example.com/contacts");
    expect(reply.status).toBe(404);
    expect(reply.body.code).toBe("NOT_FOUND");
  });
});
