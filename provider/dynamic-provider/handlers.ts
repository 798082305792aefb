import type * as pulumi from "@pulumi/pulumi";
import type { RuleIssue } from "../rules";
import type { PlannedCreate } from "./kit";
import { issuesAboutKnownValues, toCheckFailures, withoutProviderKey } from "./pulumi-values";
import { sameInputs } from "./recorded-inputs";

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

type Rules = typeof import("../rules/index.js");
let rules: Promise<Rules> | undefined;
/**
 * The offline rules, loaded on the first check that runs them: they and zod, which they are built
 * on, cost a provider process ~60 ms to load, which a run whose inputs are all unchanged never pays.
 */
export const offlineRules = (): Promise<Rules> => (rules ??= import("../rules/index.js"));

/** check(): the offline rules, ignoring values that are not known yet; inputs unchanged since the last check pass as they are. */
export function checkWith<Inputs>(rulesOf: (rules: Rules) => (inputs: Record<string, unknown>) => RuleIssue[]) {
  return async (olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.CheckResult<Inputs>> => {
    const inputs = withoutProviderKey(news);
    // The old inputs unchanged passed these rules when they were stored.
    if (Object.keys(withoutProviderKey(olds)).length > 0 && sameInputs(inputs, olds)) return { inputs: inputs as Inputs, failures: [] };
    const issues = issuesAboutKnownValues(inputs, rulesOf(await offlineRules())(inputs));
    return { inputs: inputs as Inputs, failures: toCheckFailures(issues) };
  };
}

/** read() answer for an object that no longer exists: Pulumi drops it from the state. */
export const GONE: pulumi.dynamic.ReadResult<never> = { id: "" };
