/**
 * Owners in an export are written the way the files' other owners are: as the member's login
 * email (a user tag's userId, a contact's permission.masterUserId). The API may return a
 * member's resource id; the Directory API (`GET /users/{userId}`, scope user.read) gives the
 * email. Without that scope, or for a user the directory does not know, the reference stays
 * as the API returned it, and a note says so.
 */
import type { ContactApi } from "../client/contact-api";
import { LineWorksApiError } from "../client/errors";

export interface OwnerEmails {
  /** Login email by the reference the API returned (only references that are not emails already). */
  emails: Map<string, string>;
  notes: string[];
}

/** Whether `reference` is already a login email: then it is written as it is, with no lookup. */
export function isEmailReference(reference: string): boolean {
  return reference.includes("@");
}

/** A refusal that means "this app may not read users", not "no such user". */
function isDirectoryRefusal(error: unknown): boolean {
  return error instanceof LineWorksApiError && (error.isScopeNotGranted || error.status === 403);
}

/** Looks up the login email of every reference that is not one, one call per distinct member. */
export async function readOwnerEmails(api: Pick<ContactApi, "memberEmail">, references: Iterable<string>): Promise<OwnerEmails> {
  const emails = new Map<string, string>();
  const notes: string[] = [];
  const ids = [...new Set(references)].filter((reference) => reference !== "" && !isEmailReference(reference)).sort();
  let unknown = 0;
  for (const [index, id] of ids.entries()) {
    let email: string | undefined;
    try {
      email = await api.memberEmail(id);
    } catch (error) {
      if (!isDirectoryRefusal(error)) throw error;
      notes.push(
        `${ids.length - index} owners (userTags' userId, contacts' permission.masterUserId) are written as the API returned them, ` +
          "user ids rather than login emails: the app may not read users. Grant it the scope user.read in the Developer Console " +
          "and export again to write them as emails.",
      );
      break;
    }
    if (email === undefined) unknown++;
    else emails.set(id, email);
  }
  if (unknown > 0) {
    notes.push(
      `${unknown} owners are written as the API returned them: the directory knows no member by that id (a member who left?). ` +
        "Name a current member by login email there before the first up.",
    );
  }
  return { emails, notes };
}

/** The owner as the files write it: the member's login email where known, else the reference as returned. */
export function ownerAsWritten(reference: string, owners: OwnerEmails | undefined): string {
  return owners?.emails.get(reference) ?? reference;
}
