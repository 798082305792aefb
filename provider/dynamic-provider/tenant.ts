/**
 * Which tenant a stack points at: the API origin and the domain id its objects live in. Pure:
 * the settings are resolved by ../client/config.ts (the stack's config wins, the environment
 * variable is the fallback), exactly as the provider's client resolves them.
 */
import { resolveTenantSettings, type ConfigSource } from "../client/config";

/** What the stack's StackTenant records (once per stack). domainId is absent when none was set. */
export interface Tenant {
  apiOrigin: string;
  domainId?: number;
}

/** The config key that lets one run move the stack to another tenant; its value names the new domain id. */
export const MOVE_TENANT_KEY = "lineworks-contacts:moveTenant";

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

function parsed(origin: string): URL | undefined {
  try {
    return new URL(origin);
  } catch {
    return undefined;
  }
}

/** A local emulator: 127.0.0.0/8, localhost or [::1]. */
export function isLoopback(origin: string): boolean {
  const url = parsed(origin);
  return url !== undefined && LOOPBACK.test(url.hostname);
}

/** The origin of an API base URL; on loopback without the port (an emulator's port changes between runs). */
export function originOf(apiBaseUrl: string): string {
  const url = new URL(apiBaseUrl);
  return LOOPBACK.test(url.hostname) ? `${url.protocol}//${url.hostname}` : url.origin;
}

/** The tenant the provider's calls go to with these settings. Throws a ClientConfigError on a malformed value. */
export function effectiveTenant(config: ConfigSource, env: NodeJS.ProcessEnv = process.env): Tenant {
  const { apiBaseUrl, domainId } = resolveTenantSettings(config, env);
  return { apiOrigin: originOf(apiBaseUrl), ...(domainId !== undefined ? { domainId } : {}) };
}

/** A recorded tenant from a StackTenant's state (inputs or outputs); undefined when it holds none. */
export function tenantOf(props: Record<string, unknown> | undefined): Tenant | undefined {
  if (!props || typeof props.apiOrigin !== "string") return undefined;
  const domainId = typeof props.domainId === "number" ? props.domainId : typeof props.domainId === "string" && /^\d+$/.test(props.domainId) ? Number(props.domainId) : undefined;
  return { apiOrigin: props.apiOrigin, ...(domainId !== undefined ? { domainId } : {}) };
}

/** Loopback origins compare by scheme alone (any loopback host, any port); others exactly. */
export function sameOrigin(a: string, b: string): boolean {
  if (isLoopback(a) && isLoopback(b)) return parsed(a)!.protocol === parsed(b)!.protocol;
  return a.replace(/\/+$/, "") === b.replace(/\/+$/, "");
}

/**
 * The stack stays where it is: same origin, and the same domain id (a stack recorded without one
 * accepts the first one set: the domain is learned, not changed).
 */
export function sameTenant(recorded: Tenant, wanted: Tenant): boolean {
  return sameOrigin(recorded.apiOrigin, wanted.apiOrigin) && (recorded.domainId === undefined || recorded.domainId === wanted.domainId);
}

/** `domain 10000001 at https://www.worksapis.com`, loopback marked as a local emulator. */
export function describeTenant(tenant: Tenant): string {
  const domain = tenant.domainId === undefined ? "no domain id (lineworks:domainId unset)" : `domain ${tenant.domainId}`;
  return `${domain} at ${tenant.apiOrigin}${isLoopback(tenant.apiOrigin) ? " (a local emulator, any port)" : ""}`;
}

/** Whether the config asks to move the stack to `wanted` in this run (moveTenant names its domain id). */
export function moveRequested(move: string | undefined, wanted: Tenant): boolean {
  return move !== undefined && move.trim() !== "" && move.trim() === String(wanted.domainId ?? "");
}

/** The way back: the keys to fix, with the rule of which value wins. */
function pointBack(recorded: Tenant): string {
  const domain = recorded.domainId === undefined ? "unset lineworks:domainId" : `set lineworks:domainId to ${recorded.domainId}`;
  return (
    `${domain} and lineworks:apiBaseUrl to a URL at ${recorded.apiOrigin} again (the stack's config wins; ` +
    `LINEWORKS_DOMAIN_ID and LINEWORKS_API_BASE_URL count only where it has no value)`
  );
}

function moveOnPurpose(wanted: Tenant): string {
  const domain = wanted.domainId === undefined ? "<new domain id>" : String(wanted.domainId);
  return `to move the stack on purpose, run pulumi config set ${MOVE_TENANT_KEY} ${domain}, then pulumi up, then remove the key`;
}

/** preview / up: the config names another tenant than the stack's objects live in. */
export function refusalMessage(recorded: Tenant, wanted: Tenant): string {
  return (
    `This stack's objects live in ${describeTenant(recorded)}, but its config now points at ${describeTenant(wanted)}; ` +
    `nothing was called. If that is a mistake, ${pointBack(recorded)}; ${moveOnPurpose(wanted)}.`
  );
}

/** A refresh whose provider settings name another tenant: nothing is dropped from the state. */
export function refreshRefusalMessage(recorded: Tenant, wanted: Tenant): string {
  return (
    `This refresh would read ${describeTenant(wanted)}, but this stack's objects live in ${describeTenant(recorded)}; ` +
    `no object was dropped from the state. A refresh that does not run the program uses the provider settings of the ` +
    `last pulumi up: ${pointBack(recorded)}, then run pulumi refresh --run-program (or pulumi up), which uses the ` +
    `current config; ${moveOnPurpose(wanted)}.`
  );
}

/** What a read that found its object gone says when the tenant was refused (the StackTenant says why). */
export const UNREAD_MESSAGE =
  "kept in the state, not refreshed: this refresh points at another tenant than the stack's objects live in " +
  "(see the error about lineworks:domainId and lineworks:apiBaseUrl)";

export function moveWarning(recorded: Tenant, wanted: Tenant): string {
  return (
    `this stack moves from ${describeTenant(recorded)} to ${describeTenant(wanted)} (${MOVE_TENANT_KEY}); ` +
    `after this up, remove the key: pulumi config rm ${MOVE_TENANT_KEY}`
  );
}

export function staleMoveWarning(recorded: Tenant, move: string): string {
  return (
    `${MOVE_TENANT_KEY} is set (${move}) but the stack already points at ${describeTenant(recorded)} and does not move; ` +
    `remove it: pulumi config rm ${MOVE_TENANT_KEY}`
  );
}
