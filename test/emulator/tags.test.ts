/** Company and user contact tags (seed 000, lineworks-api.md endpoint table and ContactTag). */
import { describe, expect, it } from "vitest";
import { contactBody, expectError, useConformanceEmulator, type Client } from "../support/emulator-http";

let api: Client;
useConformanceEmulator((_emulator, client) => {
  api = client;
});

async function companyTag(contactTagName: string) {
  const reply = await api.post("/contact-tags", { contactTagName });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body;
}

async function userTag(userId: string, contactTagName: string) {
  const reply = await api.post(`/users/${userId}/contact-tags`, { contactTagName });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body;
}

const names = (reply: { body: any }) => reply.body.contactTags.map((tag: any) => tag.contactTagName);

describe("company tags", () => {
  it("POST /contact-tags creates a COMPANY tag (201)", async () => {
    const tag = await companyTag("Company tag");
    expect(tag).toEqual({ contactTagId: expect.any(String), contactTagName: "Company tag", type: "COMPANY" });
    expect((await api.get(`/contact-tags/${tag.contactTagId}`)).body).toEqual(tag);
  });

  it("contactTagName is 1..30 characters", async () => {
    expectError(await api.post("/contact-tags", { contactTagName: "" }), 400, "INVALID_PARAMETER");
    expectError(await api.post("/contact-tags", { contactTagName: "x".repeat(31) }), 400, "INVALID_PARAMETER");
    expectError(await api.post("/contact-tags", {}), 400, "INVALID_PARAMETER");
    await companyTag("x".repeat(30));
  });

  it("a duplicate company tag name is 409 CONFLICT", async () => {
    await companyTag("VIP");
    expectError(await api.post("/contact-tags", { contactTagName: "VIP" }), 409, "CONFLICT");
  });
});

describe("user tags", () => {
  it("POST /users/{userId}/contact-tags creates a USER tag with the userId", async () => {
    const tag = await userTag("sales@example.com", "Follow up");
    expect(tag).toEqual({ contactTagId: expect.any(String), contactTagName: "Follow up", type: "USER", userId: "sales@example.com" });
    expect((await api.get(`/contact-tags/${tag.contactTagId}`)).body).toEqual(tag);
  });

  it("names are unique per member, not across members or against company tags", async () => {
    await userTag("sales@example.com", "Follow up");
    expectError(await api.post("/users/sales@example.com/contact-tags", { contactTagName: "Follow up" }), 409, "CONFLICT");
    await userTag("support@example.com", "Follow up");
    await companyTag("Follow up");
  });

  it("is 404 for a user who is not a member", async () => {
    expectError(await api.post("/users/stranger@example.com/contact-tags", { contactTagName: "x" }), 404, "NOT_FOUND");
    expectError(await api.get("/users/stranger@example.com/contact-tags"), 404, "NOT_FOUND");
  });

  it("GET /users/{userId}/contact-tags returns company tags plus that member's own", async () => {
    await companyTag("Company");
    await userTag("sales@example.com", "Mine");
    await userTag("support@example.com", "Theirs");
    const reply = await api.get("/users/sales@example.com/contact-tags");
    expect(reply.status).toBe(200);
    expect(names(reply)).toEqual(["Company", "Mine"]);
    expect(reply.body.responseMetaData).not.toHaveProperty("nextCursor");
  });

  it("DELETE /contact-tags/{id} deletes a user tag too", async () => {
    const tag = await userTag("sales@example.com", "Mine");
    expect((await api.delete(`/contact-tags/${tag.contactTagId}`)).status).toBe(204);
    expectError(await api.get(`/contact-tags/${tag.contactTagId}`), 404, "NOT_FOUND");
  });
});

