/** takenNameProblems (provider/program/taken-names.ts): a name still held by an entry the edit removes. */
import { describe, expect, it } from "vitest";
import type { HeldEntries } from "../../../provider/stack/stack-ids";
import type { DesiredState } from "../../../provider/loader/model";
import { takenNameProblems } from "../../../provider/program/taken-names";

const tags = (entries: Record<string, [string, string[]?]>): DesiredState =>
  ({
    tags: Object.fromEntries(Object.entries(entries).map(([key, [contactTagName, previousKeys = []]]) => [key, { contactTagName, previousKeys }])),
    userTags: {},
    customProperties: {},
    contacts: {},
  }) as unknown as DesiredState;

const held = (names: Record<string, string>): HeldEntries => ({
  tags: new Map(Object.entries(names).map(([key, name]) => [key, { id: `id-${key}`, uniqueName: name }])),
  userTags: new Map(),
  customProperties: new Map(),
  contacts: new Map(),
});

describe("a name still held by an entry the edit removes", () => {
  it("when the edit also adds a key, the message offers previousKeys on it (soak seed 646837092: a swap and a key rename in one edit)", () => {
    const problems = takenNameProblems(tags({ press: ["VIP"], "vip-r5": ["Press"] }), held({ vip: "VIP", press: "Press" }));
    expect(problems).toEqual([expect.stringMatching(/^tags\.press: contactTagName "VIP" is still held by tags\.vip, which this edit removes\. .*two steps.*If tags\.vip was renamed rather than removed \(to tags\.vip-r5\), write previousKeys: \[vip\] on its new key instead/)]);
  });

  it("when the edit only removes, the message gives the two steps alone", () => {
    const [problem] = takenNameProblems(tags({ press: ["VIP"] }), held({ vip: "VIP", press: "Press" }));
    expect(problem).toMatch(/two steps/);
    expect(problem).not.toMatch(/previousKeys/);
  });

  it("a key renamed with previousKeys keeps its name: nothing to refuse", () => {
    expect(takenNameProblems(tags({ press: ["Press"], "vip-r5": ["VIP", ["vip"]] }), held({ vip: "VIP", press: "Press" }))).toEqual([]);
  });
});
