/** ContactTag (company and user tags), declared once (lineworks-api.md "Objects", ContactTag). */
import * as L from "./limits";
import { fieldNames, flag, object, oneOf, text, type ResponseValue, type Value } from "./facts";

const contactTagName = text({ min: 1, max: L.CONTACT_TAG_NAME_MAX });

/** A tag as the API returns it; the docs' example omits `userId`, so it is never required. */
export const contactTagFact = object(
  {
    contactTagId: text({ min: 1, key: true, readOnly: true }),
    contactTagName: { ...contactTagName, needed: true },
    type: oneOf(["COMPANY", "USER"], { readOnly: true }),
    userId: text({ optional: true, readOnly: true }),
  },
  { open: true },
);

/** POST /contact-tags, POST /users/{userId}/contact-tags and PATCH /contact-tags/{id} all send the name only. */
export const contactTagRequestFact = object({ contactTagName });

const adopt = flag({ optional: true, local: true });

export const companyContactTagInputFacts = object({ contactTagName, adopt });
/** userId is part of the natural key: a change replaces the tag. */
export const userContactTagInputFacts = object({ userId: text({ min: 1, immutable: true }), contactTagName, adopt });

/** The fields that replace a tag when they change (`immutable`); a company tag has none (a rename is an update). */
export const USER_TAG_REPLACING_FIELDS = fieldNames(userContactTagInputFacts.fields, (fact) => fact.immutable === true);
export const COMPANY_TAG_REPLACING_FIELDS = fieldNames(companyContactTagInputFacts.fields, (fact) => fact.immutable === true);

/** The state of a tag resource: its inputs, its id and its kind (read-only, set by the API). */
export const companyContactTagStateFacts = object({
  contactTagId: contactTagFact.fields.contactTagId,
  ...companyContactTagInputFacts.fields,
  type: oneOf(["COMPANY"], { readOnly: true }),
});
export const userContactTagStateFacts = object({
  contactTagId: contactTagFact.fields.contactTagId,
  ...userContactTagInputFacts.fields,
  type: oneOf(["USER"], { readOnly: true }),
});

export type CompanyContactTagState = Value<typeof companyContactTagStateFacts>;
export type UserContactTagState = Value<typeof userContactTagStateFacts>;
export type CompanyContactTagInputs = Value<typeof companyContactTagInputFacts>;
export type UserContactTagInputs = Value<typeof userContactTagInputFacts>;
export type ContactTagType = Value<typeof contactTagFact>["type"];
export type ContactTag = ResponseValue<typeof contactTagFact>;
