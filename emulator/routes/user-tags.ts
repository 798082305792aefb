/** User contact tags: POST and GET /users/{userId}/contact-tags. */
import type { FastifyInstance } from "fastify";
import { registerApiRoute } from "../api-route";
import type { EmulatorContext } from "../context";
import { contactTagBodySchema, parseBody } from "../validation";
import { listTags, renderTag, tagOperation } from "./tags";

export function registerUserTagRoutes(app: FastifyInstance, context: EmulatorContext): void {
  registerApiRoute(app, context, "POST", "/users/:userId/contact-tags", "write", tagOperation(({ backend, params, body }) => {
    const member = backend.contacts.pathMember(params.userId!);
    const { contactTagName } = parseBody(contactTagBodySchema, body);
    return { status: 201, body: renderTag(backend.tags.create(contactTagName, { member, asSent: params.userId! })) };
  }));

  // Company tags plus the member's own user tags.
  registerApiRoute(app, context, "GET", "/users/:userId/contact-tags", "read", tagOperation((call) => {
    const member = call.backend.contacts.pathMember(call.params.userId!);
    return listTags(call, "user-contact-tags", call.backend.tags.list(member), { member: member.userId });
  }));
}
