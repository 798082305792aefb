/** User contact tags: POST and GET /users/{userId}/contact-tags. */
import type { FastifyInstance } from "fastify";
import { registerApiRoute } from "../api-route";
import type { EmulatorContext } from "../context";
import { pathMember } from "./contacts";
import { createTag, listTags, renderTag } from "./tags";

export function registerUserTagRoutes(app: FastifyInstance, context: EmulatorContext): void {
  registerApiRoute(app, context, "POST", "/users/:userId/contact-tags", "write", ({ domain, params, body }) => {
    const member = pathMember(domain, params.userId!);
    return { status: 201, body: renderTag(createTag(context.store, domain, body, { member, asSent: params.userId! })) };
  });

  // Company tags plus the member's own user tags.
  registerApiRoute(app, context, "GET", "/users/:userId/contact-tags", "read", (call) => {
    const member = pathMember(call.domain, call.params.userId!);
    const visible = [...call.domain.data.tags.values()].filter(
      (tag) => tag.type === "COMPANY" || tag.ownerUserId === member.userId,
    );
    return listTags(call, "user-contact-tags", visible, { member: member.userId });
  });
}
