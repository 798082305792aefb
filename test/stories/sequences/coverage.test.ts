/**
 * The fixed seeds still cover what they claim (from dry runs of the generator: milliseconds, no
 * pulumi), between them every shape of coverage.ts; and the value comparison of values.ts names
 * the entry, the field, expected and live.
 */
import { describe, expect, it } from "vitest";
import { cleanShapes, dryRun, SHAPES } from "./coverage";
import { FIXED_SEEDS } from "./fixed-seeds";
import { initialModel, type Entry } from "./model";
import { expectAndCompare, fileValues } from "./values";

describe("fixed seeds' coverage", () => {
  for (const fixed of FIXED_SEEDS.filter((f) => f.covers.length > 0)) {
    it(`seed ${fixed.seed} covers ${fixed.covers.join(", ")}`, () => {
      expect([...cleanShapes(dryRun(fixed.seed, fixed.maxCommands, fixed.generator))]).toEqual(expect.arrayContaining(fixed.covers));
    });
  }
  it("covers every shape between them", () => {
    expect(FIXED_SEEDS.flatMap((fixed) => fixed.covers)).toEqual(expect.arrayContaining(SHAPES));
  });
  it("a shape's window with a fault, or another edit of the same names, does not count", () => {
    expect([...cleanShapes(["Up", "Swap cycle 2 tags", "final up"])]).toEqual(["cycle 2"]);
    expect([...cleanShapes(["Faults 500", "Swap cycle 2 tags", "final up"])]).toEqual([]);
    expect([...cleanShapes(["Swap chain 3 tags", "AppEdit renameTag", "Up --refresh"])]).toEqual(["Up --refresh"]);
    expect([...cleanShapes(["Swap chain 3 tags", "Swap cycle 2 customProperties", "final up"])]).toEqual(["chain 3", "tags chain 3", "cycle 2"]);
    expect([...cleanShapes(["Swap chain 4 tags (unapplied)", "final up"])]).toEqual([]);
  });
});

describe("values compared with the emulator's state", () => {
  /** The initial company, live as the files say, with ids; `edit` changes the live domain. */
  function setup(edit: (domain: any) => void) {
    const model = initialModel();
    const domain: any = { contactTags: [], customProperties: [], contacts: [] };
    model.entries.forEach((entry, i) => {
      entry.id = `id${i}`;
      entry.stateKey = entry.key;
    });
    const idOf = (key: string) => model.entries.find((e) => e.key === key)!.id;
    for (const entry of model.entries) {
      const v = fileValues(model, entry);
      if (entry.section === "tags") domain.contactTags.push({ contactTagId: entry.id, contactTagName: v.contactTagName, type: "COMPANY" });
      if (entry.section === "userTags") domain.contactTags.push({ contactTagId: entry.id, contactTagName: v.contactTagName, type: "USER", userId: v.userId });
      if (entry.section === "customProperties") domain.customProperties.push({ customPropertyId: entry.id, ...v, displayOrder: Number(v.displayOrder) });
      if (entry.section === "contacts") {
        const values = Object.fromEntries(Object.entries(entry.values).map(([key, text]) => {
          const property = model.entries.find((e) => e.key === key) as Extract<Entry, { section: "customProperties" }>;
          return [property.propertyName, property.propertyType === "LINK" ? { text, link: `https://crm.example/${encodeURIComponent(text)}` } : { content: text }];
        }));
        domain.contacts.push({
          contactId: entry.id,
          contactName: { lastName: entry.lastName, firstName: entry.firstName },
          emails: [{ email: entry.email, primary: true }],
          telephones: entry.telephone ? [{ type: "CELLPHONE", telephone: entry.telephone }] : [],
          ...(entry.memo ? { memo: entry.memo } : {}),
          contactTagIds: entry.tags.map(idOf),
          customProperties: values,
        });
      }
    }
    edit(domain);
    return expectAndCompare(model, new Map(model.entries.map((e) => [e, e.id])), domain);
  }

  it("finds nothing when the domain holds what the files say", () => {
    expect(setup(() => {})).toEqual([]);
  });
  it("names the entry, the field, expected and live", () => {
    expect(setup((d) => (d.contacts[0].memo = "other"))).toEqual(['contacts.taro id6 memo: expected "Key account", live "other"']);
    expect(setup((d) => d.contacts[0].contactTagIds.pop())).toEqual([
      'contacts.taro id6 tags: expected "tag:VIP, userTag:sales@example.com:Follow up", live "tag:VIP"',
    ]);
    expect(setup((d) => (d.customProperties[0].displayOrder = 7))).toEqual(['customProperties.crm id4 displayOrder: expected "1", live "7"']);
    expect(setup((d) => (d.contacts[1].customProperties.account_notes.content = "x"))).toEqual([
      'contacts.hana id7 customProperties: expected "account_notes=Supplier", live "account_notes=x"',
    ]);
  });
});
