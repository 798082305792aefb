/**
 * Issue 30 item 4: the emulator's own endpoints answer only its own pages and local tools
 * (CONTRACT §8). Against an emulator process with a --data file, requests forged the way a page of
 * another site (or a DNS-rebinding page) sends them are refused with 403 and change nothing, in
 * memory or in the file; what the dashboard, the CLI, Node's fetch and curl send still works.
 */
import * as fs from "node:fs";
import * as http from "node:http";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appEdits, expectStatus } from "../stories/app/app-edits";
import { startEmulatorProcess, type EmulatorProcess } from "../support/emulator-process";
import { waitFor } from "../support/wait-for";

const DOMAIN = 10000001;
const EVIL = "https://evil.example";

interface Reply {
  status: number;
  body: string;
}

/** A raw HTTP request with exactly these headers (fetch would not let a test forge Host). */
function send(url: string, method: string, pathname: string, headers: Record<string, string>, body?: string): Promise<Reply> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: target.hostname, port: target.port, method, path: pathname, headers: { ...headers, ...(body === undefined ? {} : { "content-length": String(Buffer.byteLength(body)) }) } },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (text += chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body: text }));
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

const FORM = { "content-type": "application/x-www-form-urlencoded" };
const JSON_BODY = { "content-type": "application/json" };

