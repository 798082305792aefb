import { describe, expect, it } from "vitest";
import {
  checkCompanyContactTag,
  checkContact,
  checkContactCustomProperty,
  checkUserContactTag,
  primaryEmail,
  type RuleIssue,
} from "../../../provider/rules";
import { sameContactField } from "../../../provider/dynamic-provider/normalize";

const validContact = {
  permission: { masterUserId: "admin@example.com", accessibleRange: "ALL" },
  contactName: { lastName: "田中", firstName: "太郎" },
  emails: [{ email: "taro@acme.example", primary: true }],
};

function paths(issues: RuleIssue[]): string[] {
  return issues.map((i) => i.path.join("."));
}

describe("tag rules", () => {
  it("accepts 1..30 character names and rejects others with the field named", () => {
    expect(checkCompanyContactTag({ contactTagName: "x".repeat(30) })).toEqual([]);
    expect(checkCompanyContactTag({ contactTagName: "x".repeat(31) })).toEqual([
      { path: ["contactTagName"], message: "must be at most 30 characters" },
    ]);
    expect(checkCompanyContactTag({ contactTagName: "" })[0]?.message).toBe("must not be empty");
    expect(checkCompanyContactTag({})[0]).toEqual({ path: ["contactTagName"], message: "is required" });
  });

  it("reports unknown fields by their own path", () => {
    expect(checkCompanyContactTag({ contactTagName: "VIP", contactTagNme: "x" })).toEqual([
      { path: ["contactTagNme"], message: 'unknown field "contactTagNme"' },
    ]);
  });

  it("user tags need a userId", () => {
    expect(paths(checkUserContactTag({ contactTagName: "Follow up" }))).toEqual(["userId"]);
    expect(checkUserContactTag({ userId: "sales@example.com", contactTagName: "Follow up", adopt: true })).toEqual([]);
  });
});

describe("custom property rules", () => {
  const valid = { propertyName: "crm_link", displayName: "CRM link", propertyType: "LINK", multiValued: false, displayOrder: 1 };

  it("accepts a valid definition", () => {
    expect(checkContactCustomProperty(valid)).toEqual([]);
    expect(checkContactCustomProperty({ ...valid, displayOrder: null })).toEqual([]);
  });

  it("checks propertyName syntax and length", () => {
    expect(paths(checkContactCustomProperty({ ...valid, propertyName: "1crm" }))).toEqual(["propertyName"]);
    expect(paths(checkContactCustomProperty({ ...valid, propertyName: "crm-link" }))).toEqual(["propertyName"]);
    expect(checkContactCustomProperty({ ...valid, propertyName: "_" + "a".repeat(119) })).toEqual([]);
    expect(paths(checkContactCustomProperty({ ...valid, propertyName: "_" + "a".repeat(120) }))).toEqual(["propertyName"]);
  });

  it("checks displayName, type, order and i18n names", () => {
    const issues = checkContactCustomProperty({
      ...valid,
      displayName: "x".repeat(21),
      propertyType: "NUMBER",
      displayOrder: 0,
      i18nDisplayNames: [
        { language: "ja_JP", name: "CRM" },
        { language: "fr_FR", name: "CRM" },
        { language: "ja_JP", name: "y".repeat(21) },
      ],
    });
    expect(paths(issues).sort()).toEqual(
      [
        "displayName",
        "propertyType",
        "displayOrder",
        "i18nDisplayNames.1.language",
        "i18nDisplayNames.2.name",
        "i18nDisplayNames.2.language",
      ].sort(),
    );
    expect(issues.find((i) => i.path[0] === "propertyType")?.message).toBe('must be one of "STRING", "LINK"');
  });
});

