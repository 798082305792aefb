/**
 * The agreement corpus: objects at and just past every documented or ASSUMED limit, each
 * enum, empty lists, MEMBER ranges and the four custom value shapes. `expect` is the
 * verdict lineworks-api.md gives (or the ASSUMED one, recorded in provider/schema/limits.ts
 * and emulator/assumptions*.ts); both `validate` and the emulator must reach it.
 *
 * Contact bodies are the API's; `tags` holds keys of the corpus tags (sent as ids) and
 * custom values are keyed by propertyName (the corpus YAML uses propertyName as key).
 */
export type Verdict = "accepted" | "refused";
export type CaseKind = "contact" | "tag" | "userTag" | "property";

export interface AgreementCase {
  name: string;
  kind: CaseKind;
  body: Record<string, unknown>;
  expect: Verdict;
}

export const OWNER = "admin@example.com";
export const MEMBER = "sales@example.com";
const s = (n: number, c = "a") => c.repeat(n);
/** An email of exactly n characters. */
const emailOf = (n: number) => `${s(n - "@acme.example".length)}@acme.example`;

/** The properties the contact cases' custom values refer to, as YAML and API both declare them. */
export const CORPUS_PROPERTIES = {
  str_one: { propertyName: "str_one", displayName: "S1", propertyType: "STRING", multiValued: false },
  str_many: { propertyName: "str_many", displayName: "S2", propertyType: "STRING", multiValued: true },
  link_one: { propertyName: "link_one", displayName: "L1", propertyType: "LINK", multiValued: false },
  link_many: { propertyName: "link_many", displayName: "L2", propertyType: "LINK", multiValued: true },
} as const;
export const CORPUS_TAGS = { vip: { contactTagName: "VIP" } } as const;

const baseContact = (): Record<string, unknown> => ({
  permission: { masterUserId: OWNER, accessibleRange: "ALL" },
  contactName: { lastName: "Corpus" },
  emails: [{ email: "corpus@acme.example", primary: true }],
});

const cases: AgreementCase[] = [];
const contact = (name: string, expect: Verdict, change: (body: Record<string, unknown>) => void) => {
  const body = baseContact();
  change(body);
  cases.push({ name: `contact: ${name}`, kind: "contact", body, expect });
};
/** A field at its limit is accepted, one character more is refused. */
const edge = (name: string, max: number, set: (body: Record<string, unknown>, value: string) => void, char = "a") => {
  contact(`${name} of ${max}`, "accepted", (b) => set(b, s(max, char)));
  contact(`${name} of ${max + 1}`, "refused", (b) => set(b, s(max + 1, char)));
};

contact("minimal", "accepted", () => {});

// contactName: lastName or firstName; each part <= 100 (ASSUMED).
for (const part of ["lastName", "firstName", "phoneticLastName", "phoneticFirstName", "prefix", "suffix", "middleName", "nickName"]) {
  edge(`contactName.${part}`, 100, (b, v) => (b.contactName = { lastName: "X", [part]: v }));
}
contact("firstName only", "accepted", (b) => (b.contactName = { firstName: "Taro" }));
contact("nickName only (no lastName/firstName)", "refused", (b) => (b.contactName = { nickName: "T" }));

// A contact needs an email or a telephone; lists may be empty.
contact("telephone only, emails []", "accepted", (b) => ((b.emails = []), (b.telephones = [{ type: "CELLPHONE", telephone: "0901234" }])));
contact("neither email nor telephone", "refused", (b) => (b.emails = []));
contact("empty lists everywhere else", "accepted", (b) => {
  for (const list of ["telephones", "organizations", "locations", "events", "messengers", "websites"]) b[list] = [];
});

// emails: <= 256 (ASSUMED), local@domain.
contact("email of 256", "accepted", (b) => (b.emails = [{ email: emailOf(256) }]));
contact("email of 257", "refused", (b) => (b.emails = [{ email: emailOf(257) }]));
contact("email without @", "refused", (b) => (b.emails = [{ email: "corpus.acme.example" }]));
contact("email with a space", "refused", (b) => (b.emails = [{ email: "cor pus@acme.example" }]));
contact("100 emails", "accepted", (b) => (b.emails = Array.from({ length: 100 }, (_, i) => ({ email: `e${i}@acme.example` }))));
contact("101 emails", "refused", (b) => (b.emails = Array.from({ length: 101 }, (_, i) => ({ email: `e${i}@acme.example` }))));

