/**
 * The plan a reviewer reads, built from a preview's steps: per object its action, YAML key,
 * display name and field changes; drift found by `--refresh` kept apart. Pure: the photo
 * bytes and the stack's names are handed in.
 */
import type { HeldEntries } from "../../provider/stack/stack-ids";
import { userTagNaturalKey } from "../../provider/stack/stack-ids";
import type { NotedType } from "../../provider/seam/preview-notes";
import { primaryEmail } from "../../provider/schema/contact";
import { contactChanges, objectChanges, secretFieldsOf, type DiffContext } from "./field-diff";
import { displayNameOf, nameBook, type PlanKind } from "./names";
import type { PreviewRead, ResourceStep, StepState } from "./preview-json";
import { plainText } from "./values";
import { describeTenant, MOVE_TENANT_KEY, type Tenant } from "../../provider/dynamic-provider/tenant";

/** The reviewer's warning for a run that moves the stack to another tenant. */
function tenantMoveText(from: Tenant, to: Tenant): string {
  return (
    `This plan moves the stack from ${describeTenant(from)} to ${describeTenant(to)} (${MOVE_TENANT_KEY}): the objects it ` +
    `holds are looked up there from now on. Check that the move is meant; remove ${MOVE_TENANT_KEY} after the up.`
  );
}

export type PlanAction = "delete" | "replace" | "create" | "take-over" | "create-or-take-over" | "update" | "drift" | "deleted-outside";

export interface PlanItem {
  action: PlanAction;
  kind: PlanKind;
  key: string;
  previousKey?: string;
  display?: string;
  changes: string[];
}

export interface Plan {
  stack?: string;
  items: PlanItem[];
  drift: PlanItem[];
  unchanged: number;
  warnings: string[];
  /** Said once under the plan (e.g. how to name tags it could not). */
  notes: string[];
  /** Said first, as a warning: the stack moves to another tenant in this run. */
  tenantMove?: string;
}

export interface PlanOptions {
  held?: HeldEntries;
  /** sha256 (hex) of a contact's photo file as the project has it now; undefined when unreadable. */
  photoSha256?: (photo: string) => string | undefined;
}

type Bag = Record<string, unknown>;

const NOTED_TYPE: Record<PlanKind, NotedType> = { tag: "CompanyContactTag", userTag: "UserContactTag", customProperty: "ContactCustomProperty", contact: "Contact" };

/** The old values as the engine last saw them: outputs where the resource keeps the field there (a tag's live name), else inputs. */
const oldValues = (state: StepState | undefined): Bag => (state ? { ...state.inputs, ...state.outputs } : {});

function naturalKeyOf(kind: PlanKind, inputs: Bag): string | undefined {
  switch (kind) {
    case "tag":
      return plainText(inputs.contactTagName);
    case "userTag": {
      const userId = plainText(inputs.userId);
      const name = plainText(inputs.contactTagName);
      return userId && name ? userTagNaturalKey(userId, name) : undefined;
    }
    case "customProperty":
      return plainText(inputs.propertyName);
    case "contact":
      return primaryEmail(inputs);
  }
}

function photoChange(before: Bag, after: Bag, options: PlanOptions): string | undefined {
  const was = plainText(before.photo);
  const now = plainText(after.photo);
  if (!was && !now) return undefined;
  if (!now) return "photo removed";
  if (!was) return "photo added";
  if (was !== now) return `photo: ${now} (was ${was})`;
  const sha256 = options.photoSha256?.(now);
  if (sha256 !== undefined && typeof before.photoSha256 === "string") return sha256 !== before.photoSha256 ? "photo: new bytes" : undefined;
  return undefined;
}

function changesOf(step: ResourceStep, before: Bag, after: Bag, context: DiffContext, options: PlanOptions): string[] {
  if (step.kind !== "contact") return objectChanges(step.kind, before, after);
  const changes = contactChanges(before, after, context);
  const photo = photoChange(before, after, options);
  if (changes.length === 0 && step.op === "update") {
    // The provider saw a change the plan cannot show: a secret field, else the photo's bytes (a file that could not be read here).
    const secret = secretFieldsOf(before, after);
    if (secret.length > 0 && !photo) changes.push(`${secret.join(" or ")} changed (secret)`);
    else if (secret.length === 0 && !photo && plainText(after.photo)) changes.push("photo: new bytes");
  }
  if (photo) changes.push(photo);
  if (before.forceDelete !== after.forceDelete && step.op === "update") changes.push(after.forceDelete ? "forceDelete set" : "forceDelete removed");
  return changes;
}