describe("the emulator's own endpoints refuse other sites", () => {
  let emulator: EmulatorProcess;
  let dataDir: string;
  let dataFile: string;
  const tagNames = async () => {
    const state = await emulator.state();
    const domain = state.domains.find((candidate: { domainId: number }) => candidate.domainId === DOMAIN);
    return domain.contactTags.map((tag: { contactTagName: string }) => tag.contactTagName).sort();
  };
  const faults = async (): Promise<Record<string, unknown>> => (await fetch(`${emulator.url}/_emulator/faults`)).json() as Promise<Record<string, unknown>>;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "own-origin-"));
    dataFile = path.join(dataDir, "emulator.json");
    emulator = await startEmulatorProcess({ dataFile });
    expectStatus(await appEdits(emulator.url, DOMAIN).addCompanyTag("協力会社"), 201, "staged tag");
    await waitFor("the staged tag in the data file", () => fs.readFileSync(dataFile, "utf8").includes("協力会社"));
  });

  afterAll(async () => {
    await emulator?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("a form-encoded reset from another site is 403, and the domain and its data file stay as they were", async () => {
    const fileBefore = fs.readFileSync(dataFile, "utf8");
    const reply = await send(emulator.url, "POST", "/_emulator/reset", { ...FORM, origin: EVIL }, "confirm=yes");
    expect(reply.status).toBe(403);
    expect(JSON.parse(reply.body).description).toContain(EVIL);
    // The same without an Origin but marked cross-site by the browser, and with Origin: null (a sandboxed frame).
    expect((await send(emulator.url, "POST", "/_emulator/reset", { ...FORM, "sec-fetch-site": "cross-site" }, "a=b")).status).toBe(403);
    expect((await send(emulator.url, "POST", "/_emulator/reset", { origin: "null" })).status).toBe(403);
    // Another site on the same machine (same-site, other port) is not the emulator either.
    expect((await send(emulator.url, "POST", "/_emulator/reset", { origin: "http://127.0.0.1:3000", "sec-fetch-site": "same-site" })).status).toBe(403);
    // The routed path decides, not its spelling.
    expect((await send(emulator.url, "POST", "/%5Femulator/reset", { origin: EVIL })).status).toBe(403);
    expect(await tagNames()).toEqual(["協力会社"]);
    await new Promise((resolve) => setTimeout(resolve, 400)); // past the data file's write delay
    expect(fs.readFileSync(dataFile, "utf8")).toBe(fileBefore);
  });

  it("an app edit and a fault setting from another site are refused and change nothing", async () => {
    const faultsBefore = await faults();
    const edit = await send(emulator.url, "POST", `/_emulator/app/${DOMAIN}/company-tags`, { ...JSON_BODY, origin: EVIL }, JSON.stringify({ contactTagName: "乗っ取り" }));
    expect(edit.status).toBe(403);
    const formEdit = await send(emulator.url, "POST", `/_emulator/app/${DOMAIN}/company-tags`, { ...FORM, "sec-fetch-site": "cross-site" }, "contactTagName=x");
    expect(formEdit.status).toBe(403);
    const fault = await send(emulator.url, "PUT", "/_emulator/faults", { ...JSON_BODY, "sec-fetch-site": "cross-site" }, JSON.stringify({ status500Rate: 1 }));
    expect(fault.status).toBe(403);
    expect(await tagNames()).toEqual(["協力会社"]);
    expect(await faults()).toEqual(faultsBefore);
    // Reading is refused too: the state and the credentials are not another site's to see.
    expect((await send(emulator.url, "GET", "/_emulator/credentials", { origin: EVIL })).status).toBe(403);
    expect((await send(emulator.url, "GET", "/_emulator/state", { "sec-fetch-site": "cross-site" })).status).toBe(403);
  });

  it("a DNS-rebinding Host is refused on every path, the API's included", async () => {
    const port = new URL(emulator.url).port;
    const rebound = { host: `evil.example:${port}` };
    expect((await send(emulator.url, "POST", "/_emulator/reset", rebound)).status).toBe(403);
    expect((await send(emulator.url, "GET", "/_emulator/ui", rebound)).status).toBe(403);
    expect((await send(emulator.url, "GET", "/v1.0/contacts", rebound)).status).toBe(403);
    // A rebinding page is same-origin to itself: its Origin matches its Host, and still it is refused.
    expect((await send(emulator.url, "PUT", "/_emulator/faults", { ...rebound, ...JSON_BODY, origin: `http://evil.example:${port}` }, "{}")).status).toBe(403);
    expect(await tagNames()).toEqual(["協力会社"]);
  });

  it("a form body is 415 on the emulator's endpoints even without an Origin, and the token endpoint keeps its form", async () => {
    expect((await send(emulator.url, "PUT", "/_emulator/faults", FORM, "status500Rate=1")).status).toBe(415);
    const token = await send(emulator.url, "POST", "/oauth2/v2.0/token", FORM, "grant_type=refresh_token&refresh_token=nope");
    expect(token.status).toBe(400); // the token endpoint's own answer to a bad grant, not the guard's
    expect(JSON.parse(token.body).error).toBeDefined();
  });

  it("the emulator's own pages, loopback names and local tools are answered", async () => {
    // What the dashboard's script sends: same-origin, Origin on writes.
    const own = { ...JSON_BODY, origin: emulator.url, "sec-fetch-site": "same-origin" };
    expect((await send(emulator.url, "PUT", "/_emulator/faults", own, JSON.stringify({ latencyMs: [0, 1] }))).status).toBe(200);
    expect((await faults()).latencyMs).toEqual([0, 1]);
    expect((await send(emulator.url, "PUT", "/_emulator/faults", own, "{}")).status).toBe(200);
    // A typed address (Sec-Fetch-Site: none) opens the dashboard.
    expect((await send(emulator.url, "GET", "/_emulator/ui", { "sec-fetch-site": "none" })).status).toBe(200);
    // The same emulator reached as localhost (another loopback name, any port: a forwarded one).
    const port = new URL(emulator.url).port;
    expect((await send(emulator.url, "GET", "/_emulator/health", { host: `localhost:${port}`, origin: `http://localhost:${port}` })).status).toBe(200);
    expect((await send(emulator.url, "GET", "/_emulator/health", { host: "localhost:18787" })).status).toBe(200);
    // Node's fetch (the CLI and the tests) sends no Origin: a JSON app edit and a reset work.
    expectStatus(await appEdits(emulator.url, DOMAIN).addCompanyTag("重要顧客"), 201, "app edit by fetch");
    expect(await tagNames()).toEqual(["協力会社", "重要顧客"]);
    await emulator.reset();
    expect(await tagNames()).toEqual([]);
  });
});