// telephones: <= 100, digits and - * # + P T ( ) with a digit (ASSUMED from seed 001).
edge("telephone", 100, (b, v) => (b.telephones = [{ type: "WORK", telephone: v }]), "1");
contact("telephone with every allowed sign", "accepted", (b) => (b.telephones = [{ type: "WORK", telephone: "+81-(3)-1234*5#P9T" }]));
contact("telephone with a letter", "refused", (b) => (b.telephones = [{ type: "WORK", telephone: "12a4" }]));
contact("telephone with a space", "refused", (b) => (b.telephones = [{ type: "WORK", telephone: "03 1234" }]));
contact("telephone without a digit", "refused", (b) => (b.telephones = [{ type: "WORK", telephone: "+-()" }]));
for (const type of ["CELLPHONE", "WORK", "HOME", "WORK_FAX", "HOME_FAX", "OTHER"]) {
  contact(`telephone type ${type}`, "accepted", (b) => (b.telephones = [{ type, telephone: "0312345678" }]));
}
contact("telephone type CUSTOM with customType", "accepted", (b) => (b.telephones = [{ type: "CUSTOM", customType: "Lab", telephone: "0312" }]));
contact("telephone type CUSTOM without customType", "refused", (b) => (b.telephones = [{ type: "CUSTOM", telephone: "0312" }]));
contact("telephone type MOBILE", "refused", (b) => (b.telephones = [{ type: "MOBILE", telephone: "0312" }]));
edge("telephone customType", 100, (b, v) => (b.telephones = [{ type: "CUSTOM", customType: v, telephone: "0312" }]));

// organizations: name / department / title <= 100 (ASSUMED).
for (const field of ["name", "department", "title"]) edge(`organization ${field}`, 100, (b, v) => (b.organizations = [{ [field]: v }]));

// locations: address <= 1000, zipCode <= 20 (ASSUMED); types from seed 001.
edge("location address", 1000, (b, v) => (b.locations = [{ type: "WORK", address: v }]));
edge("location zipCode", 20, (b, v) => (b.locations = [{ type: "HOME", zipCode: v }]), "1");
for (const type of ["WORK", "HOME", "OTHER"]) contact(`location type ${type}`, "accepted", (b) => (b.locations = [{ type, address: "Tokyo" }]));
contact("location type CUSTOM with customType", "accepted", (b) => (b.locations = [{ type: "CUSTOM", customType: "Depot", address: "Osaka" }]));
contact("location type OFFICE", "refused", (b) => (b.locations = [{ type: "OFFICE", address: "Tokyo" }]));

// events: a real date YYYY-MM-DD; calendarType SOLAR | LUNAR; types from seed 001.
for (const type of ["BIRTHDAY", "ANNIVERSARY", "OTHER"]) contact(`event type ${type}`, "accepted", (b) => (b.events = [{ type, date: "1990-01-02" }]));
contact("event type CUSTOM with customType", "accepted", (b) => (b.events = [{ type: "CUSTOM", customType: "Founding", date: "2000-04-01" }]));
contact("event type WEDDING", "refused", (b) => (b.events = [{ type: "WEDDING", date: "1990-01-02" }]));
contact("event on 29 February of a leap year", "accepted", (b) => (b.events = [{ type: "OTHER", date: "2024-02-29" }]));
contact("event on 30 February", "refused", (b) => (b.events = [{ type: "OTHER", date: "2023-02-30" }]));
contact("event date with slashes", "refused", (b) => (b.events = [{ type: "OTHER", date: "2023/01/02" }]));
contact("event calendarType LUNAR", "accepted", (b) => (b.events = [{ type: "BIRTHDAY", date: "1990-01-02", calendarType: "LUNAR" }]));
contact("event calendarType SOLAR", "accepted", (b) => (b.events = [{ type: "BIRTHDAY", date: "1990-01-02", calendarType: "SOLAR" }]));
contact("event calendarType GREGORIAN", "refused", (b) => (b.events = [{ type: "BIRTHDAY", date: "1990-01-02", calendarType: "GREGORIAN" }]));

