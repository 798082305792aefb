/**
 * The token never leaves the API's origin: a stand-in API on one loopback port
 * redirects to a second loopback server (another origin), which must receive
 * nothing. Same-origin 307s are followed with method, body and token, at most 3 hops.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createContactApiClient, LimiterRegistry, LineWorksApiError, makeClientConfig } from "../../../provider/client";

interface Seen {
  method: string;
  url: string;
  authorization: string | undefined;
  body: string;
}

interface Loopback {
  origin: string;
  seen: Seen[];
  server: Server;
}

const TOKEN = "loopback-access-token-1234567890";

async function loopback(answer: (request: Seen, origin: string) => { status: number; headers?: Record<string, string>; body?: unknown }): Promise<Loopback> {
  const seen: Seen[] = [];
  const box: { origin: string } = { origin: "" };
  const server = createServer(async (request: IncomingMessage, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const entry = { method: request.method ?? "", url: request.url ?? "", authorization: request.headers.authorization, body: Buffer.concat(chunks).toString("utf8") };
    seen.push(entry);
    const { status, headers = {}, body } = answer(entry, box.origin);
    response.writeHead(status, { ...(body !== undefined && { "content-type": "application/json" }), ...headers });
    response.end(body === undefined ? undefined : JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  box.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin: box.origin, seen, server };
}

let elsewhere: Loopback;
let api: Loopback;

beforeAll(async () => {
  elsewhere = await loopback(() => ({ status: 200, body: { contactTagId: "t-else", contactTagName: "stolen", type: "COMPANY" } }));
  api = await loopback((request, origin) => {
    const path = request.url;
    if (path.startsWith("/v1.0/contact-tags/away")) return { status: 307, headers: { location: `${elsewhere.origin}${path}` } };
    if (path.startsWith("/v1.0/contact-tags/loop")) return { status: 307, headers: { location: path } };
    if (path === "/v1.0/contact-tags/moved") return { status: 308, headers: { location: `${origin}/v1.0/contact-tags/t-1` } };
    if (path === "/v1.0/contact-tags/t-1") {
      const name = request.method === "PATCH" ? (JSON.parse(request.body) as { contactTagName: string }).contactTagName : "one";
      return { status: 200, body: { contactTagId: "t-1", contactTagName: name, type: "COMPANY" } };
    }
    return { status: 404, body: { code: "NOT_FOUND", description: "Api not exists" } };
  });
});
afterAll(async () => {
  for (const box of [api, elsewhere]) await new Promise((resolve) => box?.server.close(resolve));
});

function client() {
  const config = makeClientConfig({ apiBaseUrl: `${api.origin}/v1.0`, accessToken: TOKEN });
  return createContactApiClient(config, {
    limiters: new LimiterRegistry(61_000),
    requestsPerMinute: 0,
    maxRetries: 0,
    timeoutMs: 5_000,
  });
}

describe("redirects and the token", () => {
  it("a redirect to another origin fails clearly; that origin receives nothing, so never the token", async () => {
    api.seen.length = 0;
    for (const call of [() => client().getContactTag("away"), () => client().renameContactTag("away", "secret name")]) {
      const error = (await call().catch((e: unknown) => e)) as LineWorksApiError;
      expect(error).toBeInstanceOf(LineWorksApiError);
      expect(error.code).toBe("REDIRECT_TO_OTHER_ORIGIN");
      expect(error.message).toContain(elsewhere.origin);
      expect(error.message).toContain("lineworks:apiBaseUrl");
      expect(error.message).not.toContain(TOKEN);
    }
    expect(elsewhere.seen).toEqual([]);
    expect(api.seen.map((entry) => entry.authorization)).toEqual([`Bearer ${TOKEN}`, `Bearer ${TOKEN}`]);
  });

  it("a same-origin 308 is followed with the same method, body and token", async () => {
    api.seen.length = 0;
    const tag = await client().renameContactTag("moved", "renamed");
    expect(tag).toEqual({ contactTagId: "t-1", contactTagName: "renamed", type: "COMPANY" });
    expect(api.seen.map((entry) => [entry.method, entry.url, entry.authorization, entry.body])).toEqual([
      ["PATCH", "/v1.0/contact-tags/moved", `Bearer ${TOKEN}`, '{"contactTagName":"renamed"}'],
      ["PATCH", "/v1.0/contact-tags/t-1", `Bearer ${TOKEN}`, '{"contactTagName":"renamed"}'],
    ]);
  });

  it("gives up after 3 hops", async () => {
    api.seen.length = 0;
    const error = (await client().getContactTag("loop").catch((e: unknown) => e)) as LineWorksApiError;
    expect(error).toBeInstanceOf(LineWorksApiError);
    expect(error.code).toBe("TOO_MANY_REDIRECTS");
    expect(api.seen).toHaveLength(4);
  });
});
