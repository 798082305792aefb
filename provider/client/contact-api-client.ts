/**
 * ContactApi over HTTP: the typed methods, their wire schemas, natural-key
 * lookups for ambiguous creates, and the listing helpers. Auth, limits and
 * retries are the transport's job.
 */
import type { z } from "zod";
import {
  CREATE_SUCCESS_STATUSES,
  CUSTOM_PROPERTY_PATCH_SENDS_DOMAIN_ID,
  MAX_PAGE_SIZE,
  PHOTO_REDIRECT_STATUSES,
  PHOTO_UPLOAD_FIELD,
  PHOTO_UPLOAD_METHOD,
  USER_TAG_DELETE_PATH,
} from "./assumptions";
import { ClientConfigError } from "./config";
import type {
  Contact,
  ContactApi,
  ContactFields,
  ContactTag,
  CustomProperty,
  CustomPropertyPatch,
  ListContactTagsQuery,
  ListContactsQuery,
  NewCustomProperty,
} from "./contact-api";
import { listContactsInWindows, type WindowedListingOptions } from "./contact-listing";
import { LineWorksApiError, NO_HTTP_STATUS } from "./errors";
import type { HttpResponse } from "./http";
import { paginate, type Page } from "./pagination";
import type { ClientStats, StatsCounter } from "./stats";
import type { ApiCall, HttpMethod, Transport } from "./transport";
import {
  asContact,
  asContactTag,
  asCustomProperty,
  contactFieldsRequest,
  contactListResponse,
  contactResponse,
  contactTagListResponse,
  contactTagRequest,
  contactTagResponse,
  customPropertyListResponse,
  customPropertyPatchRequest,
  customPropertyResponse,
  newCustomPropertyRequest,
  photoUploadRequest,
  photoUploadResponse,
} from "./wire";

/** How far before the POST a contact found by its natural key may have been created (clock skew). */
const CREATED_TIME_SKEW_MS = 5 * 60_000;

export interface ContactApiClientParts {
  transport: Transport;
  stats: StatsCounter;
  tokenRequests: () => number;
  domainId: number | undefined;
  listing: WindowedListingOptions;
}

export class HttpContactApi implements ContactApi {
  readonly domainId: number | undefined;
  private readonly transport: Transport;

  constructor(private readonly parts: ContactApiClientParts) {
    this.domainId = parts.domainId;
    this.transport = parts.transport;
  }

  /** What this client has sent so far. */
  stats(): ClientStats {
    return this.parts.stats.snapshot(this.parts.tokenRequests());
  }

  // ------------------------------------------------------------ contacts