// messengers: LINE | FACEBOOK | X | CUSTOM; TWITTER removed (ASSUMED 400); id <= 100 (ASSUMED).
for (const type of ["LINE", "FACEBOOK", "X"]) contact(`messenger type ${type}`, "accepted", (b) => (b.messengers = [{ type, id: "@corpus" }]));
contact("messenger type CUSTOM with customType", "accepted", (b) => (b.messengers = [{ type: "CUSTOM", customType: "Slack", id: "U1" }]));
contact("messenger type TWITTER (removed)", "refused", (b) => (b.messengers = [{ type: "TWITTER", id: "@corpus" }]));
contact("messenger type WHATSAPP", "refused", (b) => (b.messengers = [{ type: "WHATSAPP", id: "1" }]));
edge("messenger id", 100, (b, v) => (b.messengers = [{ type: "LINE", id: v }]));
contact("messenger id empty", "refused", (b) => (b.messengers = [{ type: "LINE", id: "" }]));

// websites: url 1..1000 (ASSUMED).
edge("website url", 1000, (b, v) => (b.websites = [{ url: `https://${v.slice(8)}` }]));
contact("website url empty", "refused", (b) => (b.websites = [{ url: "" }]));

// memo <= 4000 (documented).
edge("memo", 4000, (b, v) => (b.memo = v));

// permission: ALL | MEMBER; MEMBER needs accessibleMembers (documented), 0..500 of them.
const members = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `org-${i}`, type: "ORGUNIT" }));
contact("MEMBER with one USER member", "accepted", (b) => (b.permission = { masterUserId: OWNER, accessibleRange: "MEMBER", accessibleMembers: [{ id: MEMBER, type: "USER" }] }));
contact("MEMBER with 500 members", "accepted", (b) => (b.permission = { masterUserId: OWNER, accessibleRange: "MEMBER", accessibleMembers: members(500) }));
contact("MEMBER with 501 members", "refused", (b) => (b.permission = { masterUserId: OWNER, accessibleRange: "MEMBER", accessibleMembers: members(501) }));
contact("MEMBER with an empty member list", "refused", (b) => (b.permission = { masterUserId: OWNER, accessibleRange: "MEMBER", accessibleMembers: [] }));
contact("MEMBER without accessibleMembers", "refused", (b) => (b.permission = { masterUserId: OWNER, accessibleRange: "MEMBER" }));
contact("MEMBER with a GROUP member", "accepted", (b) => (b.permission = { masterUserId: OWNER, accessibleRange: "MEMBER", accessibleMembers: [{ id: "g-1", type: "GROUP" }] }));
contact("member type TEAM", "refused", (b) => (b.permission = { masterUserId: OWNER, accessibleRange: "MEMBER", accessibleMembers: [{ id: "t-1", type: "TEAM" }] }));
contact("accessibleRange NONE", "refused", (b) => (b.permission = { masterUserId: OWNER, accessibleRange: "NONE" }));
contact("isCoEditing false", "accepted", (b) => (b.permission = { masterUserId: OWNER, accessibleRange: "ALL", isCoEditing: false }));
contact("ALL with members listed", "accepted", (b) => (b.permission = { masterUserId: OWNER, accessibleRange: "ALL", accessibleMembers: [{ id: MEMBER, type: "USER" }] }));

// tags
contact("with a tag", "accepted", (b) => (b.tags = ["vip"]));

