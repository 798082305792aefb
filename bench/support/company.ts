/**
 * The bench's Pulumi program (the source of an index.js) and the no-op dynamic provider the
 * two floors use, written beside it in the project folder (so that no bench code ships in the
 * package). One project serves every step; environment variables steer it:
 *
 * - COMPANY_KIND: "real" (our resources against the emulator), "noop" (the engine floor: as many
 *   no-op resources of one short string each) or "data" (the data floor: no-op resources of our
 *   three types carrying exactly our resources' inputs and dependencies, calling no API);
 * - COMPANY_TAGS, COMPANY_PROPERTIES, COMPANY_CONTACTS, COMPANY_CHANGED (contacts with a new memo);
 * - the stack config `lineworks-contacts:secretFields` (as the YAML program's contacts take it).
 *
 * The floors' provider stub is ours with the module's name swapped for one of the same length
 * ("./lineworks-noop-handler.js" for "lineworks-contacts-pulumi/h", resolved from the project
 * folder as ours is), so a floor's state carries as many bytes of stub as ours. The data floor's
 * provider leaves the diff to the engine (which then compares the old and new inputs, as for ours),
 * so its update step updates the same contacts ours does; its outputs are as small as ours.
 */

/** The no-op provider's file in the project folder. */
export const NOOP_HANDLER_FILE = "lineworks-noop-handler.js";

export const noopHandlerSource = `"use strict";
// The bench's no-op dynamic providers (bench/support/company.ts): they call no API.
const { randomUUID } = require("node:crypto");
// The data floor: outputs as small as ours (our contacts keep their inputs, and as outputs only
// photo facts); diff answers "unknown", so the engine compares the old and new inputs itself, as
// it does for ours.
const dataFloor = {
  async diff() { return {}; },
  async create() { return { id: randomUUID(), outs: {} }; },
  async read(id, props) { return { id, props }; },
  async update() { return { outs: {} }; },
  async delete() {},
};
// The engine floor: one short string, in the inputs and the outputs.
const engineFloor = {
  async diff(_id, olds, news) { return { changes: olds.value !== news.value }; },
  async create(inputs) { return { id: randomUUID(), outs: { value: inputs.value } }; },
  async read(id, props) { return { id, props }; },
  async update(_id, _olds, news) { return { outs: { value: news.value } }; },
  async delete() {},
};
exports.NoopResource_ = engineFloor;
exports.Contact = exports.CompanyContactTag = exports.ContactCustomProperty = dataFloor;
`;

export const companyProgram = `
const pulumi = require("@pulumi/pulumi");
const { StubbedDynamicResource, providerStub } = require("lineworks-contacts-pulumi/provider/program/dynamic-stub");
const env = (name, fallback) => Number(process.env[name] ?? fallback);
const kind = process.env.COMPANY_KIND ?? "real";
const tagCount = env("COMPANY_TAGS", 30);
const propertyCount = env("COMPANY_PROPERTIES", 5);
const contactCount = env("COMPANY_CONTACTS", 1000);
const changed = env("COMPANY_CHANGED", 0);
const pad = (n) => String(n).padStart(4, "0");
const memoOf = (i) => (i < changed ? "changed memo " : "memo ") + i;

const noopStub = (member) => {
  const ours = providerStub("h", member);
  const stub = ours.replace(JSON.stringify("lineworks-contacts-pulumi/h"), JSON.stringify("./${NOOP_HANDLER_FILE}"));
  if (stub === ours || stub.length !== ours.length) throw new Error("the no-op stub no longer mirrors ours: " + ours);
  return stub;
};
const dataFloor = (type) => {
  const stub = noopStub(type);
  return class extends StubbedDynamicResource {
    constructor(name, args, opts) { super(type, name, stub, args, opts); }
  };
};

const lw = kind === "data" ? {
  CompanyContactTag: dataFloor("CompanyContactTag"),
  ContactCustomProperty: dataFloor("ContactCustomProperty"),
  Contact: dataFloor("Contact"),
} : (() => {
  const base = require("lineworks-contacts-pulumi");
  const secretFields = new pulumi.Config("lineworks-contacts").getObject("secretFields") ?? [];
  if (secretFields.length === 0) return base;
  class Contact extends base.Contact {
    constructor(name, args, opts) { super(name, { ...args, secretFields }, opts); }
  }
  return { ...base, Contact };
})();

if (kind === "noop") {
  const stub = noopStub("NoopResource_");
  // Registered as stock SDK resources are (leanRegistration off): the floor is the engine's cost.
  class NoopResource extends StubbedDynamicResource {
    constructor(name, value) { super("NoopResource", name, stub, { value }, undefined, false); }
  }
  for (let t = 0; t < tagCount; t++) new NoopResource("tag-" + t, "Tag " + t);
  for (let p = 0; p < propertyCount; p++) new NoopResource("prop-" + p, "prop_" + p);
  for (let i = 0; i < contactCount; i++) new NoopResource("contact-" + pad(i), memoOf(i));
} else {
  const tags = [];
  for (let t = 0; t < tagCount; t++) tags.push(new lw.CompanyContactTag("tag-" + t, { contactTagName: "Tag " + t }));
  const properties = [];
  for (let p = 0; p < propertyCount; p++) {
    properties.push(new lw.ContactCustomProperty("prop-" + p, {
      propertyName: "prop_" + p, displayName: "Property " + p, propertyType: p % 2 ? "LINK" : "STRING", displayOrder: p + 1,
    }));
  }
  for (let i = 0; i < contactCount; i++) {
    const p = i % propertyCount;
    const customProperties = propertyCount === 0 ? undefined : {
      ["prop_" + p]: p % 2 ? { text: "CRM", link: "https://crm.example/" + i } : { content: "value " + i },
    };
    new lw.Contact("contact-" + pad(i), {
      permission: { masterUserId: "admin@example.com", accessibleRange: "ALL" },
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
    }, { dependsOn: propertyCount === 0 ? [] : [properties[p]] });
  }
}
`;

/** The files of the bench's project besides Pulumi.yaml. */
export const companyFiles = (): Record<string, string> => ({ "index.js": companyProgram, [NOOP_HANDLER_FILE]: noopHandlerSource });
