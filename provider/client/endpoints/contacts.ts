/**
 * Contacts: create (with the natural-key lookup after an ambiguous failure), read,
 * cursor-paged listing, PUT/PATCH, delete.
 */
import { CREATE_SUCCESS_STATUSES } from "../assumptions";
import type { Contact, ContactFields, ListContactsQuery } from "../contact-api";
import { withSearchDateType } from "../contact-listing";
import { ErrorCode } from "../error-codes";
import { LineWorksApiError, NO_HTTP_STATUS } from "../errors";
import type { Transport } from "../transport";
import { asContact, contactFieldsRequest, contactListResponse, contactResponse } from "../wire";
import { checkBody, parseBody } from "./bodies";
import { cursorPages, deleteIgnoringGone, getOrUndefined } from "./calls";

/** How far before the POST a contact found by its natural key may have been created (clock skew). */
const CREATED_TIME_SKEW_MS = 5 * 60_000;

const CONTACT = "/contacts/{contactId}";

export class ContactsEndpoint {
  constructor(private readonly transport: Transport) {}

  async create(fields: ContactFields): Promise<Contact> {
    checkBody(contactFieldsRequest, fields, "POST", "/contacts");
    const startedAt = Date.now();
    const email = naturalEmail(fields);
    return this.transport.create(
      {
        method: "POST",
        template: "/contacts",
        json: fields,
        expect: CREATE_SUCCESS_STATUSES,
        ...(email !== undefined && { naturalKey: `primary email "${email}"` }),
      },
      (response) => asContact(parseBody(contactResponse, response, "POST", "/contacts")),
      () => this.findCreated(fields, startedAt),
    );
  }

  async get(contactId: string): Promise<Contact | undefined> {
    const response = await getOrUndefined(this.transport, { method: "GET", template: CONTACT, params: { contactId } });
    return response && asContact(parseBody(contactResponse, response, "GET", CONTACT));
  }

  async write(method: "PUT" | "PATCH", contactId: string, fields: ContactFields): Promise<Contact> {
    checkBody(contactFieldsRequest, fields, method, CONTACT);
    const email = naturalEmail(fields);
    const response = await this.transport.call({
      method,
      template: CONTACT,
      params: { contactId },
      json: fields,
      ...(email !== undefined && { naturalKey: `primary email "${email}"` }),
    });
    return asContact(parseBody(contactResponse, response, method, CONTACT));
  }

  async delete(contactId: string, force: boolean): Promise<void> {
    await deleteIgnoringGone(this.transport, {
      method: "DELETE",
      template: force ? "/contacts/{contactId}/forcedelete" : CONTACT,
      params: { contactId },
    });
  }

  /** One filter's cursor pages (no date windows: see contact-listing.ts). */
  pages(template: string, params: Record<string, string>, query: ListContactsQuery): AsyncIterable<Contact> {
    return cursorPages(this.transport, template, params, withSearchDateType(query), (response) => {
      const page = parseBody(contactListResponse, response, "GET", template);
      return { items: page.contacts.map(asContact), nextCursor: page.responseMetaData?.nextCursor };
    });
  }

  /**
   * After an ambiguous POST /contacts: the contact we sent, found by its primary
   * email (or telephone when it has no email), with the same name, created since
   * shortly before the POST. Without a usable key the outcome cannot be checked,
   * and a second POST could duplicate the contact, so that fails.
   */
  private async findCreated(fields: ContactFields, startedAt: number): Promise<Contact | undefined> {
    const email = naturalEmail(fields);
    const telephone = fields.telephones?.find((phone) => phone.primary)?.telephone ?? fields.telephones?.[0]?.telephone;
    let filter: ListContactsQuery;
    if (email !== undefined) filter = { email };
    else if (telephone !== undefined && telephone.replace(/\D/g, "").length >= 4) filter = { telephone };
    else {
      throw new LineWorksApiError({
        status: NO_HTTP_STATUS,
        code: ErrorCode.CREATE_OUTCOME_UNKNOWN,
        description: "the create failed without a clear answer and the contact has no email or telephone to look it up by",
        method: "POST",
        path: "/contacts",
        hint: "Check the contacts in LINE WORKS before running again, to avoid a duplicate",
      });
    }
    let best: Contact | undefined;
    for await (const contact of this.pages("/contacts", {}, filter)) {
      if (!sameContact(contact, fields, email, telephone)) continue;
      const created = contact.createdTime === undefined ? NaN : Date.parse(contact.createdTime);
      if (!Number.isNaN(created) && created < startedAt - CREATED_TIME_SKEW_MS) continue;
      if (best === undefined || (contact.createdTime ?? "") > (best.createdTime ?? "")) best = contact;
    }
    return best;
  }
}

function naturalEmail(fields: ContactFields): string | undefined {
  return fields.emails?.find((email) => email.primary)?.email ?? fields.emails?.[0]?.email;
}

function sameContact(contact: Contact, fields: ContactFields, email: string | undefined, telephone: string | undefined): boolean {
  if (email !== undefined) {
    const wanted = email.toLowerCase();
    if (!contact.emails?.some((candidate) => candidate.email.toLowerCase() === wanted)) return false;
  } else if (!contact.telephones?.some((candidate) => candidate.telephone === telephone)) {
    return false;
  }
  const name = fields.contactName;
  return (
    name === undefined ||
    ((contact.contactName?.lastName ?? undefined) === (name.lastName ?? undefined) &&
      (contact.contactName?.firstName ?? undefined) === (name.firstName ?? undefined))
  );
}
