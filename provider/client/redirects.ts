/**
 * Which redirects the transport follows, and where the token may go. Pure
 * functions: the transport asks them at every hop.
 */
import { FOLLOWED_REDIRECT_STATUSES, MAX_REDIRECT_HOPS, TRUSTED_TOKEN_HOST_SUFFIXES } from "./assumptions";
import { ErrorCode } from "./error-codes";

export type RedirectDecision =
  | { follow: false }
  | { follow: true; url: string }
  | {
      follow: "refuse";
      code: typeof ErrorCode.TOO_MANY_REDIRECTS | typeof ErrorCode.MISSING_LOCATION | typeof ErrorCode.REDIRECT_TO_OTHER_ORIGIN;
      description: string;
      hint?: string;
    };

/**
 * After a response to `currentUrl`: a 307/308 is followed (same method, same body)
 * to its `Location` on the same origin, at most MAX_REDIRECT_HOPS times; a redirect
 * to another origin, or one hop too many, is refused. `expected` statuses (such as
 * the photo download's 302) are answers, not redirects. `setting` names the configuration key of
 * the URL called (lineworks:authUrl for a token grant), for the hint of a cross-origin redirect.
 */
export function redirectDecision(
  status: number,
  location: string | undefined,
  currentUrl: string,
  hopsSoFar: number,
  expected: readonly number[] | undefined,
  setting = "lineworks:apiBaseUrl",
): RedirectDecision {
  if (!FOLLOWED_REDIRECT_STATUSES.includes(status) || expected?.includes(status)) return { follow: false };
  if (!location) {
    return { follow: "refuse", code: ErrorCode.MISSING_LOCATION, description: `the API answered ${status} without a Location header` };
  }
  let target: URL;
  try {
    target = new URL(location, currentUrl);
  } catch {
    return { follow: "refuse", code: ErrorCode.MISSING_LOCATION, description: `the API answered ${status} with an unusable Location` };
  }
  const from = new URL(currentUrl);
  if (target.origin !== from.origin) {
    return {
      follow: "refuse",
      code: ErrorCode.REDIRECT_TO_OTHER_ORIGIN,
      description: `the API redirected (${status}) from ${from.origin} to ${target.origin}; the request was not repeated there, so neither the token nor the body left ${from.origin}`,
      hint: `If ${target.origin} is the LINE WORKS API, set ${setting} to it`,
    };
  }
  if (hopsSoFar >= MAX_REDIRECT_HOPS) {
    return {
      follow: "refuse",
      code: ErrorCode.TOO_MANY_REDIRECTS,
      description: `the API kept redirecting (${status}) after ${MAX_REDIRECT_HOPS} redirects`,
      hint: "The LINE WORKS API failed; try again later",
    };
  }
  return { follow: true, url: target.toString() };
}

/**
 * The token goes to the API base URL's origin, and to https LINE WORKS hosts for the
 * upload/download URLs the API hands out; never anywhere else.
 */
export function mayReceiveToken(url: string, apiOrigin: string): boolean {
  const target = new URL(url);
  if (target.origin === apiOrigin) return true;
  return target.protocol === "https:" && TRUSTED_TOKEN_HOST_SUFFIXES.some((suffix) => target.hostname.endsWith(suffix));
}