describe("contact rules", () => {
  it("accepts a minimal valid contact", () => {
    expect(checkContact(validContact)).toEqual([]);
  });

  it("needs lastName or firstName, and an email or a telephone", () => {
    const issues = checkContact({ ...validContact, contactName: { nickName: "T" }, emails: [] });
    expect(issues).toContainEqual({ path: ["contactName"], message: "needs lastName or firstName" });
    expect(issues).toContainEqual({ path: ["emails"], message: "a contact needs at least one email or telephone" });
    expect(checkContact({ ...validContact, emails: undefined, telephones: [{ type: "WORK", telephone: "03-1234" }] })).toEqual([]);
  });

  it("requires permission and accessibleMembers for MEMBER", () => {
    expect(paths(checkContact({ ...validContact, permission: undefined }))).toEqual(["permission"]);
    const member = { masterUserId: "admin@example.com", accessibleRange: "MEMBER" };
    expect(paths(checkContact({ ...validContact, permission: member }))).toEqual(["permission.accessibleMembers"]);
    expect(
      checkContact({ ...validContact, permission: { ...member, accessibleMembers: [{ id: "sales@example.com", type: "USER" }] } }),
    ).toEqual([]);
    const tooMany = Array.from({ length: 501 }, (_, i) => ({ id: `u${i}`, type: "USER" }));
    expect(paths(checkContact({ ...validContact, permission: { ...member, accessibleMembers: tooMany } }))).toEqual([
      "permission.accessibleMembers",
    ]);
  });

  it("names the exact list item and field that breaks a rule", () => {
    const issues = checkContact({
      ...validContact,
      emails: [{ email: "a@b.example" }, { email: "x".repeat(247) + "@b.example" }],
      telephones: [{ type: "CELLPHONE", telephone: "090 1234" }, { type: "PAGER", telephone: "123" }],
      events: [{ type: "BIRTHDAY", date: "1990-02-30" }, { type: "OTHER", date: "1990-02-28" }],
      messengers: [{ type: "X", id: "@acme" }, { type: "MASTODON", id: "@a" }],
      memo: "m".repeat(4001),
    });
    expect(paths(issues).sort()).toEqual(
      ["emails.1.email", "telephones.0.telephone", "telephones.1.type", "events.0.date", "messengers.1.type", "memo"].sort(),
    );
  });

  it("needs a customType for CUSTOM items and an email that looks like one", () => {
    const issues = checkContact({
      ...validContact,
      emails: [{ email: "not an email" }],
      telephones: [{ type: "CUSTOM", telephone: "123" }],
      messengers: [{ type: "CUSTOM", customType: "Signal", id: "x" }],
    });
    expect(issues).toEqual([
      { path: ["emails", 0, "email"], message: "must be an email address (name@domain)" },
      { path: ["telephones", 0, "customType"], message: "is required when type is CUSTOM" },
    ]);
  });

  it("adopting needs an email, the natural key", () => {
    const byPhone = { ...validContact, emails: undefined, telephones: [{ type: "WORK", telephone: "03-1234" }] };
    expect(paths(checkContact({ ...byPhone, adopt: true }))).toEqual(["adopt"]);
    expect(checkContact({ ...validContact, adopt: true })).toEqual([]);
  });

  it("accepts the telephone characters of seed 001 and needs a digit", () => {
    expect(checkContact({ ...validContact, telephones: [{ type: "OTHER", telephone: "+81(3)1234-5678*#PT" }] })).toEqual([]);
    expect(paths(checkContact({ ...validContact, telephones: [{ type: "OTHER", telephone: "P-T" }] }))).toEqual([
      "telephones.0.telephone",
    ]);
  });

  it("limits lists to 100 items and flags duplicate tag ids", () => {
    const emails = Array.from({ length: 101 }, (_, i) => ({ email: `u${i}@x.example` }));
    expect(paths(checkContact({ ...validContact, emails }))).toEqual(["emails"]);
    expect(checkContact({ ...validContact, contactTagIds: ["t1", "t2", "t1"] })).toEqual([
      { path: ["contactTagIds", 2], message: "tag t1 is listed twice" },
    ]);
  });

  describe("custom property values", () => {
    const types = {
      note: { propertyType: "STRING", multiValued: false },
      aliases: { propertyType: "STRING", multiValued: true },
      crm: { propertyType: "LINK", multiValued: false },
      links: { propertyType: "LINK", multiValued: true },
    } as const;
    const good = {
      note: { content: "hello" },
      aliases: [{ content: "a", represent: true }, { content: "b" }],
      crm: { text: "CRM", link: "https://crm.example/1" },
      links: [{ link: "https://a.example", represent: true }],
    };

    it("accepts all four shapes, with and without the definitions", () => {
      expect(checkContact({ ...validContact, customProperties: good }, { customPropertyTypes: types })).toEqual([]);
      expect(checkContact({ ...validContact, customProperties: good })).toEqual([]);
    });

    it("rejects a value that does not match the property's type or multiValued", () => {
      const issues = checkContact(
        { ...validContact, customProperties: { note: [{ content: "x" }], crm: { content: "x" } } },
        { customPropertyTypes: types },
      );
      expect(issues).toEqual([
        { path: ["customProperties", "note"], message: '"note" is a STRING single-valued property: its value must be {content}' },
        { path: ["customProperties", "crm"], message: '"crm" is a LINK single-valued property: its value must be {text, link}' },
      ]);
    });

    it("rejects undefined properties, more than 10 values and malformed items", () => {
      const eleven = Array.from({ length: 11 }, (_, i) => ({ content: `v${i}` }));
      const issues = checkContact(
        { ...validContact, customProperties: { nope: { content: "x" }, aliases: eleven, links: [{ text: "no link" }] } },
        { customPropertyTypes: types },
      );
      expect(paths(issues)).toEqual(["customProperties.nope", "customProperties.aliases", "customProperties.links.0.link"]);
      expect(issues[1]?.message).toBe("must have at most 10 items");
    });

    it("rejects values that have none of the four shapes", () => {
      expect(paths(checkContact({ ...validContact, customProperties: { note: "plain" } }))).toEqual(["customProperties.note"]);
    });
  });
});

