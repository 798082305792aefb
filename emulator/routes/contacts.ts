/** Contacts: POST, GET list, GET per member, GET one, PUT, PATCH, DELETE, forcedelete. */
import type { FastifyInstance } from "fastify";
import { CREATE_CONTACT_STATUS } from "../assumptions";
import { registerApiRoute, type ApiCall } from "../api-route";
import { renderContact } from "../contact-render";
import { parseContactQuery } from "../contact-query";
import type { EmulatorContext } from "../context";
import { paginate, parseCount, queryFingerprint, queryParam, responseMetaData } from "../listing";
import type { Member } from "../store";
import { contactBodySchema, contactPatchSchema, parseBody } from "../validation";

function listContacts(context: EmulatorContext, call: ApiCall, listName: string, member?: Member) {
  const contactQuery = parseContactQuery(call.domain, call.query, member);
  const page = paginate(call.backend.contacts.all().filter(contactQuery.matches), {
    keyOf: contactQuery.keyOf,
    descending: contactQuery.descending,
    count: parseCount(call.query),
    cursor: queryParam(call.query, "cursor"),
    fingerprint: queryFingerprint(listName, contactQuery.fingerprintParts),
    cap: context.reachableContacts,
  });
  return { status: 200, body: { contacts: page.items.map(renderContact), responseMetaData: responseMetaData(page) } };
}

export function registerContactRoutes(app: FastifyInstance, context: EmulatorContext): void {
  registerApiRoute(app, context, "POST", "/contacts", "write", ({ backend, body }) => ({
    status: CREATE_CONTACT_STATUS,
    body: renderContact(backend.contacts.create(parseBody(contactBodySchema, body))),
  }));

  registerApiRoute(app, context, "GET", "/contacts", "read", (call) => listContacts(context, call, "contacts"));

  registerApiRoute(app, context, "GET", "/users/:userId/contacts", "read", (call) =>
    listContacts(context, call, "user-contacts", call.backend.contacts.pathMember(call.params.userId!)),
  );

  registerApiRoute(app, context, "GET", "/contacts/:contactId", "read", ({ backend, params }) => ({
    status: 200,
    body: renderContact(backend.contacts.live(params.contactId!)),
  }));

  registerApiRoute(app, context, "PUT", "/contacts/:contactId", "write", ({ backend, params, body }) => ({
    status: 200,
    body: renderContact(backend.contacts.replace(params.contactId!, parseBody(contactBodySchema, body))),
  }));

  registerApiRoute(app, context, "PATCH", "/contacts/:contactId", "write", ({ backend, params, body }) => ({
    status: 200,
    body: renderContact(backend.contacts.patch(params.contactId!, parseBody(contactPatchSchema, body))),
  }));

  registerApiRoute(app, context, "DELETE", "/contacts/:contactId", "write", ({ backend, params }) => {
    backend.contacts.delete(params.contactId!);
    return { status: 204 };
  });

  registerApiRoute(app, context, "DELETE", "/contacts/:contactId/forcedelete", "write", ({ backend, params }) => {
    backend.contacts.forceDelete(params.contactId!);
    return { status: 204 };
  });
}