describe("GET /contact-tags", () => {
  it("lists every tag with {contactTags, responseMetaData}", async () => {
    await companyTag("B");
    await userTag("sales@example.com", "A");
    const reply = await api.get("/contact-tags");
    expect(reply.status).toBe(200);
    expect(names(reply)).toEqual(["B", "A"]);
    expect(reply.body.responseMetaData).toEqual({});
  });

  it("filters by type", async () => {
    await companyTag("Company");
    await userTag("sales@example.com", "User");
    expect(names(await api.get("/contact-tags?type=COMPANY"))).toEqual(["Company"]);
    expect(names(await api.get("/contact-tags?type=USER"))).toEqual(["User"]);
    expectError(await api.get("/contact-tags?type=OTHER"), 400, "INVALID_PARAMETER");
  });

  it("orders by name asc and desc", async () => {
    for (const name of ["b", "c", "a"]) await companyTag(name);
    expect(names(await api.get("/contact-tags?orderBy=name%20asc"))).toEqual(["a", "b", "c"]);
    expect(names(await api.get("/contact-tags?orderBy=name%20desc"))).toEqual(["c", "b", "a"]);
    expectError(await api.get("/contact-tags?orderBy=created%20asc"), 400, "INVALID_PARAMETER");
  });

  it("count defaults to 100 and pages with cursors", async () => {
    for (let i = 0; i < 101; i += 1) await companyTag(`tag-${String(i).padStart(3, "0")}`);
    const first = await api.get("/contact-tags");
    expect(first.body.contactTags).toHaveLength(100);
    const cursor = first.body.responseMetaData.nextCursor;
    expect(typeof cursor).toBe("string");
    const second = await api.get(`/contact-tags?cursor=${encodeURIComponent(cursor)}`);
    expect(names(second)).toEqual(["tag-100"]);
    expect(second.body.responseMetaData).not.toHaveProperty("nextCursor");
  });

  it("count is 1..500", async () => {
    expectError(await api.get("/contact-tags?count=0"), 400, "INVALID_PARAMETER");
    expectError(await api.get("/contact-tags?count=501"), 400, "INVALID_PARAMETER");
  });
});

describe("GET, PUT, PATCH, DELETE /contact-tags/{contactTagId}", () => {
  it("GET is 404 for an unknown tag", async () => {
    expectError(await api.get("/contact-tags/ctag0000-0000-0000-0000-000000000000"), 404, "NOT_FOUND");
  });

  it("PUT and PATCH rename a tag (200 ContactTag)", async () => {
    const tag = await companyTag("Old");
    const put = await api.put(`/contact-tags/${tag.contactTagId}`, { contactTagName: "New" });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({ ...tag, contactTagName: "New" });
    const patch = await api.patch(`/contact-tags/${tag.contactTagId}`, { contactTagName: "Newer" });
    expect(patch.status).toBe(200);
    expect((await api.get(`/contact-tags/${tag.contactTagId}`)).body.contactTagName).toBe("Newer");
  });

  it("renaming to an existing name is 409; to its own name is fine", async () => {
    const tag = await companyTag("One");
    await companyTag("Two");
    expectError(await api.put(`/contact-tags/${tag.contactTagId}`, { contactTagName: "Two" }), 409, "CONFLICT");
    expectError(await api.patch(`/contact-tags/${tag.contactTagId}`, { contactTagName: "Two" }), 409, "CONFLICT");
    expect((await api.put(`/contact-tags/${tag.contactTagId}`, { contactTagName: "One" })).status).toBe(200);
  });

  it("PUT needs contactTagName; both validate its length", async () => {
    const tag = await companyTag("One");
    expectError(await api.put(`/contact-tags/${tag.contactTagId}`, {}), 400, "INVALID_PARAMETER");
    expectError(await api.patch(`/contact-tags/${tag.contactTagId}`, { contactTagName: "x".repeat(31) }), 400, "INVALID_PARAMETER");
  });

  it("PUT, PATCH and DELETE are 404 for an unknown tag", async () => {
    const unknown = "/contact-tags/ctag0000-0000-0000-0000-000000000000";
    expectError(await api.put(unknown, { contactTagName: "x" }), 404, "NOT_FOUND");
    expectError(await api.patch(unknown, { contactTagName: "x" }), 404, "NOT_FOUND");
    expectError(await api.delete(unknown), 404, "NOT_FOUND");
  });

  it("DELETE answers 204 and removes the tag from contacts", async () => {
    const keep = await companyTag("Keep");
    const drop = await companyTag("Drop");
    const contact = (await api.post("/contacts", contactBody({ contactTagIds: [keep.contactTagId, drop.contactTagId] }))).body;
    const reply = await api.delete(`/contact-tags/${drop.contactTagId}`);
    expect(reply.status).toBe(204);
    expectError(await api.get(`/contact-tags/${drop.contactTagId}`), 404, "NOT_FOUND");
    expect((await api.get(`/contacts/${contact.contactId}`)).body.contactTagIds).toEqual([keep.contactTagId]);
  });
});