describe("one declaration: TWITTER, limits the emulator shares, one primary email", () => {
  it("refuses TWITTER with a hint to write X (the API removed it in November 2026)", () => {
    expect(checkContact({ ...validContact, messengers: [{ type: "TWITTER", id: "@taro" }] })).toEqual([
      { path: ["messengers", 0, "type"], message: "TWITTER was removed from the LINE WORKS API in November 2026: write X (the same service)" },
    ]);
    expect(checkContact({ ...validContact, messengers: [{ type: "X", id: "@taro" }] })).toEqual([]);
  });

  it("a state written with TWITTER compares equal to X, so an upgraded stack previews clean", () => {
    expect(sameContactField("messengers", [{ type: "TWITTER", id: "@t" }], [{ type: "X", id: "@t", primary: false }])).toBe(true);
    expect(sameContactField("messengers", [{ type: "TWITTER", id: "@t" }], [{ type: "LINE", id: "@t" }])).toBe(false);
  });

  it("checks the limits validate used to miss (ASSUMED in provider/schema/limits.ts; the emulator declares its own, test/stories/agreement checks they agree)", () => {
    const issues = checkContact({
      ...validContact,
      organizations: [{ name: "o".repeat(101) }],
      locations: [{ type: "WORK", address: "a".repeat(1001), zipCode: "1".repeat(21) }],
      messengers: [{ type: "LINE", id: "i".repeat(101) }],
      permission: { masterUserId: "admin@example.com", accessibleRange: "MEMBER", accessibleMembers: [] },
      customProperties: { s: { content: "" } },
    });
    expect(paths(issues)).toEqual([
      "permission.accessibleMembers",
      "organizations.0.name",
      "locations.0.address",
      "locations.0.zipCode",
      "messengers.0.id",
      "customProperties.s.content",
    ]);
  });

  it("primaryEmail: the primary email, else the first, lower-cased; none without an address", () => {
    expect(primaryEmail({ emails: [{ email: "a@x" }, { email: "B@X", primary: true }] })).toBe("b@x");
    expect(primaryEmail({ emails: [{ email: "A@x" }] })).toBe("a@x");
    expect(primaryEmail({ emails: [] })).toBeUndefined();
    expect(primaryEmail({ emails: [{ email: "", primary: true }] })).toBeUndefined();
    expect(primaryEmail({})).toBeUndefined();
  });
});
