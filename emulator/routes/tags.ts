/** Contact tags: company tags (POST /contact-tags), list, and GET/PUT/PATCH/DELETE of any tag. */
import type { FastifyInstance, HTTPMethods } from "fastify";
import { registerApiRoute, type ApiCall, type ApiHandler } from "../api-route";
import type { EmulatorContext } from "../context";
import { invalidParameter } from "../errors";
import { paginate, parseCount, queryFingerprint, queryParam, responseMetaData } from "../listing";
import type { TagRecord } from "../store";
import { contactTagBodySchema, contactTagPatchSchema, parseBody } from "../validation";

export function renderTag(tag: TagRecord): Record<string, unknown> {
  return {
    contactTagId: tag.contactTagId,
    contactTagName: tag.contactTagName,
    type: tag.type,
    ...(tag.type === "USER" ? { userId: tag.userIdAsSent } : {}),
  };
}

/** Lists tags with `type`, `orderBy` (name asc|desc), `count` and `cursor`. */
export function listTags(call: ApiCall, listName: string, tags: TagRecord[], extraFingerprint: Record<string, unknown> = {}) {
  const typeFilter = queryParam(call.query, "type");
  if (typeFilter !== undefined && typeFilter !== "COMPANY" && typeFilter !== "USER") {
    throw invalidParameter("type must be COMPANY or USER");
  }
  const orderBy = queryParam(call.query, "orderBy");
  const orderMatch = orderBy === undefined ? undefined : /^name(?:\s+(asc|desc))?$/i.exec(orderBy.trim());
  if (orderBy !== undefined && !orderMatch) throw invalidParameter("orderBy must be name asc or name desc");
  const byName = orderMatch !== undefined;
  const descending = (orderMatch?.[1] ?? "asc").toLowerCase() === "desc";
  const page = paginate(
    tags.filter((tag) => typeFilter === undefined || tag.type === typeFilter),
    {
      keyOf: (tag) => [byName ? tag.contactTagName : 0, tag.seq],
      descending,
      count: parseCount(call.query),
      cursor: queryParam(call.query, "cursor"),
      fingerprint: queryFingerprint(listName, { typeFilter, byName, descending, ...extraFingerprint }),
    },
  );
  return { status: 200, body: { contactTags: page.items.map(renderTag), responseMetaData: responseMetaData(page) } };
}

/** A tag operation: refused (403) before anything else when tags are turned off for the domain. */
export const tagOperation =
  (handler: ApiHandler): ApiHandler =>
  (call) => {
    call.backend.tags.assertEnabled();
    return handler(call);
  };

export function registerTagRoutes(app: FastifyInstance, context: EmulatorContext): void {
  const register = (method: HTTPMethods, path: string, access: "read" | "write", handler: ApiHandler) =>
    registerApiRoute(app, context, method, path, access, tagOperation(handler));

  register("POST", "/contact-tags", "write", ({ backend, body }) => ({
    status: 201,
    body: renderTag(backend.tags.create(parseBody(contactTagBodySchema, body).contactTagName)),
  }));

  register("GET", "/contact-tags", "read", (call) => listTags(call, "contact-tags", call.backend.tags.list()));

  register("GET", "/contact-tags/:contactTagId", "read", ({ backend, params }) => ({
    status: 200,
    body: renderTag(backend.tags.get(params.contactTagId!)),
  }));

  const rename =
    (schema: typeof contactTagBodySchema | typeof contactTagPatchSchema) =>
    ({ backend, params, body }: ApiCall) => ({
      status: 200,
      body: renderTag(backend.tags.rename(params.contactTagId!, parseBody(schema, body).contactTagName)),
    });
  register("PUT", "/contact-tags/:contactTagId", "write", rename(contactTagBodySchema));
  register("PATCH", "/contact-tags/:contactTagId", "write", rename(contactTagPatchSchema));

  register("DELETE", "/contact-tags/:contactTagId", "write", ({ backend, params }) => {
    backend.tags.delete(params.contactTagId!);
    return { status: 204 };
  });
}
