/**
 * Agreement (issue 11.4): every corpus object gets the same verdict from `validate` (the
 * desired-state loader on a YAML file) and from the emulator over HTTP, and that verdict is
 * the one lineworks-api.md gives (or the ASSUMED one both sides record).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { loadDesiredState } from "../../../provider/loader/load";
import { api, requestToken } from "../../support/emulator-http";
import { startEmulatorProcess, type EmulatorProcess } from "../../support/emulator-process";
import { AGREEMENT_CASES, CORPUS_PROPERTIES, CORPUS_TAGS, MEMBER, type AgreementCase, type Verdict } from "./cases";

function yamlDocument(testCase: AgreementCase): Record<string, unknown> {
  switch (testCase.kind) {
    case "tag":
      return { version: 1, tags: { t: testCase.body } };
    case "userTag":
      return { version: 1, userTags: { t: { userId: MEMBER, ...testCase.body } } };
    case "property":
      return { version: 1, customProperties: { p: testCase.body } };
    case "contact":
      return { version: 1, tags: CORPUS_TAGS, customProperties: CORPUS_PROPERTIES, contacts: { c: testCase.body } };
  }
}

function validateVerdict(dir: string, testCase: AgreementCase, index: number): { verdict: Verdict; detail: string } {
  const file = path.join(dir, `case-${index}.yaml`);
  fs.writeFileSync(file, stringify(yamlDocument(testCase), { lineWidth: 0 }));
  const result = loadDesiredState([file], {}, { baseDir: dir });
  if (result.ok) return { verdict: "accepted", detail: "valid" };
  return { verdict: "refused", detail: result.problems.map((p) => p.message).join("; ") };
}

interface Emulated {
  emulator: EmulatorProcess;
  token: string;
  domainId: number;
  tagIds: Record<string, string>;
}

async function emulatorVerdict(env: Emulated, testCase: AgreementCase): Promise<{ verdict: Verdict; detail: string }> {
  const call = (method: string, url: string, body?: unknown) => api(env.emulator, env.token, method, url, body);
  let reply;
  switch (testCase.kind) {
    case "tag":
      reply = await call("POST", "/contact-tags", testCase.body);
      break;
    case "userTag":
      reply = await call("POST", `/users/${encodeURIComponent(MEMBER)}/contact-tags`, testCase.body);
      break;
    case "property":
      reply = await call("POST", "/contacts/custom-properties", { domainId: env.domainId, ...testCase.body });
      break;
    case "contact": {
      const { tags, ...fields } = testCase.body as { tags?: string[] };
      reply = await call("POST", "/contacts", { ...fields, ...(tags ? { contactTagIds: tags.map((key) => env.tagIds[key]) } : {}) });
      break;
    }
  }
  if (reply.status === 201 || reply.status === 200) {
    // Tags and properties are unique by name in a domain: remove what the case created.
    if (testCase.kind === "tag" || testCase.kind === "userTag") await call("DELETE", `/contact-tags/${reply.body.contactTagId}`);
    if (testCase.kind === "property") await call("DELETE", `/contacts/custom-properties/${reply.body.customPropertyId}`);
    return { verdict: "accepted", detail: String(reply.status) };
  }
  if (reply.status === 400) return { verdict: "refused", detail: JSON.stringify(reply.body) };
  throw new Error(`${testCase.name}: unexpected ${reply.status} ${JSON.stringify(reply.body)}`);
}

describe("agreement corpus: validate and the emulator give the documented verdict", () => {
  let env: Emulated;
  let dir: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "agreement-"));
    const emulator = await startEmulatorProcess({ requestsPerMinute: 1_000_000 });
    const token = (await requestToken(emulator)).access_token;
    const { domainId } = await emulator.credentials();
    env = { emulator, token, domainId, tagIds: {} };
    for (const [key, tag] of Object.entries(CORPUS_TAGS)) {
      const reply = await api(emulator, token, "POST", "/contact-tags", tag);
      if (reply.status !== 201) throw new Error(`setup tag: ${reply.status} ${JSON.stringify(reply.body)}`);
      env.tagIds[key] = reply.body.contactTagId;
    }
    for (const property of Object.values(CORPUS_PROPERTIES)) {
      const reply = await api(emulator, token, "POST", "/contacts/custom-properties", { domainId, ...property });
      if (reply.status !== 201) throw new Error(`setup property: ${reply.status} ${JSON.stringify(reply.body)}`);
    }
  }, 60_000);

  afterAll(async () => {
    await env?.emulator.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("has at least 100 cases, each limit at and past its edge", () => {
    expect(AGREEMENT_CASES.length).toBeGreaterThanOrEqual(100);
    expect(new Set(AGREEMENT_CASES.map((c) => c.name)).size).toBe(AGREEMENT_CASES.length);
    expect(AGREEMENT_CASES.filter((c) => c.expect === "refused").length).toBeGreaterThan(40);
  });

  it("every case gets the documented verdict from both validate and the emulator", async () => {
    const disagreements: string[] = [];
    for (const [index, testCase] of AGREEMENT_CASES.entries()) {
      const offline = validateVerdict(dir, testCase, index);
      const online = await emulatorVerdict(env, testCase);
      if (offline.verdict !== testCase.expect) disagreements.push(`validate ${offline.verdict} "${testCase.name}" (docs: ${testCase.expect}): ${offline.detail}`);
      if (online.verdict !== testCase.expect) disagreements.push(`emulator ${online.verdict} "${testCase.name}" (docs: ${testCase.expect}): ${online.detail}`);
    }
    expect(disagreements).toEqual([]);
  }, 180_000);
});