  async createContact(fields: ContactFields): Promise<Contact> {
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
      () => this.findCreatedContact(fields, startedAt),
    );
  }

  async getContact(contactId: string): Promise<Contact | undefined> {
    const response = await this.getOrUndefined({ method: "GET", template: "/contacts/{contactId}", params: { contactId } });
    return response && asContact(parseBody(contactResponse, response, "GET", "/contacts/{contactId}"));
  }

  listContacts(query: ListContactsQuery = {}): AsyncIterable<Contact> {
    return listContactsInWindows((windowQuery) => this.contactPages("/contacts", {}, windowQuery), query, this.parts.listing);
  }

  listUserContacts(userId: string, query: ListContactsQuery = {}): AsyncIterable<Contact> {
    return listContactsInWindows(
      (windowQuery) => this.contactPages("/users/{userId}/contacts", { userId }, windowQuery),
      query,
      this.parts.listing,
    );
  }

  async replaceContact(contactId: string, fields: ContactFields): Promise<Contact> {
    return this.writeContact("PUT", contactId, fields);
  }

  async patchContact(contactId: string, fields: ContactFields): Promise<Contact> {
    return this.writeContact("PATCH", contactId, fields);
  }

  async deleteContact(contactId: string, options: { force?: boolean } = {}): Promise<void> {
    await this.deleteIgnoringNotFound({
      method: "DELETE",
      template: options.force ? "/contacts/{contactId}/forcedelete" : "/contacts/{contactId}",
      params: { contactId },
    });
  }

  // ------------------------------------------------------------ photos

  async uploadContactPhoto(contactId: string, fileName: string, bytes: Uint8Array): Promise<void> {
    const request = { fileName, fileSize: bytes.byteLength };
    checkBody(photoUploadRequest, request, "POST", "/contacts/{contactId}/photo");
    const response = await this.transport.call({
      method: "POST",
      template: "/contacts/{contactId}/photo",
      params: { contactId },
      json: request,
      repeatable: true,
    });
    const { uploadUrl } = parseBody(photoUploadResponse, response, "POST", "/contacts/{contactId}/photo");
    const form = multipartFile(PHOTO_UPLOAD_FIELD, fileName, bytes);
    await this.transport.call({
      method: PHOTO_UPLOAD_METHOD,
      template: "/contacts/{contactId}/photo (upload)",
      url: new URL(uploadUrl, this.apiBase()).toString(),
      raw: form,
      repeatable: true,
    });
  }

  async getContactPhoto(contactId: string): Promise<Uint8Array | undefined> {
    const response = await this.getOrUndefined({
      method: "GET",
      template: "/contacts/{contactId}/photo",
      params: { contactId },
      expect: [200, ...PHOTO_REDIRECT_STATUSES],
    });
    if (response === undefined) return undefined;
    if (!PHOTO_REDIRECT_STATUSES.includes(response.status)) return new Uint8Array(response.body);
    const location = response.headers.location;
    if (!location) {
      throw new LineWorksApiError({
        status: response.status,
        code: "MISSING_LOCATION",
        description: "the photo redirect has no Location header",
        method: "GET",
        path: `/contacts/${contactId}/photo`,
      });
    }
    const download = await this.getOrUndefined({
      method: "GET",
      template: "/contacts/{contactId}/photo (download)",
      url: new URL(location, this.apiBase()).toString(),
    });
    return download && new Uint8Array(download.body);
  }

  async deleteContactPhoto(contactId: string): Promise<void> {
    await this.deleteIgnoringNotFound({ method: "DELETE", template: "/contacts/{contactId}/photo", params: { contactId } });
  }

  // ------------------------------------------------------------ tags

  async createCompanyTag(contactTagName: string): Promise<ContactTag> {
    checkBody(contactTagRequest, { contactTagName }, "POST", "/contact-tags");
    return this.transport.create(
      {
        method: "POST",
        template: "/contact-tags",
        json: { contactTagName },
        expect: CREATE_SUCCESS_STATUSES,
        naturalKey: `contact tag name "${contactTagName}"`,
      },
      (response) => asContactTag(parseBody(contactTagResponse, response, "POST", "/contact-tags")),
      () => findFirst(this.listContactTags({ type: "COMPANY" }), (tag) => tag.contactTagName === contactTagName),
    );
  }

  async createUserTag(userId: string, contactTagName: string): Promise<ContactTag> {
    const template = "/users/{userId}/contact-tags";
    checkBody(contactTagRequest, { contactTagName }, "POST", template);
    return this.transport.create(
      {
        method: "POST",
        template,
        params: { userId },
        json: { contactTagName },
        expect: CREATE_SUCCESS_STATUSES,
        naturalKey: `user contact tag name "${contactTagName}" of user ${userId}`,
      },
      (response) => asContactTag(parseBody(contactTagResponse, response, "POST", template)),
      () =>
        findFirst(
          this.listUserContactTags(userId),
          (tag) =>
            tag.type === "USER" &&
            tag.contactTagName === contactTagName &&
            (tag.userId === undefined || tag.userId === userId),
        ),
    );
  }

  async getContactTag(contactTagId: string): Promise<ContactTag | undefined> {
    const template = "/contact-tags/{contactTagId}";
    const response = await this.getOrUndefined({ method: "GET", template, params: { contactTagId } });
    return response && asContactTag(parseBody(contactTagResponse, response, "GET", template));
  }

  listContactTags(query: ListContactTagsQuery = {}): AsyncIterable<ContactTag> {
    return this.tagPages("/contact-tags", {}, query);
  }

  listUserContactTags(userId: string, query: ListContactTagsQuery = {}): AsyncIterable<ContactTag> {
    return this.tagPages("/users/{userId}/contact-tags", { userId }, query);
  }

  async renameContactTag(contactTagId: string, contactTagName: string): Promise<ContactTag> {
    const template = "/contact-tags/{contactTagId}";
    checkBody(contactTagRequest, { contactTagName }, "PATCH", template);
    const response = await this.transport.call({
      method: "PATCH",
      template,
      params: { contactTagId },
      json: { contactTagName },
      naturalKey: `contact tag name "${contactTagName}"`,
    });
    return asContactTag(parseBody(contactTagResponse, response, "PATCH", template));
  }

  async deleteContactTag(contactTagId: string): Promise<void> {
    await this.deleteIgnoringNotFound({ method: "DELETE", template: USER_TAG_DELETE_PATH, params: { contactTagId } });
  }

  // ------------------------------------------------------------ custom properties

  async createCustomProperty(property: Omit<NewCustomProperty, "domainId">): Promise<CustomProperty> {
    const template = "/contacts/custom-properties";
    const body: NewCustomProperty = { domainId: this.requireDomainId(), ...property };
    checkBody(newCustomPropertyRequest, body, "POST", template);
    return this.transport.create(
      {
        method: "POST",
        template,
        json: body,
        expect: CREATE_SUCCESS_STATUSES,
        naturalKey: `custom property propertyName "${property.propertyName}" or displayName "${property.displayName}"`,
      },
      (response) => asCustomProperty(parseBody(customPropertyResponse, response, "POST", template)),
      () => this.getCustomProperty(property.propertyName),
    );
  }

  async getCustomProperty(idOrPropertyName: string): Promise<CustomProperty | undefined> {
    const template = "/contacts/custom-properties/{idOrPropertyName}";
    const response = await this.getOrUndefined({
      method: "GET",
      template,
      params: { idOrPropertyName },
      query: { domainId: this.requireDomainId() },
    });
    return response && asCustomProperty(parseBody(customPropertyResponse, response, "GET", template));
  }

  async listCustomProperties(): Promise<CustomProperty[]> {
    const template = "/contacts/custom-properties";
    const response = await this.transport.call({ method: "GET", template, query: { domainId: this.requireDomainId() } });
    return parseBody(customPropertyListResponse, response, "GET", template).customProperties.map(asCustomProperty);
  }

  async patchCustomProperty(idOrPropertyName: string, patch: CustomPropertyPatch): Promise<CustomProperty> {
    const template = "/contacts/custom-properties/{idOrPropertyName}";
    checkBody(customPropertyPatchRequest, patch, "PATCH", template);
    const domainId = this.requireDomainId();
    const response = await this.transport.call({
      method: "PATCH",
      template,
      params: { idOrPropertyName },
      ...(CUSTOM_PROPERTY_PATCH_SENDS_DOMAIN_ID && { query: { domainId } }),
      json: patch,
      ...(patch.displayName !== undefined && { naturalKey: `custom property displayName "${patch.displayName}"` }),
    });
    return asCustomProperty(parseBody(customPropertyResponse, response, "PATCH", template));
  }

  async deleteCustomProperty(idOrPropertyName: string): Promise<void> {
    await this.deleteIgnoringNotFound({
      method: "DELETE",
      template: "/contacts/custom-properties/{idOrPropertyName}",
      params: { idOrPropertyName },
      query: { domainId: this.requireDomainId() },
    });
  }

  // ------------------------------------------------------------ helpers

  private async writeContact(method: "PUT" | "PATCH", contactId: string, fields: ContactFields): Promise<Contact> {
    const template = "/contacts/{contactId}";
    checkBody(contactFieldsRequest, fields, method, template);
    const email = naturalEmail(fields);
    const response = await this.transport.call({
      method,
      template,
      params: { contactId },
      json: fields,
      ...(email !== undefined && { naturalKey: `primary email "${email}"` }),
    });
    return asContact(parseBody(contactResponse, response, method, template));
  }

  private contactPages(
    template: string,
    params: Record<string, string>,
    query: ListContactsQuery,
  ): AsyncIterable<Contact> {
    const { count, ...filters } = query;
    return paginate(
      async (cursor): Promise<Page<Contact>> => {
        const response = await this.transport.call({
          method: "GET",
          template,
          params,
          query: { ...filters, count: count ?? MAX_PAGE_SIZE, cursor },
        });
        const page = parseBody(contactListResponse, response, "GET", template);
        return { items: page.contacts.map(asContact), nextCursor: page.responseMetaData?.nextCursor };
      },
      { method: "GET", path: template },
    );
  }

  private tagPages(template: string, params: Record<string, string>, query: ListContactTagsQuery): AsyncIterable<ContactTag> {
    const { count, ...filters } = query;
    return paginate(
      async (cursor): Promise<Page<ContactTag>> => {
        const response = await this.transport.call({
          method: "GET",
          template,
          params,
          query: { ...filters, count: count ?? MAX_PAGE_SIZE, cursor },
        });
        const page = parseBody(contactTagListResponse, response, "GET", template);
        return { items: page.contactTags.map(asContactTag), nextCursor: page.responseMetaData?.nextCursor };
      },
      { method: "GET", path: template },
    );
  }

  /**
   * After an ambiguous POST /contacts: the contact we sent, found by its primary
   * email (or telephone when it has no email), with the same name, created since
   * shortly before the POST. Without a usable key the outcome cannot be checked,
   * and a second POST could duplicate the contact, so that fails.
   */
  private async findCreatedContact(fields: ContactFields, startedAt: number): Promise<Contact | undefined> {
    const email = naturalEmail(fields);
    const telephone = fields.telephones?.find((phone) => phone.primary)?.telephone ?? fields.telephones?.[0]?.telephone;
    let filter: ListContactsQuery;
    if (email !== undefined) filter = { email };
    else if (telephone !== undefined && telephone.replace(/\D/g, "").length >= 4) filter = { telephone };
    else {
      throw new LineWorksApiError({
        status: NO_HTTP_STATUS,
        code: "CREATE_OUTCOME_UNKNOWN",
        description: "the create failed without a clear answer and the contact has no email or telephone to look it up by",
        method: "POST",
        path: "/contacts",
        hint: "Check the contacts in LINE WORKS before running again, to avoid a duplicate",
      });
    }
    let best: Contact | undefined;
    for await (const contact of this.contactPages("/contacts", {}, filter)) {
      if (!sameContact(contact, fields, email, telephone)) continue;
      const created = contact.createdTime === undefined ? NaN : Date.parse(contact.createdTime);
      if (!Number.isNaN(created) && created < startedAt - CREATED_TIME_SKEW_MS) continue;
      if (best === undefined || (contact.createdTime ?? "") > (best.createdTime ?? "")) best = contact;
    }
    return best;
  }

  private async getOrUndefined(call: ApiCall): Promise<HttpResponse | undefined> {
    try {
      return await this.transport.call(call);
    } catch (error) {
      if (error instanceof LineWorksApiError && error.isNotFound) return undefined;
      throw error;
    }
  }

  /** Deletes are idempotent: an object that is already gone is not an error. */
  private async deleteIgnoringNotFound(call: ApiCall): Promise<void> {
    await this.getOrUndefined(call);
  }

  private requireDomainId(): number {
    if (this.domainId === undefined) {
      throw new ClientConfigError("custom properties need the domain id: set lineworks:domainId (LINEWORKS_DOMAIN_ID)");
    }
    return this.domainId;
  }

  private apiBase(): string {
    return this.transport.apiBaseUrl;
  }
}

