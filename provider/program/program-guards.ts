/**
 * The root program's guards, run before any resource is registered so a refusal fails
 * `pulumi preview` and `pulumi up` with nothing applied: unknown config keys (./config-keys.ts)
 * and the delete guard (./delete-guard.ts), with its look-alike warnings (./look-alikes.ts).
 * `pulumi destroy` does not run the program, so it is not guarded.
 */
import * as pulumi from "@pulumi/pulumi";
import type { HeldEntries } from "../stack/stack-ids";
import { unknownConfigKeyProblems } from "../stack/config-keys";
import { countDeletes, deleteGuardRefusal, describeProtected, MAX_DELETES_KEY } from "./delete-guard";
import { lookAlikeWarnings } from "./look-alikes";
import type { DesiredState } from "../loader/model";

/** The stack's config file as a person knows it. */
export const stackFileName = (): string => `Pulumi.${pulumi.getStack()}.yaml`;

/** Refuses keys of the `lineworks` and `lineworks-contacts` namespaces that nothing reads. */
export function refuseUnknownConfigKeys(config: Record<string, string> = pulumi.runtime.allConfig()): void {
  const problems = unknownConfigKeyProblems(Object.keys(config), stackFileName());
  if (problems.length > 0) throw new pulumi.RunError(problems.join("\n"));
}

/**
 * Counts this run's deletes against `maxDeletes` and refuses over it; warns about removed
 * protected entries and about look-alikes. Without the stack's previous state it can count
 * nothing: it says so, once.
 */
export function guardDeletes(state: DesiredState, previous: HeldEntries | undefined, maxDeletes: number): void {
  if (previous === undefined) {
    const why =
      process.env.LINEWORKS_CONTACTS_RECOGNISE_RENAMES === "false"
        ? "LINEWORKS_CONTACTS_RECOGNISE_RENAMES=false"
        : "no pulumi CLI on the PATH, or the backend refused pulumi stack export";
    pulumi.log.warn(
      `${MAX_DELETES_KEY}: the stack's previous state could not be read (${why}), so this run's deletes were not counted; ` +
        `check the preview's deletes yourself, or run where pulumi stack export works so the guard can count them`,
    );
    return;
  }
  const counted = countDeletes(state, previous);
  const refusal = deleteGuardRefusal(counted, maxDeletes, stackFileName());
  if (refusal !== undefined) throw new pulumi.RunError(refusal);
  for (const item of counted.protectedEntries) pulumi.log.warn(describeProtected(item));
  for (const warning of lookAlikeWarnings(state, previous)) pulumi.log.warn(warning);
}
