/**
 * The Pulumi program of the benchmark, as the source of an index.js: a synthetic company of
 * tags, custom properties and contacts, or the same number of no-op dynamic resources (the
 * engine floor). Its shape is steered by environment variables so that one project serves
 * every step: BENCH_KIND (real | noop), BENCH_TAGS, BENCH_PROPERTIES, BENCH_CONTACTS,
 * BENCH_CHANGED (how many contacts get a new memo), BENCH_OWNER (masterUserId).
 */
export const syntheticCompanyProgram = `
const lw = require("lineworks-contacts-pulumi");
const { NoopResource } = require("lineworks-contacts-pulumi/provider/noop-resource");
const env = (name, fallback) => Number(process.env[name] ?? fallback);
const kind = process.env.BENCH_KIND ?? "real";
const tagCount = env("BENCH_TAGS", 30);
const propertyCount = env("BENCH_PROPERTIES", 5);
const contactCount = env("BENCH_CONTACTS", 1000);
const changed = env("BENCH_CHANGED", 0);
const owner = process.env.BENCH_OWNER ?? "admin@example.com";
const pad = (n) => String(n).padStart(4, "0");
const memoOf = (i) => (i < changed ? "changed memo " : "memo ") + i;

if (kind === "noop") {
  for (let t = 0; t < tagCount; t++) new NoopResource("tag-" + t, { value: "Tag " + t });
  for (let p = 0; p < propertyCount; p++) new NoopResource("prop-" + p, { value: "prop_" + p });
  for (let i = 0; i < contactCount; i++) new NoopResource("contact-" + pad(i), { value: memoOf(i) });
} else {
  const tags = [];
  for (let t = 0; t < tagCount; t++) tags.push(new lw.CompanyContactTag("tag-" + t, { contactTagName: "Bench tag " + t }));
  const properties = [];
  for (let p = 0; p < propertyCount; p++) {
    properties.push(new lw.ContactCustomProperty("prop-" + p, {
      propertyName: "bench_prop_" + p, displayName: "Bench " + p, propertyType: p % 2 ? "LINK" : "STRING", displayOrder: p + 1,
    }));
  }
  for (let i = 0; i < contactCount; i++) {
    const p = i % propertyCount;
    const customProperties = propertyCount === 0 ? undefined : {
      ["bench_prop_" + p]: p % 2 ? { text: "CRM", link: "https://crm.example/" + i } : { content: "value " + i },
    };
    new lw.Contact("contact-" + pad(i), {
      permission: { masterUserId: owner, accessibleRange: "ALL" },
      contactName: { lastName: "Bench", firstName: "Contact " + pad(i) },
      emails: [{ email: "contact" + pad(i) + "@bench.example", primary: true }],
      telephones: [{ type: "CELLPHONE", telephone: "090-0000-" + pad(i), primary: true }],
      organizations: [{ name: "Bench Co", department: "Dept " + (i % 7), primary: true }],
      memo: memoOf(i),
      contactTagIds: tagCount === 0 ? [] : [tags[i % tagCount].contactTagId, tags[(i * 7) % tagCount].contactTagId]
        .filter((v, k, all) => all.indexOf(v) === k),
      customProperties,
    }, { dependsOn: properties });
  }
}
`;
