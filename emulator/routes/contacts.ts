/** Contacts: POST, GET list, GET per member, GET one, PUT, PATCH, DELETE, forcedelete. */
import type { FastifyInstance } from "fastify";
import {
  CREATE_CONTACT_STATUS,
  DELETE_MOVES_TO_TRASH,
  NON_MEMBER_IN_PATH_STATUS,
  TOUCH_MODIFIED_TIME_ON_NOOP_WRITE,
  newContactId,
} from "../assumptions";
import { registerApiRoute, type ApiCall } from "../api-route";
import { checkContact, definedFields, mergePatch, renderContact } from "../contact-model";
import { parseContactQuery } from "../contact-query";
import type { EmulatorContext } from "../context";
import { ApiError, notFound } from "../errors";
import { paginate, parseCount, queryFingerprint, queryParam, responseMetaData } from "../listing";
import type { ContactRecord, Domain, Member } from "../store";
import { contactBodySchema, contactPatchSchema, parseBody } from "../validation";

/** A contact that is not in the trash; 404 otherwise. */
export function liveContact(domain: Domain, contactId: string): ContactRecord {
  const record = domain.data.contacts.get(contactId);
  if (!record || record.trashed) throw notFound(`contact ${contactId} does not exist`);
  return record;
}

/** Removes a contact permanently, with its photo and pending uploads. */
function removeContact(domain: Domain, contactId: string): void {
  domain.data.contacts.delete(contactId);
  domain.data.photos.delete(contactId);
  for (const [uploadId, upload] of domain.data.uploads) if (upload.contactId === contactId) domain.data.uploads.delete(uploadId);
}

/** Stores new fields of a contact and sets modifiedTime. */
function writeFields(record: ContactRecord, fields: ContactRecord["fields"]): void {
  const changed = JSON.stringify(fields) !== JSON.stringify(record.fields);
  record.fields = fields;
  if (changed || TOUCH_MODIFIED_TIME_ON_NOOP_WRITE) record.modifiedAt = Math.max(Date.now(), record.createdAt);
}

export function pathMember(domain: Domain, userId: string): Member {
  const member = domain.member(userId);
  if (!member) throw new ApiError(NON_MEMBER_IN_PATH_STATUS, `user ${userId} is not a member of the domain`);
  return member;
}

function listContacts(context: EmulatorContext, call: ApiCall, listName: string, member?: Member) {
  const contactQuery = parseContactQuery(call.domain, call.query, member);
  const count = parseCount(call.query);
  const page = paginate(
    [...call.domain.data.contacts.values()].filter(contactQuery.matches),
    {
      keyOf: contactQuery.keyOf,
      descending: contactQuery.descending,
      count,
      cursor: queryParam(call.query, "cursor"),
      fingerprint: queryFingerprint(listName, contactQuery.fingerprintParts),
      cap: context.reachableContacts,
    },
  );
  return {
    status: 200,
    body: { contacts: page.items.map(renderContact), responseMetaData: responseMetaData(page) },
  };
}

export function registerContactRoutes(app: FastifyInstance, context: EmulatorContext): void {
  const { store } = context;

  registerApiRoute(app, context, "POST", "/contacts", "write", ({ domain, body }) => {
    const fields = definedFields(parseBody(contactBodySchema, body));
    checkContact(domain, fields);
    const now = Date.now();
    const record: ContactRecord = {
      contactId: newContactId(),
      fields,
      createdAt: now,
      modifiedAt: now,
      trashed: false,
      seq: store.nextSeq(),
    };
    domain.data.contacts.set(record.contactId, record);
    store.changed();
    return { status: CREATE_CONTACT_STATUS, body: renderContact(record) };
  });

  registerApiRoute(app, context, "GET", "/contacts", "read", (call) => listContacts(context, call, "contacts"));

  registerApiRoute(app, context, "GET", "/users/:userId/contacts", "read", (call) => {
    const member = pathMember(call.domain, call.params.userId!);
    return listContacts(context, call, "user-contacts", member);
  });

  registerApiRoute(app, context, "GET", "/contacts/:contactId", "read", ({ domain, params }) => ({
    status: 200,
    body: renderContact(liveContact(domain, params.contactId!)),
  }));

  registerApiRoute(app, context, "PUT", "/contacts/:contactId", "write", ({ domain, params, body }) => {
    const record = liveContact(domain, params.contactId!);
    const fields = definedFields(parseBody(contactBodySchema, body));
    checkContact(domain, fields);
    writeFields(record, fields);
    store.changed();
    return { status: 200, body: renderContact(record) };
  });

  registerApiRoute(app, context, "PATCH", "/contacts/:contactId", "write", ({ domain, params, body }) => {
    const record = liveContact(domain, params.contactId!);
    const patch = parseBody(contactPatchSchema, body);
    const fields = mergePatch(record.fields, patch);
    checkContact(domain, fields);
    writeFields(record, fields);
    store.changed();
    return { status: 200, body: renderContact(record) };
  });

  registerApiRoute(app, context, "DELETE", "/contacts/:contactId", "write", ({ domain, params }) => {
    const record = liveContact(domain, params.contactId!);
    if (DELETE_MOVES_TO_TRASH) record.trashed = true;
    else removeContact(domain, record.contactId);
    store.changed();
    return { status: 204 };
  });

  registerApiRoute(app, context, "DELETE", "/contacts/:contactId/forcedelete", "write", ({ domain, params }) => {
    const contactId = params.contactId!;
    if (!domain.data.contacts.has(contactId)) throw notFound(`contact ${contactId} does not exist`);
    removeContact(domain, contactId);
    store.changed();
    return { status: 204 };
  });
}