// custom values: the four shapes (seed 000); STRING content 1..1000, LINK text <= 1000, link 1..2000 (ASSUMED); <= 10 values.
const values = (v: unknown) => (b: Record<string, unknown>) => (b.customProperties = v);
contact("STRING single", "accepted", values({ str_one: { content: "Gold" } }));
contact("STRING single of 1000", "accepted", values({ str_one: { content: s(1000) } }));
contact("STRING single of 1001", "refused", values({ str_one: { content: s(1001) } }));
contact("STRING single empty", "refused", values({ str_one: { content: "" } }));
contact("STRING multi of 10", "accepted", values({ str_many: Array.from({ length: 10 }, (_, i) => ({ content: `v${i}`, represent: i === 0 })) }));
contact("STRING multi of 11", "refused", values({ str_many: Array.from({ length: 11 }, (_, i) => ({ content: `v${i}` })) }));
contact("STRING multi given a single value", "refused", values({ str_many: { content: "one" } }));
contact("STRING single given a list", "refused", values({ str_one: [{ content: "one" }] }));
contact("LINK single", "accepted", values({ link_one: { text: "CRM", link: "https://crm.example/1" } }));
contact("LINK single without text", "accepted", values({ link_one: { link: "https://crm.example/1" } }));
contact("LINK single with link of 2000", "accepted", values({ link_one: { link: `https://${s(1992)}` } }));
contact("LINK single with link of 2001", "refused", values({ link_one: { link: `https://${s(1993)}` } }));
contact("LINK single with text of 1001", "refused", values({ link_one: { text: s(1001), link: "https://x.example" } }));
contact("LINK single without link", "refused", values({ link_one: { text: "CRM" } }));
contact("LINK single given STRING content", "refused", values({ link_one: { content: "CRM" } }));
contact("LINK multi", "accepted", values({ link_many: [{ text: "A", link: "https://a.example", represent: true }, { link: "https://b.example" }] }));
contact("LINK multi of 11", "refused", values({ link_many: Array.from({ length: 11 }, (_, i) => ({ link: `https://${i}.example` })) }));
contact("all four shapes at once", "accepted", values({ str_one: { content: "a" }, str_many: [{ content: "b" }], link_one: { link: "https://c.example" }, link_many: [{ link: "https://d.example" }] }));

// Company and user tags: contactTagName 1..30 (documented).
for (const kind of ["tag", "userTag"] as const) {
  cases.push({ name: `${kind}: name of 1`, kind, body: { contactTagName: "A" }, expect: "accepted" });
  cases.push({ name: `${kind}: name of 30`, kind, body: { contactTagName: s(30, "t") }, expect: "accepted" });
  cases.push({ name: `${kind}: name of 31`, kind, body: { contactTagName: s(31, "t") }, expect: "refused" });
  cases.push({ name: `${kind}: empty name`, kind, body: { contactTagName: "" }, expect: "refused" });
  cases.push({ name: `${kind}: Japanese name of 30`, kind, body: { contactTagName: s(30, "重") }, expect: "accepted" });
}

// Custom properties (documented: propertyName 1..120 [A-Za-z_][A-Za-z0-9_]*, displayName 1..20, ...).
const property = (name: string, expect: Verdict, change: Record<string, unknown>) =>
  cases.push({ name: `property: ${name}`, kind: "property", body: { propertyName: "corpus_p", displayName: "Corpus", propertyType: "STRING", ...change }, expect });
property("minimal", "accepted", {});
property("propertyName of 120", "accepted", { propertyName: s(120, "p") });
property("propertyName of 121", "refused", { propertyName: s(121, "p") });
property("propertyName starting with _", "accepted", { propertyName: "_p1" });
property("propertyName starting with a digit", "refused", { propertyName: "1p" });
property("propertyName with a dash", "refused", { propertyName: "p-1" });
property("displayName of 20", "accepted", { displayName: s(20, "d") });
property("displayName of 21", "refused", { displayName: s(21, "d") });
property("displayName empty", "refused", { displayName: "" });
property("propertyType LINK", "accepted", { propertyType: "LINK" });
property("propertyType NUMBER", "refused", { propertyType: "NUMBER" });
property("multiValued", "accepted", { multiValued: true });
property("displayOrder 1", "accepted", { displayOrder: 1 });
property("displayOrder 0", "refused", { displayOrder: 0 });
property("displayOrder null", "accepted", { displayOrder: null });
property("displayOrder 1.5", "refused", { displayOrder: 1.5 });
for (const language of ["ko_KR", "ja_JP", "zh_CN", "zh_TW", "en_US"]) {
  property(`i18n ${language}`, "accepted", { i18nDisplayNames: [{ language, name: "Name" }] });
}
property("i18n fr_FR", "refused", { i18nDisplayNames: [{ language: "fr_FR", name: "Nom" }] });
property("i18n name of 20", "accepted", { i18nDisplayNames: [{ language: "en_US", name: s(20, "n") }] });
property("i18n name of 21", "refused", { i18nDisplayNames: [{ language: "en_US", name: s(21, "n") }] });
property("i18n name empty", "refused", { i18nDisplayNames: [{ language: "en_US", name: "" }] });
property("i18n language twice", "refused", { i18nDisplayNames: [{ language: "en_US", name: "A" }, { language: "en_US", name: "B" }] });
property("i18n empty list", "accepted", { i18nDisplayNames: [] });

export const AGREEMENT_CASES: readonly AgreementCase[] = cases;
