/**
 * The code path: the same loader and component the YAML stacks use, plus resources written
 * in TypeScript that refer to what the YAML defines.
 */
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { Contact } from "lineworks-contacts-pulumi";
import { formatProblem, LineWorksContacts, loadDesiredState } from "lineworks-contacts-pulumi/provider/desired-state";

const config = new pulumi.Config();
const owner = config.require("owner");

// 1. Company tags and custom properties from the YAML of examples/basic: validated offline,
//    every problem reported as FILE:LINE:COL before anything is registered.
const loaded = loadDesiredState(["company.yaml"], { salesLead: config.require("salesLead") }, { baseDir: path.join(__dirname, "..", "..", "basic") });
if (!loaded.ok) throw new pulumi.RunError(loaded.problems.map(formatProblem).join("\n"));
const company = new LineWorksContacts("company", { state: loaded.state });

// 2. Contacts generated in code (here from a list; in practice from a CRM export or an HR system),
//    using the component's tags and the custom property's propertyName.
const partners = [
  { key: "partner-kato", lastName: "加藤", firstName: "美咲", email: "misaki.kato@partner.example", crm: 3001 },
  { key: "partner-ogawa", lastName: "小川", firstName: "翔", email: "sho.ogawa@partner.example", crm: 3002 },
];
const crmProperty = loaded.state.customProperties.crm!;
const contacts = partners.map(
  (partner) =>
    new Contact(
      partner.key,
      {
        permission: { masterUserId: owner, accessibleRange: "ALL" },
        contactName: { lastName: partner.lastName, firstName: partner.firstName },
        emails: [{ email: partner.email, primary: true }],
        contactTagIds: [company.tags.partner!.id],
        customProperties: { [crmProperty.propertyName]: { text: "CRM", link: `https://crm.example/partners/${partner.crm}` } },
      },
      { dependsOn: [company.customProperties.crm!] },
    ),
);

export const tagIds = company.tagIds;
export const customPropertyIds = company.customPropertyIds;
export const partnerContactIds = pulumi
  .all(contacts.map((contact) => contact.contactId))
  .apply((ids) => Object.fromEntries(partners.map((partner, index) => [partner.key, ids[index]!])));
