/**
 * The Directory API's user read (`GET /v1.0/users/{userId}`), which lets a client check at
 * preview that an owner is a member (lineworks-api.md "Checking owners before a write"), and
 * the scopes it takes. Part of the emulator's one place for assumptions (assumptions.ts
 * re-exports it). Each entry cites its source.
 */
import type { Plan } from "./assumptions-app";
import { GRANTABLE_SCOPES } from "./assumptions-behaviour";

/**
 * documented (docs `user-get-profile`, `user-get-email`, `user-list`: "user / user.read /
 * directory / directory.read scope を含む Access Token で呼び出す場合、ユーザーの情報を取得"): a
 * token with any of these reads a user. `user.profile.read` and `user.email.read` (narrower
 * answers) are not modelled: the emulator's token endpoint does not grant them.
 */
export const USER_READ_SCOPES = ["directory", "directory.read", "user", "user.read"] as const;

/**
 * lineworks-api.md "Checking owners" and docs `auth-scope` (the plan columns): the Free plan has no
 * `directory` / `directory.read`. A Free-plan domain (seed `plan: free`) is not given them by
 * default, and a seed that lists them for it is refused at start.
 */
export const SCOPES_NOT_ON_FREE_PLAN = ["directory", "directory.read"] as const;

/**
 * The scopes an app whose seed lists no `scopes` was given in the Developer Console: ASSUMED
 * every scope the token endpoint can grant (GRANTABLE_SCOPES) that the
 * domain's plan offers, so the default app can read contacts, write them and read users
 * (`contact`, `contact.read`, `user.read`, ...). A seed `scopes: [contact.read]` models an app
 * without any user scope.
 */
export function defaultGrantedScopes(plan: Plan | undefined): string[] {
  const notOnPlan: readonly string[] = plan === "free" ? SCOPES_NOT_ON_FREE_PLAN : [];
  return GRANTABLE_SCOPES.filter((scope) => !notOnPlan.includes(scope));
}

/**
 * documented (docs `user-get`, path parameter userId, "URL エンコードする"): a user is named by its
 * resource id, its login email, or `externalKey:{userExternalKey}`. ASSUMED: emails match
 * case-insensitively; external keys exactly. A member whose seed gives no `externalKey` has none
 * (`userExternalKey: null`, documented nullable), so `externalKey:...` names nobody (404).
 */
export const EXTERNAL_KEY_PREFIX = "externalKey:";

/** documented (docs `user-get-email`: "HTTP 404 Not Found"): anyone not a member of the token's domain. */
export const UNKNOWN_USER_STATUS = 404;

/**
 * documented fields (docs `user-get-profile`): `userId`, `userExternalKey` (nullable), `email`,
 * `userName` {lastName, firstName}; `domainId` (docs `user-list`, required in User).
 * ASSUMED: the rest of the User object (i18nNames, organizations, telephone, ...) is left out.
 * ASSUMED: a member whose seed gives no `userName` is named after its email, lastName the local
 * part and firstName empty. (Rendered by routes/users.ts renderUser.)
 */
export function defaultUserName(email: string): { lastName: string; firstName: string } {
  return { lastName: email.slice(0, email.indexOf("@")), firstName: "" };
}
