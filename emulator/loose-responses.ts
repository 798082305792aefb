/**
 * The fault setting `looseResponses: true` (PUT /_emulator/faults): 200 answers to GET calls
 * are written the way lineworks-api.md "Tolerant reading" says a client must read calmly, as a
 * newer API might write them. Nothing stored changes; only the rendering does:
 *  - a field nobody models, `emulatorFutureField`, in every object of the body (the envelope,
 *    responseMetaData, each tag, property and contact, every sub-object and list item, custom
 *    value items; not the customProperties map itself, whose keys are property names);
 *  - `null` for every documented optional field that is absent (memo, contactName parts,
 *    customType, primary, a company tag's userId, a last page's nextCursor, ...);
 *  - values the docs do not list: the last page of an unfiltered listing ends with one more
 *    object whose enum fields hold undocumented values (a tag of type SHARED, a custom property
 *    of type DATE, a contact with accessibleRange DEPARTMENT and telephone, location, event,
 *    calendar and messenger types nobody knows). Such an object matches no filter, so it is
 *    only added to listings without one (count, cursor, orderBy and domainId are not filters).
 * The objects the API stores keep their meaning: a tolerant reader sees the same tags,
 * properties and contacts, plus one unmanaged object of each kind.
 */
import { isRecord, type Json } from "./json";

export const FUTURE_FIELD = "emulatorFutureField";
export const FUTURE_IDS = { tag: "emulator-future-tag", property: "emulator-future-property", contact: "emulator-future-contact" } as const;

/** Documented optional fields, per object, written `null` when absent (lineworks-api.md "Objects"). */
const OPTIONAL_FIELDS: Record<string, readonly string[]> = {
  contact: ["memo"],
  contactName: ["lastName", "firstName", "phoneticLastName", "phoneticFirstName", "prefix", "suffix", "middleName", "nickName"],
  permission: ["accessibleMembers"],
  emails: ["primary"],
  telephones: ["customType", "primary"],
  organizations: ["name", "department", "title", "primary"],
  locations: ["customType", "address", "zipCode", "primary"],
  events: ["customType", "calendarType", "primary"],
  messengers: ["customType", "primary"],
  websites: ["primary"],
  tag: ["userId"],
  property: ["displayOrder"],
  responseMetaData: ["nextCursor"],
};


function loosen(value: Json, kind: string | undefined): Json {
  const out: Json = { ...value };
  for (const field of (kind && OPTIONAL_FIELDS[kind]) ?? []) if (out[field] === undefined) out[field] = null;
  out[FUTURE_FIELD] = { note: "a field a newer API version might add" };
  return out;
}

function loosenContact(contact: Json): Json {
  const out = loosen(contact, "contact");
  for (const [name, value] of Object.entries(contact)) {
    if (name === "customProperties" && isRecord(value)) {
      const values = Object.entries(value).map(([property, v]) => [property, Array.isArray(v) ? v.map((item) => (isRecord(item) ? loosen(item, undefined) : item)) : isRecord(v) ? loosen(v, undefined) : v]);
      out[name] = Object.fromEntries(values);
    } else if (Array.isArray(value)) {
      out[name] = value.map((item) => (isRecord(item) ? loosen(item, name) : item));
    } else if (isRecord(value)) {
      const sub = loosen(value, name);
      if (Array.isArray(value.accessibleMembers)) sub.accessibleMembers = value.accessibleMembers.map((m) => (isRecord(m) ? loosen(m, undefined) : m));
      out[name] = sub;
    }
  }
  return out;
}

function loosenProperty(property: Json): Json {
  const out = loosen(property, "property");
  if (Array.isArray(property.i18nDisplayNames)) out.i18nDisplayNames = property.i18nDisplayNames.map((n) => (isRecord(n) ? loosen(n, undefined) : n));
  return out;
}

function futureTag(): Json {
  return { contactTagId: FUTURE_IDS.tag, contactTagName: "Shared with partners", type: "SHARED" };
}

function futureProperty(domainId: number): Json {
  return {
    domainId,
    customPropertyId: FUTURE_IDS.property,
    propertyName: "emulator_future_date",
    displayName: "Renewal date",
    i18nDisplayNames: [],
    propertyType: "DATE",
    displayOrder: null,
    multiValued: false,
  };
}

function futureContact(): Json {
  return {
    contactId: FUTURE_IDS.contact,
    permission: { accessibleRange: "DEPARTMENT", isCoEditing: true },
    contactName: { lastName: "Future", firstName: "Values" },
    emails: [{ email: "future-values@emulator.example", primary: true }],
    telephones: [{ type: "SATELLITE", telephone: "0000-0000", primary: false }],
    organizations: [],
    locations: [{ type: "BRANCH", address: "1-1 Future", primary: false }],
    events: [{ type: "GRADUATION", date: "2020-04-01", calendarType: "ISLAMIC", primary: false }],
    messengers: [{ type: "MASTODON", id: "@future@emulator.example", primary: false }],
    websites: [],
    contactTagIds: [],
    customProperties: {},
    linkedExternalUser: null,
    createdTime: "2020-04-01T00:00:00+09:00",
    modifiedTime: "2020-04-01T00:00:00+09:00",
  };
}

/** Query parameters that only page or order a listing, or name the caller's own domain. */
const NOT_FILTERS = new Set(["count", "cursor", "orderBy", "domainId"]);

/**
 * The loose rendering of a 200 answer to `route` (e.g. `GET /v1.0/contacts`); `query` without
 * the redirect mark. Other answers are returned as they are.
 */
export function looseResponse(route: string, query: Record<string, unknown>, body: unknown, domainId: number): unknown {
  if (!route.startsWith("GET ") || !isRecord(body)) return body;
  const unfiltered = Object.keys(query).every((name) => NOT_FILTERS.has(name));
  const meta = isRecord(body.responseMetaData) ? body.responseMetaData : undefined;
  const lastPage = !meta || meta.nextCursor === undefined || meta.nextCursor === null || meta.nextCursor === "";
  const extra = unfiltered && lastPage;
  const out = loosen(body, undefined);
  if (meta) out.responseMetaData = loosen(meta, "responseMetaData");
  if (Array.isArray(body.contacts)) {
    out.contacts = [...body.contacts, ...(extra ? [futureContact()] : [])].map((c) => (isRecord(c) ? loosenContact(c) : c));
  } else if (Array.isArray(body.contactTags)) {
    out.contactTags = [...body.contactTags, ...(extra ? [futureTag()] : [])].map((t) => (isRecord(t) ? loosen(t, "tag") : t));
  } else if (Array.isArray(body.customProperties)) {
    out.customProperties = [...body.customProperties, ...(extra ? [futureProperty(domainId)] : [])].map((p) => (isRecord(p) ? loosenProperty(p) : p));
  } else if (typeof body.contactId === "string") {
    return loosenContact(body);
  } else if (typeof body.contactTagId === "string") {
    return loosen(body, "tag");
  } else if (typeof body.customPropertyId === "string") {
    return loosenProperty(body);
  }
  return out;
}
