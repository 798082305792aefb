/**
 * Edits made in the LINE WORKS app and the admin console (lineworks-api.md "Outside the API"),
 * as admin endpoints for tests, demos and the dashboard. Not part of the real API. Every edit
 * goes through the domain's backend and its rules (names unique per kind, tags that exist,
 * values shaped by their field, the cap on external contacts, ...), is recorded in the request
 * log as kind "app" (GET /_emulator/requests?include=app), and is neither rate limited, nor
 * counted in the API's limits, nor subject to faults. Errors are `{code, description}` with the
 * status the API would use for the same rule. `:domainId` is a seeded domain.
 *
 *   POST   /_emulator/app/:domainId/company-tags               {contactTagName}          add a company tag (201)
 *   PATCH  /_emulator/app/:domainId/company-tags/:contactTagId {contactTagName}          rename it
 *   DELETE /_emulator/app/:domainId/company-tags/:contactTagId                           delete it (contacts lose it; 204)
 *   POST   /_emulator/app/:domainId/members/:userId/user-tags  {contactTagName}          a member adds a user tag (201)
 *   PUT    /_emulator/app/:domainId/user-tags                  {enabled}                 the console switch; false deletes
 *                                                                                        every user tag: {enabled, deleted}
 *   POST   /_emulator/app/:domainId/contacts                   a contact, as POST /contacts    add a contact (201)
 *   PATCH  /_emulator/app/:domainId/contacts/:contactId        {memo?, contactTagIds?, customProperties?}
 *                                                              edit what the app edits (null clears)
 *   DELETE /_emulator/app/:domainId/contacts/:contactId                                  delete to the trash (204)
 *   POST   /_emulator/app/:domainId/trash/:contactId/restore                             restore from the trash
 *   DELETE /_emulator/app/:domainId/trash/:contactId                                     delete it permanently (204)
 *   DELETE /_emulator/app/:domainId/trash                                                empty the trash: {deleted}
 *   POST   /_emulator/app/:domainId/custom-properties          {displayName, propertyType, multiValued?,
 *                                                              propertyName?, i18nDisplayNames?}
 *                                                              add a field the console way: a random
 *                                                              propertyName when none is given, placed last (201)
 *   PUT    /_emulator/app/:domainId/custom-properties/order    {order: [customPropertyId or propertyName...]}
 *                                                              drag: every field, in its new order, gets
 *                                                              displayOrder 1..n: {customProperties}
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods } from "fastify";
import { z } from "zod";
import type { DomainBackend } from "../backend";
import { renderContact } from "../contact-render";
import type { EmulatorContext } from "../context";
import { ApiError, notFound } from "../errors";
import type { CustomPropertyRecord, Domain } from "../store";
import {
  contactBodySchema,
  contactPatchSchema,
  contactTagBodySchema,
  customPropertyBodySchema,
  parseBody,
} from "../validation";
import { ADMIN_PREFIX } from "./admin";
import { renderTag } from "./tags";

export const APP_PREFIX = `${ADMIN_PREFIX}/app`;

interface AppCall {
  domain: Domain;
  backend: DomainBackend;
  params: Record<string, string>;
  body: unknown;
}

type AppHandler = (call: AppCall) => { status: number; body?: unknown };

const contactEditSchema = contactPatchSchema.pick({ memo: true, contactTagIds: true, customProperties: true }).strict();
const consoleFieldSchema = customPropertyBodySchema
  .omit({ domainId: true, displayOrder: true, propertyName: true })
  .extend({ propertyName: z.union([z.literal(""), customPropertyBodySchema.shape.propertyName]).optional() })
  .strict();
const orderSchema = z.strictObject({ order: z.array(z.string().min(1)).min(1) });
const userTagsSchema = z.strictObject({ enabled: z.boolean() });

function renderProperty(domain: Domain, property: CustomPropertyRecord) {
  const { seq: _seq, ...fields } = property;
  return { domainId: domain.domainId, ...fields };
}

export function registerAppRoutes(app: FastifyInstance, context: EmulatorContext): void {
  const route = (method: HTTPMethods, path: string, handler: AppHandler) => {
    const url = `${APP_PREFIX}/:domainId${path}`;
    const time = new WeakMap<object, string>();
    app.route({
      method,
      url,
      onRequest: async (request) => {
        time.set(request.raw, new Date().toISOString());
      },
      onResponse: async (request: FastifyRequest, reply: FastifyReply) => {
        const { domainId } = request.params as { domainId?: string };
        const queryStart = request.url.indexOf("?");
        context.log.add({
          kind: "app",
          method: request.method,
          path: queryStart < 0 ? request.url : request.url.slice(0, queryStart),
          query: { ...(request.query as Record<string, unknown> | undefined) },
          status: reply.statusCode,
          time: time.get(request.raw) ?? new Date().toISOString(),
          route: `${method} ${url}`,
          ...(domainId !== undefined && /^\d+$/.test(domainId) ? { domainId: Number(domainId) } : {}),
        });
      },
      handler: async (request, reply) => {
        const params = request.params as Record<string, string>;
        try {
          const domain = /^\d+$/.test(params.domainId ?? "") ? context.store.domain(Number(params.domainId)) : undefined;
          if (!domain) throw notFound(`domain ${params.domainId} is not seeded`);
          const result = handler({ domain, backend: context.backends.of(domain), params, body: request.body ?? {} });
          reply.code(result.status);
          return result.body === undefined ? reply.send() : reply.send(result.body);
        } catch (err) {
          if (!(err instanceof ApiError)) throw err;
          return reply.code(err.status).send(err.toBody());
        }
      },
    });
  };

  route("POST", "/company-tags", ({ backend, body }) => ({
    status: 201,
    body: renderTag(backend.tags.create(parseBody(contactTagBodySchema, body).contactTagName)),
  }));
  route("PATCH", "/company-tags/:contactTagId", ({ backend, params, body }) => {
    const tag = backend.tags.get(params.contactTagId!);
    if (tag.type !== "COMPANY") throw notFound(`${params.contactTagId} is not a company tag`);
    return { status: 200, body: renderTag(backend.tags.rename(tag.contactTagId, parseBody(contactTagBodySchema, body).contactTagName)) };
  });
  route("DELETE", "/company-tags/:contactTagId", ({ backend, params }) => {
    const tag = backend.tags.get(params.contactTagId!);
    if (tag.type !== "COMPANY") throw notFound(`${params.contactTagId} is not a company tag`);
    backend.tags.delete(tag.contactTagId);
    return { status: 204 };
  });
  route("POST", "/members/:userId/user-tags", ({ backend, params, body }) => {
    const member = backend.contacts.pathMember(params.userId!);
    const { contactTagName } = parseBody(contactTagBodySchema, body);
    return { status: 201, body: renderTag(backend.tags.create(contactTagName, { member, asSent: member.userId })) };
  });
  route("PUT", "/user-tags", ({ backend, body }) => {
    const { enabled } = parseBody(userTagsSchema, body);
    return { status: 200, body: { enabled, deleted: backend.tags.setUserTags(enabled) } };
  });

  route("POST", "/contacts", ({ backend, body }) => ({
    status: 201,
    body: renderContact(backend.contacts.create(parseBody(contactBodySchema, body))),
  }));
  route("PATCH", "/contacts/:contactId", ({ backend, params, body }) => ({
    status: 200,
    body: renderContact(backend.contacts.patch(params.contactId!, parseBody(contactEditSchema, body))),
  }));
  route("DELETE", "/contacts/:contactId", ({ backend, params }) => {
    backend.contacts.delete(params.contactId!);
    return { status: 204 };
  });
  route("POST", "/trash/:contactId/restore", ({ backend, params }) => ({
    status: 200,
    body: renderContact(backend.contacts.restore(params.contactId!)),
  }));
  route("DELETE", "/trash/:contactId", ({ backend, params }) => {
    if (!backend.contacts.trashed().some((record) => record.contactId === params.contactId)) {
      throw notFound(`contact ${params.contactId} is not in the trash`);
    }
    backend.contacts.forceDelete(params.contactId!);
    return { status: 204 };
  });
  route("DELETE", "/trash", ({ backend }) => ({ status: 200, body: { deleted: backend.contacts.emptyTrash() } }));

  route("POST", "/custom-properties", ({ domain, backend, body }) => ({
    status: 201,
    body: renderProperty(domain, backend.customProperties.createInConsole(parseBody(consoleFieldSchema, body))),
  }));
  route("PUT", "/custom-properties/order", ({ domain, backend, body }) => ({
    status: 200,
    body: { customProperties: backend.customProperties.reorder(parseBody(orderSchema, body).order).map((p) => renderProperty(domain, p)) },
  }));
}
