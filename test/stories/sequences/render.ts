/** Writes the model as the two desired-state files: company.yaml, then contacts.yaml over it. */
import * as fs from "node:fs";
import * as path from "node:path";
import YAML from "yaml";
import { FILES, OWNER, SECTIONS, type Entry, type Model, type Section } from "./model";

/** Per section, the fields an overlay in contacts.yaml may set over company.yaml. */
export const OVERLAY_FIELDS: Record<Section, string[]> = {
  tags: ["contactTagName"],
  userTags: ["contactTagName"],
  customProperties: ["displayName"],
  contacts: ["memo", "telephones"],
};

/** The entry's fields as YAML (no resource options); undefined values are absent fields. */
export function entryFields(model: Model, entry: Entry): Record<string, unknown> {
  switch (entry.section) {
    case "tags":
      return { contactTagName: entry.contactTagName };
    case "userTags":
      return { userId: entry.userId, contactTagName: entry.contactTagName };
    case "customProperties":
      return { propertyName: entry.propertyName, displayName: entry.displayName, propertyType: entry.propertyType, displayOrder: entry.displayOrder };
    case "contacts": {
      const values = Object.entries(entry.values).map(([key, text]) => {
        const property = model.entries.find((other) => other.key === key);
        const link = property?.section === "customProperties" && property.propertyType === "LINK";
        return [key, link ? { text, link: `https://crm.example/${encodeURIComponent(text)}` } : { content: text }];
      });
      return {
        permission: { masterUserId: OWNER, accessibleRange: "ALL" },
        contactName: { lastName: entry.lastName, firstName: entry.firstName },
        emails: [{ email: entry.email, primary: true }],
        telephones: entry.telephone === undefined ? undefined : [{ type: "CELLPHONE", telephone: entry.telephone, primary: true }],
        memo: entry.memo,
        tags: entry.tags.length > 0 ? [...entry.tags] : undefined,
        customProperties: values.length > 0 ? Object.fromEntries(values) : undefined,
      };
    }
  }
}

function entryOptions(entry: Entry): Record<string, unknown> {
  return {
    ...(entry.protect ? { protect: true } : {}),
    ...(entry.retainOnDelete ? { retainOnDelete: true } : {}),
    ...(entry.ignoreChanges.length > 0 ? { ignoreChanges: [...entry.ignoreChanges] } : {}),
    ...(entry.previousKeys.length > 0 ? { previousKeys: [...entry.previousKeys] } : {}),
    ...(entry.adopt ? { adopt: true } : {}),
  };
}

function baseValue(entry: Entry, field: string): unknown {
  switch (field) {
    case "contactTagName":
    case "displayName":
      return `base ${entry.key}`.slice(0, 30);
    case "memo":
      return "base memo";
    case "telephones":
      return [{ type: "WORK", telephone: "03-0000-0000", primary: true }];
  }
  throw new Error(`no base value for ${field}`);
}

function defined(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
}

/** The two files' documents. */
export function renderDocuments(model: Model): [Record<string, any>, Record<string, any>] {
  const docs: [Record<string, any>, Record<string, any>] = [{ version: 1 }, { version: 1 }];
  const put = (doc: Record<string, any>, section: Section, key: string, body: unknown) => {
    doc[section] ??= {};
    doc[section][key] = body;
  };
  for (const section of SECTIONS) {
    for (const entry of model.entries.filter((e) => e.section === section)) {
      const fields = entryFields(model, entry);
      if (entry.home === 1) {
        put(docs[1], section, entry.key, { ...defined(fields), ...entryOptions(entry) });
        continue;
      }
      const base = { ...fields };
      const over: Record<string, unknown> = {};
      for (const field of entry.overlay) {
        over[field] = fields[field] ?? null;
        base[field] = baseValue(entry, field);
      }
      put(docs[0], section, entry.key, { ...defined(base), ...entryOptions(entry) });
      if (entry.overlay.length > 0) put(docs[1], section, entry.key, over);
    }
    for (const ghost of model.ghosts.filter((g) => g.section === section)) {
      put(docs[0], section, ghost.key, ghost.body);
      put(docs[1], section, ghost.key, null);
    }
  }
  return docs;
}

export function renderFiles(model: Model, dir: string): void {
  const docs = renderDocuments(model);
  FILES.forEach((file, index) => fs.writeFileSync(path.join(dir, file), YAML.stringify(docs[index])));
}

/** A ghost's body: the entry's own fields, without references to other entries. */
export function ghostBody(model: Model, entry: Entry): Record<string, unknown> {
  const { tags: _tags, customProperties: _values, ...rest } = entryFields(model, entry);
  return defined(rest);
}