function naturalEmail(fields: ContactFields): string | undefined {
  return fields.emails?.find((email) => email.primary)?.email ?? fields.emails?.[0]?.email;
}

function sameContact(
  contact: Contact,
  fields: ContactFields,
  email: string | undefined,
  telephone: string | undefined,
): boolean {
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

async function findFirst<T>(items: AsyncIterable<T>, match: (item: T) => boolean): Promise<T | undefined> {
  for await (const item of items) if (match(item)) return item;
  return undefined;
}

/** Parses a success body; a body that does not fit is reported as the API's fault, with the first problem. */
function parseBody<S extends z.ZodType>(
  schema: S,
  response: HttpResponse,
  method: HttpMethod,
  path: string,
): z.output<S> {
  let json: unknown;
  try {
    json = JSON.parse(response.body.toString("utf8"));
  } catch {
    json = undefined;
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  throw new LineWorksApiError({
    status: response.status,
    code: "UNEXPECTED_RESPONSE",
    description: `the response body does not have the documented shape (${firstIssue(parsed.error)})`,
    method,
    path,
  });
}

/** Checks an outgoing body before any request, so a programming error does not cost an API call. */
function checkBody(schema: z.ZodType, body: unknown, method: HttpMethod, path: string): void {
  const parsed = schema.safeParse(body);
  if (parsed.success) return;
  throw new LineWorksApiError({
    status: NO_HTTP_STATUS,
    code: "INVALID_REQUEST",
    description: `the request body is invalid (${firstIssue(parsed.error)})`,
    method,
    path,
  });
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return "unknown problem";
  const where = issue.path.length > 0 ? issue.path.join(".") : "body";
  return `${where}: ${issue.message}`;
}

/** A multipart/form-data body with one file field. */
function multipartFile(field: string, fileName: string, bytes: Uint8Array): { body: Buffer; contentType: string } {
  const boundary = `----lineworks-contacts-${Math.random().toString(16).slice(2)}${Date.now().toString(16)}`;
  const safeName = fileName.replace(/["\r\n\\]/g, "_");
  const head =
    `--${boundary}\r\n` +
    `Content-Disposition: form-data; name="${field}"; filename="${safeName}"\r\n` +
    `Content-Type: ${contentTypeOf(fileName)}\r\n\r\n`;
  const body = Buffer.concat([Buffer.from(head, "utf8"), Buffer.from(bytes), Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

function contentTypeOf(fileName: string): string {
  const extension = fileName.toLowerCase().split(".").pop();
  switch (extension) {
    case "jpg":
    case "jpeg":
      return "image/jpeg";
    case "png":
      return "image/png";
    case "gif":
      return "image/gif";
    case "bmp":
      return "image/bmp";
    case "webp":
      return "image/webp";
    default:
      return "application/octet-stream";
  }
}
