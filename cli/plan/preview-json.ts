/**
 * Reads the JSON `pulumi preview --json` prints into the steps of our four resources. What a
 * real run showed (Pulumi 3.276, test/stories/plan/fixtures): unchanged resources have no step (a key
 * renamed with previousKeys and nothing else is one of them); a replacement is one `replace`
 * step; `--refresh` adds a `refresh` step per resource whose old and new state are both the
 * state before the refresh, and the following step's oldState is the refreshed one; the
 * provider's stderr lines are `diagnostics` of severity `info#err`, attached to no URN.
 */
import { parseAdoptionNotes, type NotedType } from "../../provider/seam/preview-notes";
import { tenantOf, type Tenant } from "../../provider/dynamic-provider/tenant";
import type { PlanKind } from "./names";
import { isRecord } from "./values";

type Bag = Record<string, unknown>;

export interface StepState {
  urn: string;
  id?: string;
  inputs: Bag;
  outputs: Bag;
}

export interface ResourceStep {
  op: string;
  kind: PlanKind;
  /** The entry's YAML key: the resource's name in its URN. */
  key: string;
  /** The key the state held it under, when it was renamed (previousKeys). */
  previousKey?: string;
  oldState?: StepState;
  newState?: StepState;
  replaceReasons: string[];
}

export interface PreviewRead {
  stack?: string;
  steps: ResourceStep[];
  /** `refresh` steps by URN: the state before the refresh. */
  beforeRefresh: Map<string, StepState>;
  unchanged: number;
  adoptionNotes: Array<{ type: NotedType; naturalKey: string }>;
  /** The provider's own warnings (lines starting "warning:"), and the engine's warnings and errors. */
  warnings: string[];
  /** The stack's tenant changes (lineworks-contacts:moveTenant): from the recorded one to the config's. */
  tenantMove?: { from: Tenant; to: Tenant };
}

/** The one record of the stack's tenant (provider/dynamic-provider/stack-tenant.ts): no object, so not counted. */
const TENANT_TYPE = "StackTenant";

const KIND_OF_TYPE: Record<string, PlanKind> = {
  CompanyContactTag: "tag",
  UserContactTag: "userTag",
  ContactCustomProperty: "customProperty",
  Contact: "contact",
};

const TYPE_PREFIX = "pulumi-nodejs:dynamic/lineworks:";

/** `urn:pulumi:STACK::PROJECT::TYPE::NAME` (a name may itself hold "::"). */
export function urnParts(urn: string): { stack?: string; type?: string; name?: string } {
  const parts = urn.split("::");
  if (parts.length < 4) return {};
  return { stack: parts[0]!.replace(/^urn:pulumi:/, ""), type: parts[2]!.split("$").pop(), name: parts.slice(3).join("::") };
}

function stateOf(value: unknown): StepState | undefined {
  if (!isRecord(value) || typeof value.urn !== "string") return undefined;
  return {
    urn: value.urn,
    ...(typeof value.id === "string" && value.id !== "" ? { id: value.id } : {}),
    inputs: isRecord(value.inputs) ? value.inputs : {},
    outputs: isRecord(value.outputs) ? value.outputs : {},
  };
}

/** Throws a one-line reason when the text is not a preview's JSON. */
export function readPreviewJson(text: string): PreviewRead {
  let preview: unknown;
  try {
    preview = JSON.parse(text);
  } catch (err) {
    throw new Error(`the input is not JSON (${(err as Error).message}); give the output of pulumi preview --json`);
  }
  if (!isRecord(preview) || !("steps" in preview || "changeSummary" in preview || "diagnostics" in preview)) {
    throw new Error("the input is not the JSON of pulumi preview --json (no steps, changeSummary or diagnostics); give that command's output");
  }
  const read: PreviewRead = { steps: [], beforeRefresh: new Map(), unchanged: 0, adoptionNotes: [], warnings: [] };
  let tenantListed = false;
  for (const raw of Array.isArray(preview.steps) ? preview.steps : []) {
    if (!isRecord(raw) || typeof raw.urn !== "string") continue;
    const { stack, type, name } = urnParts(raw.urn);
    read.stack ??= stack;
    const oldState = stateOf(raw.oldState);
    const newState = stateOf(raw.newState);
    const op = String(raw.op);
    if (type === `${TYPE_PREFIX}${TENANT_TYPE}`) {
      if (op === "refresh" || op === "same") continue;
      tenantListed = true;
      const from = tenantOf(oldState?.outputs);
      const to = tenantOf(newState?.inputs);
      if ((op === "update" || op === "replace") && from && to) read.tenantMove = { from, to };
      continue;
    }
    const kind = type?.startsWith(TYPE_PREFIX) ? KIND_OF_TYPE[type.slice(TYPE_PREFIX.length)] : undefined;
    if (!kind || name === undefined) continue;
    if (op === "refresh") {
      if (oldState) read.beforeRefresh.set(raw.urn, oldState);
      continue;
    }
    if (op === "same") {
      read.unchanged++;
      continue;
    }
    const previous = oldState ? urnParts(oldState.urn).name : undefined;
    read.steps.push({
      op,
      kind,
      key: name,
      ...(previous !== undefined && previous !== name ? { previousKey: previous } : {}),
      ...(oldState ? { oldState } : {}),
      ...(newState ? { newState } : {}),
      replaceReasons: Array.isArray(raw.replaceReasons) ? raw.replaceReasons.map(String) : [],
    });
  }
  const summary = isRecord(preview.changeSummary) ? preview.changeSummary : {};
  // Same steps of custom resources are not listed; the summary counts them with the stack, the component
  // and, when it has no step of its own, the stack's tenant record (previews made before it existed had none).
  if (typeof summary.same === "number") read.unchanged = Math.max(read.unchanged, summary.same - (tenantListed ? 2 : 3));
  for (const diagnostic of Array.isArray(preview.diagnostics) ? preview.diagnostics : []) {
    if (!isRecord(diagnostic) || typeof diagnostic.message !== "string") continue;
    read.adoptionNotes.push(...parseAdoptionNotes(diagnostic.message));
    const severity = String(diagnostic.severity);
    for (const line of diagnostic.message.split("\n").map((l) => l.trim()).filter(Boolean)) {
      if (severity === "warning" || severity === "error" || /^(warning|error):/.test(line)) read.warnings.push(line);
    }
  }
  return read;
}
