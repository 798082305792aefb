/**
 * The domain's users as the Directory API reads them (`GET /users/{userId}`): the seed's
 * members, named by resource id, login email or `externalKey:{key}` (assumptions-directory.ts).
 * Read-only: the emulator has no user writes.
 */
import { EXTERNAL_KEY_PREFIX, UNKNOWN_USER_STATUS } from "../assumptions";
import { ApiError } from "../errors";
import type { Member } from "../store";
import { BackendPart } from "./base";

export class UserBackend extends BackendPart {
  /** The member `reference` names; 404 for anyone who is not a member of this domain. */
  read(reference: string): Member {
    const member = reference.startsWith(EXTERNAL_KEY_PREFIX)
      ? this.domain.definition.members.find((candidate) => candidate.externalKey === reference.slice(EXTERNAL_KEY_PREFIX.length))
      : this.domain.member(reference);
    if (!member) throw new ApiError(UNKNOWN_USER_STATUS, `user ${reference} does not exist in domain ${this.domain.domainId}`);
    return member;
  }
}
