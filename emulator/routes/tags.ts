/** Contact tags: company tags (POST /contact-tags), list, and GET/PUT/PATCH/DELETE of any tag. */
import type { FastifyInstance } from "fastify";
import { CASCADE_TOUCHES_MODIFIED_TIME, DUPLICATE_NAME_STATUS, newContactTagId } from "../assumptions";
import { registerApiRoute, type ApiCall } from "../api-route";
import type { EmulatorContext } from "../context";
import { ApiError, invalidParameter, notFound } from "../errors";
import { paginate, parseCount, queryFingerprint, queryParam, responseMetaData } from "../listing";
import type { Domain, EmulatorStore, Member, TagRecord } from "../store";
import { contactTagBodySchema, contactTagPatchSchema, parseBody } from "../validation";

export function renderTag(tag: TagRecord): Record<string, unknown> {
  return {
    contactTagId: tag.contactTagId,
    contactTagName: tag.contactTagName,
    type: tag.type,
    ...(tag.type === "USER" ? { userId: tag.userIdAsSent } : {}),
  };
}

/** Tag names are unique among company tags, and among each member's user tags. */
export function assertUniqueTagName(domain: Domain, name: string, scope: { type: "COMPANY" | "USER"; ownerUserId?: string }, exceptId?: string): void {
  for (const tag of domain.data.tags.values()) {
    if (tag.contactTagId === exceptId || tag.type !== scope.type || tag.ownerUserId !== scope.ownerUserId) continue;
    if (tag.contactTagName === name) {
      throw new ApiError(DUPLICATE_NAME_STATUS, `a ${scope.type === "USER" ? "user" : "company"} tag named ${JSON.stringify(name)} already exists (${tag.contactTagId})`);
    }
  }
}

export function createTag(store: EmulatorStore, domain: Domain, body: unknown, owner?: { member: Member; asSent: string }): TagRecord {
  const { contactTagName } = parseBody(contactTagBodySchema, body);
  const scope = owner ? { type: "USER" as const, ownerUserId: owner.member.userId } : { type: "COMPANY" as const };
  assertUniqueTagName(domain, contactTagName, scope);
  const tag: TagRecord = {
    contactTagId: newContactTagId(),
    contactTagName,
    ...scope,
    ...(owner ? { userIdAsSent: owner.asSent } : {}),
    seq: store.nextSeq(),
  };
  domain.data.tags.set(tag.contactTagId, tag);
  store.changed();
  return tag;
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

function existingTag(domain: Domain, contactTagId: string): TagRecord {
  const tag = domain.data.tags.get(contactTagId);
  if (!tag) throw notFound(`contact tag ${contactTagId} does not exist`);
  return tag;
}

export function registerTagRoutes(app: FastifyInstance, context: EmulatorContext): void {
  const { store } = context;

  registerApiRoute(app, context, "POST", "/contact-tags", "write", ({ domain, body }) => ({
    status: 201,
    body: renderTag(createTag(store, domain, body)),
  }));

  registerApiRoute(app, context, "GET", "/contact-tags", "read", (call) =>
    listTags(call, "contact-tags", [...call.domain.data.tags.values()]),
  );

  registerApiRoute(app, context, "GET", "/contact-tags/:contactTagId", "read", ({ domain, params }) => ({
    status: 200,
    body: renderTag(existingTag(domain, params.contactTagId!)),
  }));

  const rename = (schema: typeof contactTagBodySchema | typeof contactTagPatchSchema) =>
    ({ domain, params, body }: ApiCall) => {
      const tag = existingTag(domain, params.contactTagId!);
      const { contactTagName } = parseBody(schema, body);
      if (contactTagName !== undefined) {
        assertUniqueTagName(domain, contactTagName, tag, tag.contactTagId);
        tag.contactTagName = contactTagName;
        store.changed();
      }
      return { status: 200, body: renderTag(tag) };
    };
  registerApiRoute(app, context, "PUT", "/contact-tags/:contactTagId", "write", rename(contactTagBodySchema));
  registerApiRoute(app, context, "PATCH", "/contact-tags/:contactTagId", "write", rename(contactTagPatchSchema));

  registerApiRoute(app, context, "DELETE", "/contact-tags/:contactTagId", "write", ({ domain, params }) => {
    const tag = existingTag(domain, params.contactTagId!);
    domain.data.tags.delete(tag.contactTagId);
    // Contacts lose the deleted tag.
    for (const contact of domain.data.contacts.values()) {
      const tagIds = contact.fields.contactTagIds as string[] | undefined;
      if (!tagIds?.includes(tag.contactTagId)) continue;
      contact.fields.contactTagIds = tagIds.filter((id) => id !== tag.contactTagId);
      if (CASCADE_TOUCHES_MODIFIED_TIME) contact.modifiedAt = Date.now();
    }
    store.changed();
    return { status: 204 };
  });
}
