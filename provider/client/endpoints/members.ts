/**
 * The one Directory API read the provider makes: whether a user is a member of the domain
 * (`GET /users/{userId}`, by resource id or login email; lineworks-api.md "Checking owners
 * before a write"). Sent with the member-read token (user.read), through the same transport.
 */
import type { Transport } from "../transport";
import { getOrUndefined } from "./calls";

export class MembersEndpoint {
  constructor(private readonly transport: Transport) {}

  /** True for a member, false for 404; any other refusal (a scope the app lacks) throws. */
  async isMember(userId: string): Promise<boolean> {
    const response = await getOrUndefined(this.transport, { method: "GET", template: "/users/{userId}", params: { userId }, directory: true });
    return response !== undefined;
  }
}
