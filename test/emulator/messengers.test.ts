/**
 * Messenger type TWITTER (lineworks-api.md Contact `messengers`, docs kr
 * `contact-create`): from mid-November 2026 TWITTER is removed, so a request with it is
 * refused (400, ASSUMED status) with a description that says to use X; TWITTER and X
 * both come back as X, so nothing is ever returned as TWITTER, not even data stored
 * earlier.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startEmulatorProcess, type EmulatorProcess } from "../support/emulator-process";
import { client, contactBody, expectError, requestToken } from "../support/emulator-http";

const running: EmulatorProcess[] = [];
const directory = mkdtempSync(join(tmpdir(), "emulator-messengers-"));
afterAll(async () => {
  for (const emulator of running) await emulator.kill();
  rmSync(directory, { recursive: true, force: true });
});

async function start(dataFile?: string) {
  const emulator = await startEmulatorProcess(dataFile === undefined ? {} : { dataFile });
  running.push(emulator);
  return { emulator, api: client(emulator, (await requestToken(emulator)).access_token) };
}

const x = { type: "X", id: "@acme", primary: true };
const twitter = { type: "TWITTER", id: "@acme", primary: true };

describe("messenger type TWITTER", () => {
  it("is refused on POST, PUT and PATCH with 400 saying to use X; X is accepted", async () => {
    const { api } = await start();
    expectError(await api.post("/contacts", contactBody({ messengers: [twitter] })), 400, "INVALID_PARAMETER", "use X");
    const created = await api.post("/contacts", contactBody({ messengers: [x] }));
    expect(created.status).toBe(201);
    expect(created.body.messengers).toEqual([x]);
    const id = created.body.contactId;
    expectError(await api.put(`/contacts/${id}`, contactBody({ messengers: [twitter] })), 400, "INVALID_PARAMETER", "use X");
    expectError(await api.patch(`/contacts/${id}`, { messengers: [twitter] }), 400, "INVALID_PARAMETER", "use X");
    expect((await api.get(`/contacts/${id}`)).body.messengers).toEqual([x]);
  });

  it("a TWITTER messenger stored earlier (an older data file) is returned as X, keeping its other fields", async () => {
    const dataFile = join(directory, "state.json");
    const first = await start(dataFile);
    const contact = (await first.api.post("/contacts", contactBody({ messengers: [{ ...x, note: "kept" }] }))).body;
    expect(await first.emulator.stop()).toBe(0);

    const saved = readFileSync(dataFile, "utf8");
    expect(saved).toContain('"type":"X"');
    writeFileSync(dataFile, saved.replace('"type":"X"', '"type":"TWITTER"'));

    const second = await start(dataFile);
    const messengers = [{ ...x, note: "kept" }];
    expect((await second.api.get(`/contacts/${contact.contactId}`)).body.messengers).toEqual(messengers);
    expect((await second.api.get("/contacts")).body.contacts[0].messengers).toEqual(messengers);
    expect(JSON.stringify(await second.emulator.state())).not.toContain("TWITTER");
  });
});
