/**
 * StackTenant: one small resource per stack recording the API origin and domain id its objects
 * live in (./tenant.ts). The root program registers it before every other resource, so the
 * engine checks it first: a run whose settings name another tenant stops in its diff, before
 * any API call. No handler calls the API. Its inputs are not the program's: check() fills them
 * with the tenant the provider's own settings resolve to.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { ConfigSource } from "../client/config";
import type { TenantGate } from "./tenant-gate";
import {
  effectiveTenant,
  MOVE_TENANT_KEY,
  moveRequested,
  moveWarning,
  refreshRefusalMessage,
  refusalMessage,
  sameTenant,
  staleMoveWarning,
  tenantOf,
  type Tenant,
} from "./tenant";
import { withoutStackTrace } from "./user-error";

export interface StackTenantDeps {
  /** The provider's stack config (as configure received it). */
  config(): ConfigSource;
  warn(message: string): void;
  gate: TenantGate;
  env?: NodeJS.ProcessEnv;
  /**
   * Throws the provider's configuration error (e.g. no credentials), if any: said instead of a
   * tenant mismatch, since settings left out entirely also point at the default API.
   */
  checkSettings?(): void;
}

/** The resource id: one StackTenant per stack. */
export const STACK_TENANT_ID = "tenant";

export function stackTenantHandlers(deps: StackTenantDeps): pulumi.dynamic.ResourceProvider {
  const effective = (): Tenant => effectiveTenant(deps.config(), deps.env ?? process.env);
  const refuse = (message: string) => withoutStackTrace(new Error(message));

  return {
    async check() {
      return { inputs: { ...effective() }, failures: [] };
    },

    async diff(_id, olds: Record<string, unknown>, news: Record<string, unknown>) {
      const recorded = tenantOf(olds);
      const wanted = tenantOf(news) ?? effective();
      if (!recorded) return { changes: true };
      const move = deps.config().get(MOVE_TENANT_KEY);
      if (sameTenant(recorded, wanted)) {
        if (move !== undefined && move.trim() !== "") deps.warn(staleMoveWarning(recorded, move.trim()));
        // A domain id set for the first time is recorded (an update that calls nothing).
        return { changes: recorded.domainId === undefined && wanted.domainId !== undefined };
      }
      if (!moveRequested(move, wanted)) {
        deps.checkSettings?.();
        throw refuse(refusalMessage(recorded, wanted));
      }
      deps.warn(moveWarning(recorded, wanted));
      return { changes: true };
    },

    async create(inputs: Record<string, unknown>) {
      return { id: STACK_TENANT_ID, outs: { ...(tenantOf(inputs) ?? effective()) } };
    },

    async update(_id, _olds, news: Record<string, unknown>) {
      return { outs: { ...(tenantOf(news) ?? effective()) } };
    },

    async read(id, props: Record<string, unknown>) {
      try {
        const recorded = tenantOf(props);
        const wanted = effective();
        if (recorded && !sameTenant(recorded, wanted)) {
          deps.checkSettings?.();
          throw refuse(refreshRefusalMessage(recorded, wanted));
        }
      } catch (error) {
        // Reads that found their object gone fail with it: nothing is dropped from the state.
        deps.gate.refuse();
        throw error;
      }
      deps.gate.open();
      return { id, props };
    },

    async delete() {
      // Nothing lives in LINE WORKS: the record goes with the stack.
    },
  };
}
