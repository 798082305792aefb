/**
 * The Directory API reads the provider makes (`GET /users/{userId}`, by resource id or login
 * email; lineworks-api.md "Checking owners before a write"): whether a user is a member of the
 * domain, and a member's login email (export writes owners as emails). Sent with the
 * member-read token (user.read), through the same transport.
 */
import { z } from "zod";
import type { Transport } from "../transport";
import { parseBody } from "./bodies";
import { getOrUndefined } from "./calls";

const USER = "/users/{userId}";
/** The one field read: the documented `email` (docs `user-get`); the rest of the User object is ignored. */
const userResponse = z.object({ email: z.string().nullish() }).loose();

export class MembersEndpoint {
  constructor(private readonly transport: Transport) {}

  /** True for a member, false for 404; any other refusal (a scope the app lacks) throws. */
  async isMember(userId: string): Promise<boolean> {
    return (await this.read(userId)) !== undefined;
  }

  /** The member's login email; undefined for 404 (not a member) or a user without one; other refusals throw. */
  async memberEmail(userId: string): Promise<string | undefined> {
    const response = await this.read(userId);
    if (response === undefined) return undefined;
    const email = parseBody(userResponse, response, "GET", USER).email;
    return typeof email === "string" && email !== "" ? email : undefined;
  }

  private read(userId: string) {
    return getOrUndefined(this.transport, { method: "GET", template: USER, params: { userId }, directory: true });
  }
}
