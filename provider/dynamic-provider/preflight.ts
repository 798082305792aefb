/**
 * What a preview checks so that `up` does not fail where the preview passed (issue 28): when the
 * run plans a write, the provider obtains a read-only token once (credentials and scope), looks
 * up each planned create's natural key (one listing per kind, shared with up's own lookups) and
 * checks the members an object names, where the app may read the directory (scope user.read).
 * A run that plans no write (every diff says "no changes") makes no call here.
 *
 * Runs in check (a create: no old inputs) and after diff (an update that changes something), in
 * previews and in up alike (up's own preview fails first, before any change).
 */
import type * as pulumi from "@pulumi/pulumi";
import { LineWorksApiError } from "../client/errors";
import type { ProviderContext } from "./context";
import { createJournal } from "../seam/create-journal";
import type { PlannedCreate } from "./kit";
import { adoptionNote, JOURNAL_REASON, NAME_FROM_STACK_INPUT, type NotedType } from "../seam/preview-notes";
import { containsUnknown, withoutProviderKey } from "./pulumi-values";
import { withoutStackTrace } from "./user-error";

type Owner = { field: string; userId: string };

/** The checks of one provider process: the token is obtained once, each member looked up once. */
export class Preflight {
  private access: Promise<string | undefined> | undefined;
  private accessReported = false;
  private readonly members = new Map<string, Promise<boolean | undefined>>();
  private ownersUnchecked = false;
  /** Natural keys of resources this run replaces: the engine checks the replacement again as a create. */
  private readonly replacing = new Set<string>();

  constructor(private readonly ctx: ProviderContext) {}

  /**
   * Credentials and the read scope, checked once per process: the problem (its message names the
   * keys to set), or undefined when a read token was obtained.
   */
  accessProblem(): Promise<string | undefined> {
    this.access ??= Promise.resolve()
      .then(() => this.ctx.api().verifyReadAccess())
      .then(
        () => undefined,
        (error: unknown) => (error instanceof Error ? error.message : String(error)),
      );
    return this.access;
  }

  /** The access problem for the first resource that meets it; later ones stay quiet (one message, not one per resource). */
  async firstAccessProblem(): Promise<string | undefined> {
    const problem = await this.accessProblem();
    if (problem === undefined || this.accessReported) return undefined;
    this.accessReported = true;
    return problem;
  }

  /** A replacement keeps its natural key: its own old object holds it (and goes first), nobody else. */
  noteReplacement(type: string, key: string | undefined): void {
    if (key !== undefined) this.replacing.add(`${type}/${key}`);
  }

  isReplacement(type: string, key: string): boolean {
    return this.replacing.has(`${type}/${key}`);
  }

  /** Whether `userId` is a member; undefined when the app may not read the directory (said once). */
  private isMember(userId: string): Promise<boolean | undefined> {
    let known = this.members.get(userId);
    if (!known) {
      known = this.ctx
        .api()
        .isMember(userId)
        .catch((error: unknown) => {
          if (!(error instanceof LineWorksApiError) || (!error.isScopeNotGranted && error.status !== 403)) throw error;
          if (!this.ownersUnchecked) {
            this.ownersUnchecked = true;
            this.ctx.warn(
              "owners (permission.masterUserId, accessibleMembers, a user tag's userId) are checked by the API at up, not at " +
                "preview: the app is not granted the scope user.read. Grant it in the Developer Console to check them at preview.",
            );
          }
          return undefined;
        });
      this.members.set(userId, known);
    }
    return known;
  }

  /** The owners that are not members of the domain, each with the reason a person reads. */
  async ownerProblems(owners: Owner[]): Promise<pulumi.dynamic.CheckFailure[]> {
    const failures: pulumi.dynamic.CheckFailure[] = [];
    for (const owner of owners) {
      if (containsUnknown(owner.userId)) continue;
      if ((await this.isMember(owner.userId)) === false) {
        failures.push({
          property: owner.field,
          reason:
            `${owner.field} "${owner.userId}" is not a member of the domain, so the API would refuse it at up ` +
            `(400 INVALID_PARAMETER). Name a member by login email or user id.`,
        });
      }
    }
    return failures;
  }
}

const isCreate = (olds: Record<string, unknown>): boolean => Object.keys(withoutProviderKey(olds)).length === 0;

/**
 * Wraps a provider's check and diff with the preview's checks. `plannedCreate` says how the kind
 * finds its natural key; the root program marks with NAME_FROM_STACK_INPUT the entries that take
 * a name another entry of the stack gives up in the same run (never stored: check drops it).
 */
export function withPreflight(
  type: NotedType,
  provider: pulumi.dynamic.ResourceProvider,
  planned: PlannedCreate<any> | undefined,
  preflight: Preflight,
  note: (message: string) => void,
): pulumi.dynamic.ResourceProvider {
  const wrapped: pulumi.dynamic.ResourceProvider = { ...provider };
  if (provider.check) {
    const check = provider.check.bind(provider);
    wrapped.check = async (olds, news) => {
      const { [NAME_FROM_STACK_INPUT]: nameFromStack, ...rest } = news as Record<string, unknown>;
      const result = await check(olds, rest);
      if ((result.failures ?? []).length > 0 || !planned) return result;
      const create = isCreate(olds);
      const inputs = result.inputs ?? rest;
      // Owners named anew (an update that keeps its owners needs no look-up).
      const before = new Set(create ? [] : planned.owners(withoutProviderKey(olds)).map((owner) => owner.userId));
      const owners = planned.owners(inputs).filter((owner) => !before.has(owner.userId));
      if (!create && owners.length === 0) return result;
      const access = await preflight.accessProblem();
      if (access !== undefined) {
        const first = await preflight.firstAccessProblem();
        return first === undefined ? result : { inputs, failures: [{ property: "", reason: first }] };
      }
      const failures = await preflight.ownerProblems(owners);
      // Other inputs may be unknown in a preview (a new tag's id): only the key itself must be known.
      const key = create ? planned.naturalKey(inputs) : undefined;
      if (key !== undefined && !containsUnknown(key) && nameFromStack !== true && !preflight.isReplacement(type, key)) {
        const holders = await planned.holders(inputs);
        if (holders.length > 0 && inputs.adopt === true) note(adoptionNote(type, key));
        else if (createJournal.madeByThisStack(holders)) note(adoptionNote(type, key, JOURNAL_REASON));
        else if (holders.length > 0) failures.push({ property: planned.field, reason: planned.conflict(inputs, holders).message });
      }
      return failures.length > 0 ? { inputs, failures } : result;
    };
  }
  if (provider.diff) {
    const diff = provider.diff.bind(provider);
    wrapped.diff = async (id, olds, news) => {
      const result = await diff(id, olds, news);
      if (!result.changes) return result;
      if (planned && (result.replaces ?? []).length > 0) {
        const key = planned.naturalKey(withoutProviderKey(news));
        // Only where the key stays: a replacement under a new key must find it free like any create.
        if (key !== undefined && key === planned.naturalKey(withoutProviderKey(olds))) preflight.noteReplacement(type, key);
      }
      const problem = await preflight.firstAccessProblem();
      if (problem !== undefined) throw withoutStackTrace(new Error(problem));
      return result;
    };
  }
  return wrapped;
}
