/**
 * A Pulumi program, as the source of an index.js: a synthetic company of tags, custom
 * properties and contacts. Used by the reliability tests (the bench has its own, with the floors:
 * bench/support/company.ts). Its shape is steered by environment
 * variables so that one project serves every step: COMPANY_TAGS,
 * COMPANY_PROPERTIES, COMPANY_CONTACTS, COMPANY_CHANGED (how many contacts get a new memo),
 * COMPANY_OWNER (masterUserId), COMPANY_ADOPT ("true": every resource takes adopt: true).
 */
export const syntheticCompanyProgram = `
const lw = require("lineworks-contacts-pulumi");
const env = (name, fallback) => Number(process.env[name] ?? fallback);
const tagCount = env("COMPANY_TAGS", 30);
const propertyCount = env("COMPANY_PROPERTIES", 5);
const contactCount = env("COMPANY_CONTACTS", 1000);
const changed = env("COMPANY_CHANGED", 0);
const owner = process.env.COMPANY_OWNER ?? "admin@example.com";
const pad = (n) => String(n).padStart(4, "0");
const adopt = process.env.COMPANY_ADOPT === "true" ? { adopt: true } : {};
const memoOf = (i) => (i < changed ? "changed memo " : "memo ") + i;

{
  const tags = [];
  for (let t = 0; t < tagCount; t++) tags.push(new lw.CompanyContactTag("tag-" + t, { contactTagName: "Tag " + t, ...adopt }));
  const properties = [];
  for (let p = 0; p < propertyCount; p++) {
    properties.push(new lw.ContactCustomProperty("prop-" + p, {
      propertyName: "prop_" + p, displayName: "Property " + p, propertyType: p % 2 ? "LINK" : "STRING", displayOrder: p + 1, ...adopt,
    }));
  }
  for (let i = 0; i < contactCount; i++) {
    const p = i % propertyCount;
    const customProperties = propertyCount === 0 ? undefined : {
      ["prop_" + p]: p % 2 ? { text: "CRM", link: "https://crm.example/" + i } : { content: "value " + i },
    };
    new lw.Contact("contact-" + pad(i), {
      permission: { masterUserId: owner, accessibleRange: "ALL" },
      contactName: { lastName: "Synthetic", firstName: "Contact " + pad(i) },
      emails: [{ email: "contact" + pad(i) + "@company.example", primary: true }],
      telephones: [{ type: "CELLPHONE", telephone: "090-0000-" + pad(i), primary: true }],
      organizations: [{ name: "Synthetic Co", department: "Dept " + (i % 7), primary: true }],
      memo: memoOf(i),
      // Tags by resource id (known while a tag is updated); a contact depends on the property it uses
      // (as the YAML component does), not on every property.
      contactTagIds: tagCount === 0 ? [] : [tags[i % tagCount].id, tags[(i * 7) % tagCount].id]
        .filter((v, k, all) => all.indexOf(v) === k),
      customProperties,
      ...adopt,
    }, { dependsOn: propertyCount === 0 ? [] : [properties[p]] });
  }
}
`;
