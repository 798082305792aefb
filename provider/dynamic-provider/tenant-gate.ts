/**
 * A refresh must not forget a stack's objects because it read another tenant. `pulumi refresh`
 * does not run the program, and reads every resource in parallel: a read that finds its object
 * gone waits here until the stack's StackTenant has been read (verified: the read proceeds;
 * refused: it fails too, so nothing is dropped). Stacks made before the StackTenant existed have
 * none: the wait ends after a few seconds, once per process, and reads proceed as before.
 */
import type * as pulumi from "@pulumi/pulumi";
import { UNREAD_MESSAGE } from "./tenant";
import { withoutStackTrace } from "./user-error";

export const TENANT_WAIT_MS = 5_000;

export class TenantGate {
  private state: { kind: "open" } | { kind: "refused"; error: Error } | undefined;
  private readonly waiters: Array<() => void> = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly waitMs = TENANT_WAIT_MS) {}

  /** The stack's tenant matches the provider's settings. */
  open(): void {
    this.settle({ kind: "open" });
  }

  /** The provider's settings name another tenant (the StackTenant's read fails with why): every waiting read fails. */
  refuse(): void {
    this.settle({ kind: "refused", error: withoutStackTrace(new Error(UNREAD_MESSAGE)) });
  }

  /** Resolves once the tenant is verified or the wait ended; throws when it was refused. */
  async passed(): Promise<void> {
    if (!this.state) {
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        this.timer ??= setTimeout(() => this.settle({ kind: "open" }), this.waitMs);
        this.timer.unref?.();
      });
    }
    if (this.state?.kind === "refused") throw this.state.error;
  }

  private settle(state: NonNullable<TenantGate["state"]>): void {
    if (this.state) return;
    this.state = state;
    if (this.timer) clearTimeout(this.timer);
    for (const wake of this.waiters.splice(0)) wake();
  }
}

/** A provider whose read, when it finds the object gone, first waits for the gate. */
export function withGatedGone(provider: pulumi.dynamic.ResourceProvider, gate: TenantGate): pulumi.dynamic.ResourceProvider {
  if (!provider.read) return provider;
  const read = provider.read.bind(provider);
  return {
    ...provider,
    read: async (id, props) => {
      const result = await read(id, props);
      if (!result.id) await gate.passed();
      return result;
    },
  };
}