function itemOf(step: ResourceStep, read: PreviewRead, context: DiffContext, options: PlanOptions): PlanItem {
  const before = oldValues(step.oldState);
  const after = step.newState?.inputs ?? {};
  const display = displayNameOf(step.kind, step.op === "delete" ? before : after) ?? displayNameOf(step.kind, before);
  const base = { kind: step.kind, key: step.key, ...(step.previousKey ? { previousKey: step.previousKey } : {}), ...(display ? { display } : {}) };
  switch (step.op) {
    case "delete":
    case "delete-replaced":
    case "discard":
      return { ...base, action: "delete", changes: [] };
    case "create":
    case "import": {
      if (after.adopt !== true) return { ...base, action: "create", changes: [] };
      const key = naturalKeyOf(step.kind, after);
      const noted = key !== undefined && read.adoptionNotes.some((note) => note.type === NOTED_TYPE[step.kind] && note.naturalKey === key);
      return { ...base, action: noted ? "take-over" : "create-or-take-over", changes: [] };
    }
    case "replace":
    case "create-replacement":
      return { ...base, action: "replace", changes: changesOf(step, before, after, context, options) };
    default:
      return { ...base, action: "update", changes: changesOf(step, before, after, context, options) };
  }
}

/** What changed outside the files, from the state before the refresh to the refreshed one the step starts from. */
function driftOf(step: ResourceStep, read: PreviewRead, context: DiffContext): PlanItem | undefined {
  const before = read.beforeRefresh.get(step.oldState?.urn ?? "") ?? read.beforeRefresh.get(step.newState?.urn ?? "");
  if (!before) return undefined;
  const display = displayNameOf(step.kind, oldValues(before));
  const base = { kind: step.kind, key: step.key, ...(display ? { display } : {}) };
  if (!step.oldState) return { ...base, action: "deleted-outside", changes: [] };
  const changes = step.kind === "contact" ? contactChanges(oldValues(before), oldValues(step.oldState), context) : objectChanges(step.kind, oldValues(before), oldValues(step.oldState));
  return changes.length > 0 ? { ...base, action: "drift", changes } : undefined;
}

const ORDER: PlanAction[] = ["delete", "replace", "create", "take-over", "create-or-take-over", "update"];
const KIND_ORDER: PlanKind[] = ["tag", "userTag", "customProperty", "contact"];

export function buildPlan(read: PreviewRead, options: PlanOptions = {}): Plan {
  const named = read.steps.flatMap((step) => [
    { kind: step.kind, key: step.key, id: step.oldState?.id, inputs: step.newState?.inputs },
    { kind: step.kind, key: step.key, id: step.oldState?.id, inputs: oldValues(step.oldState) },
  ]);
  const names = nameBook(named, options.held);
  const createdTags = read.steps
    .filter((step) => (step.kind === "tag" || step.kind === "userTag") && step.op === "create")
    .map((step) => {
      const name = displayNameOf(step.kind, step.newState?.inputs);
      return name && name !== step.key ? `${step.key} (${name})` : step.key;
    });
  const context: DiffContext = { names, createdTags };
  const byOrder = (a: PlanItem, b: PlanItem) =>
    ORDER.indexOf(a.action) - ORDER.indexOf(b.action) || KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || a.key.localeCompare(b.key);
  const items = read.steps.map((step) => itemOf(step, read, context, options)).sort(byOrder);
  // A refresh that changed nothing the files set leaves only "same" steps: that drift matches the files already.
  const drift = read.steps.map((step) => driftOf(step, read, context)).filter((item): item is PlanItem => item !== undefined).sort(byOrder);
  const notes = names.missed() > 0 && !options.held ? ["Tags this plan does not change are named from the stack's state: run plan with --stack NAME where pulumi can read it."] : [];
  const tenantMove = read.tenantMove && tenantMoveText(read.tenantMove.from, read.tenantMove.to);
  return { ...(read.stack ? { stack: read.stack } : {}), items, drift, unchanged: read.unchanged, warnings: read.warnings, notes, ...(tenantMove ? { tenantMove } : {}) };
}
