import type * as pulumi from "@pulumi/pulumi";
import type { RuleIssue } from "../rules";
import type { PlannedCreate } from "./kit";
import { issuesAboutKnownValues, toCheckFailures, withoutProviderKey } from "./pulumi-values";

/** The typed provider methods of one resource kind (the stubs forward to these). */
export interface ResourceHandlers<Inputs, State> {
  check(olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.CheckResult<Inputs>>;
  diff(id: string, olds: State, news: Inputs): Promise<pulumi.dynamic.DiffResult>;
  create(inputs: Inputs): Promise<pulumi.dynamic.CreateResult<State>>;
  read(id: string, props: State): Promise<pulumi.dynamic.ReadResult<State>>;
  update(id: string, olds: State, news: Inputs): Promise<pulumi.dynamic.UpdateResult<State>>;
  delete(id: string, props: State): Promise<void>;
  /** What a preview checks before a create (preflight.ts). */
  plannedCreate?: PlannedCreate<Inputs>;
}

/** check(): the offline rules, ignoring values that are not known yet. */
export function checkWith<Inputs>(rules: (inputs: Record<string, unknown>) => RuleIssue[]) {
  return async (_olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.CheckResult<Inputs>> => {
    const inputs = withoutProviderKey(news);
    const issues = issuesAboutKnownValues(inputs, rules(inputs));
    return { inputs: inputs as Inputs, failures: toCheckFailures(issues) };
  };
}

/** read() answer for an object that no longer exists: Pulumi drops it from the state. */
export const GONE: pulumi.dynamic.ReadResult<never> = { id: "" };
