/** The Directory API's user read: `GET /users/{userId}` (assumptions-directory.ts). */
import type { FastifyInstance } from "fastify";
import { defaultUserName } from "../assumptions";
import { registerApiRoute } from "../api-route";
import type { EmulatorContext } from "../context";
import type { Member } from "../store";

/** A member as the API's User object: its documented fields only (assumptions-directory.ts). */
export function renderUser(domainId: number, member: Member): Record<string, unknown> {
  const userName = member.userName ?? defaultUserName(member.email);
  return {
    domainId,
    userId: member.userId,
    userExternalKey: member.externalKey ?? null,
    email: member.email,
    userName: { lastName: userName.lastName, firstName: userName.firstName ?? "" },
  };
}

export function registerUserRoutes(app: FastifyInstance, context: EmulatorContext): void {
  registerApiRoute(app, context, "GET", "/users/:userId", "users", ({ backend, domain, params }) => ({
    status: 200,
    body: renderUser(domain.domainId, backend.users.read(params.userId!)),
  }));
}
