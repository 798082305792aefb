/** The sequence harness's excuses for a failed up (excuses.ts): pure logic over the model, the output and the request log. */
import { describe, expect, it } from "vitest";
import type { EmulatorRequestLogEntry } from "../../support/emulator-process";
import { allowedFailure, announcedReplacements, waitingForRemovedNames } from "./excuses";
import type { Live } from "./live";
import { initialModel, removeEntry, type ContactEntry, type Model } from "./model";

const request = (status: number, fault?: string): EmulatorRequestLogEntry => ({
  kind: "api",
  method: "PATCH",
  path: "/v1.0/contact-tags/t1",
  query: {},
  status,
  time: "2026-12-07T00:00:00Z",
  route: "PATCH /v1.0/contact-tags/:contactTagId",
  ...(fault ? { fault } : {}),
});

const underFaults = (): Model => ({ ...initialModel(), faults: { status500Rate: 0.15, seed: 1 } });
const FAULT_500 = "error: LINE WORKS API PATCH /v1.0/contact-tags/t1 failed after 4 attempts: 500 INTERNAL_SERVER_ERROR: injected fault";
const CHAIN_409 = 'error: Company contact tag "Partner" already exists (contactTagId t2); choose another contactTagName.';

describe("a failed up under faults", () => {
  it("is excused when a fault hit a request of the run and the output holds only what a fault causes", () => {
    expect(allowedFailure(underFaults(), FAULT_500, [request(200), request(500, "status500"), request(500, "status500")])).toBe("faults hit requests: status500 ×2");
  });

  it("is not excused when no injected fault hit a request of the run", () => {
    expect(allowedFailure(underFaults(), FAULT_500, [request(200), request(200)])).toBeUndefined();
  });

  it("is not excused when the output holds a name refusal (the 90211 chain after a 500 fault) or a 400", () => {
    const log = [request(500, "status500"), request(409)];
    expect(allowedFailure(underFaults(), `${FAULT_500}\n${CHAIN_409}`, log)).toBeUndefined();
    expect(allowedFailure(underFaults(), "error: LINE WORKS API PATCH /v1.0/contact-tags/t1 failed: 409 CONFLICT: name taken", log)).toBeUndefined();
    expect(allowedFailure(underFaults(), "error: LINE WORKS API POST /v1.0/contacts failed: 400 INVALID_PARAMETER: bad email", log)).toBeUndefined();
  });

  it("without faults, is not excused by a fault that was not injected", () => {
    expect(allowedFailure(initialModel(), FAULT_500, [request(500, "status500")])).toBeUndefined();
  });

  it("still excuses, under faults, a rename refused naming previousKeys", () => {
    const model = underFaults();
    model.entries[0]!.unrecordedRename = true;
    expect(allowedFailure(model, `${CHAIN_409}\nadd previousKeys: [vip]`, [])).toBe("rename refused naming previousKeys");
  });
});

describe("a contact renamed and given another email in one edit, without previousKeys (soak seed 647022042)", () => {
  const WARNING = 'warning: contacts.kenji-r4 has the same display name "Person Kenji Test" as contacts.kenji, which this edit removes: as written, the contact is deleted (to the trash) and a new one created with a new id. If it is the same object, write previousKeys: [kenji] on contacts.kenji-r4 to keep it.';
  const setUp = () => {
    const model = initialModel();
    const kenji = model.entries.find((entry) => entry.key === "kenji") as ContactEntry;
    Object.assign(kenji, { id: "k1", stateKey: "kenji", key: "kenji-r4", email: "mail3@acme.example", unrecordedRename: true });
    const before: Live = { byId: new Map([["k1", { id: "k1", natural: "contact:kenji@acme.example" }]]), byNatural: new Map() };
    return { model, kenji, before };
  };

  it("may be replaced when the up warned naming previousKeys on the new key", () => {
    const { model, kenji, before } = setUp();
    expect([...announcedReplacements(model, before, WARNING).entries()]).toEqual([["k1", kenji]]);
  });

  it("may not be replaced without that warning, nor when its natural key is unchanged (rename recognition must pair it)", () => {
    const { model, kenji, before } = setUp();
    expect(announcedReplacements(model, before, "warning: something else").size).toBe(0);
    kenji.email = "kenji@acme.example";
    expect(announcedReplacements(model, before, WARNING).size).toBe(0);
  });
});

describe("a name still held by an entry the same edit removes (soak seed 649009762)", () => {
  const REFUSAL =
    'error: tags.partner: contactTagName "Press" is still held by tags.press, which this edit removes. Pulumi deletes removed entries after every other change, ' +
    "so one pulumi up cannot free the name first. Do it in two steps: remove tags.press and run pulumi up, then give tags.partner the name and run pulumi up again.";

  it("is allowed when the holder is gone from the files, and names the entry that waits for the name", () => {
    const model = initialModel();
    removeEntry(model, model.entries.find((entry) => entry.key === "press")!);
    expect(waitingForRemovedNames(model, REFUSAL).map((entry) => entry.key)).toEqual(["partner"]);
    expect(allowedFailure(model, REFUSAL, [])).toBe("a name still held by a removed entry, refused naming the two steps");
  });

  it("is not allowed when the entry it names is still in the files, or under a new key (previousKeys is that fix)", () => {
    const model = initialModel();
    expect(waitingForRemovedNames(model, REFUSAL)).toEqual([]);
    expect(allowedFailure(model, REFUSAL, [])).toBeUndefined();
    const press = model.entries.find((entry) => entry.key === "press")!;
    Object.assign(press, { key: "press-r5", stateKey: "press" });
    expect(waitingForRemovedNames(model, REFUSAL)).toEqual([]);
  });
});
