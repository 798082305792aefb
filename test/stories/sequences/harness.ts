/**
 * The real system of the edit-sequence test: the emulator process, a fresh stack of the root
 * program on a local file backend, and the files. `applyAndCheck` runs `pulumi up` and checks
 * every invariant; a break throws an InvariantBreak with the run's narrative and request log.
 */
import * as fs from "node:fs";
import type { ContactApi } from "../../../provider/client";
import { runCli } from "../../support/cli-runs";
import type { EmulatorProcess, EmulatorRequestLogEntry } from "../../support/emulator-process";
import { emulatorApiClient } from "../../support/provider-config";
import { createPulumiWorkspace, type PulumiResult, type PulumiWorkspace } from "../../support/pulumi-workspace";
import { allowedFailure, announcedReplacements, faultsHit, waitingForRemovedNames } from "./excuses";
import { deleteCalls, duplicates, guardedIds, liveSnapshot, writeLines, type Live } from "./live";
import { FILES, fresh, initialModel, nameOf, naturalKey, setName, type Entry, type Model, type Section } from "./model";
import { renderFiles } from "./render";
import { expectAndCompare } from "./values";

const PROGRAM = 'module.exports = require("lineworks-contacts-pulumi/provider/desired-state/program").runRootProgram();\n';
const OUTPUT_OF: Record<Section, string> = { tags: "tagIds", userTags: "userTagIds", customProperties: "customPropertyIds", contacts: "contactIds" };

export interface Real {
  emulator: EmulatorProcess;
  workspace: PulumiWorkspace;
  api: ContactApi;
  /** What happened so far in this sequence, for reports. */
  narrative: string[];
  /** `order`: the kinds run, in order (coverage.ts reads the shapes from it). */
  stats: { steps: number; ups: number; excused: number; kinds: Record<string, number>; order: string[] };
}

export class InvariantBreak extends Error {
  constructor(
    readonly invariant: string,
    details: string,
  ) {
    super(`${invariant}\n${details}`);
  }
}

/** A fresh stack and an empty domain, then the first up of the initial company. */
export async function startSequence(emulator: EmulatorProcess, providerEnv: Record<string, string>): Promise<{ model: Model; real: Real }> {
  await emulator.setFaults({});
  await emulator.reset();
  const workspace = await createPulumiWorkspace({
    program: PROGRAM,
    env: providerEnv,
    config: { "lineworks-contacts:files": JSON.stringify(FILES) },
  });
  const real: Real = { emulator, workspace, api: await emulatorApiClient(emulator), narrative: [], stats: { steps: 0, ups: 0, excused: 0, kinds: {}, order: [] } };
  const model = initialModel();
  try {
    renderFiles(model, workspace.dir);
    await applyAndCheck(model, real, "initial up");
  } catch (error) {
    await workspace.dispose();
    throw error;
  }
  return { model, real };
}

export function note(real: Real, line: string): void {
  real.narrative.push(line);
  if (process.env.LWC_SEQ_VERBOSE === "1") console.log(`[sequence] ${line}`);
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function diagnostics(result: PulumiResult): string {
  const text = `${result.stdout}\n${result.stderr}`;
  const start = text.indexOf("Diagnostics:");
  const body = start >= 0 ? text.slice(start) : text.split("\n").slice(-40).join("\n");
  return body.length > 4000 ? `${body.slice(0, 4000)}…` : body;
}

/** The provider's warnings in an up's output (e.g. an object forgotten instead of deleted), one line each. */
function warnings(result: PulumiResult): string[] {
  const lines = `${result.stdout}\n${result.stderr}`.split("\n").map((line) => line.trim());
  return [...new Set(lines.filter((line) => line.startsWith("warning:")).map((line) => line.replace(/^(warning: )+/, "").slice(0, 300)))];
}

function fail(real: Real, invariant: string, details: string[], log?: EmulatorRequestLogEntry[]): never {
  const parts = [
    `steps so far:\n  ${real.narrative.join("\n  ")}`,
    ...details,
    ...(log ? [`write calls of the last up:\n  ${writeLines(log).join("\n  ") || "(none)"}`] : []),
  ];
  throw new InvariantBreak(invariant, parts.join("\n"));
}

function hint(model: Model): string {
  const parts = [];
  if (model.faults) parts.push(`faults ${JSON.stringify(model.faults)}`);
  const renames = model.entries.filter((entry) => entry.unrecordedRename);
  if (renames.length > 0) parts.push(`renamed without previousKeys: ${renames.map((e) => `${e.stateKey}→${e.key}`).join(", ")}`);
  if (model.protectedRemovals.length > 0) parts.push(`protected removed: ${model.protectedRemovals.map((e) => e.key).join(", ")}`);
  const takeBacks = model.entries.filter((entry) => entry.needsAdopt);
  if (takeBacks.length > 0) parts.push(`retained taken back without adopt: ${takeBacks.map((e) => e.key).join(", ")}`);
  return parts.join("; ");
}

/** The user's fix after a failed up: previousKeys for the renames, protected entries back, no faults. */
function applyFixes(model: Model): string[] {
  const fixes: string[] = [];
  for (const entry of model.protectedRemovals) {
    model.ghosts = model.ghosts.filter((ghost) => ghost.key !== entry.key);
    model.entries.push(entry);
    fixes.push(`${entry.section}.${entry.key} back in the files`);
  }
  for (const entry of model.entries.filter((e) => e.unrecordedRename)) {
    if (entry.stateKey && !entry.previousKeys.includes(entry.stateKey)) entry.previousKeys = [...entry.previousKeys, entry.stateKey];
    entry.unrecordedRename = false;
    fixes.push(`previousKeys: [${entry.stateKey}] on ${entry.section}.${entry.key}`);
  }
  for (const entry of model.entries.filter((e) => e.needsAdopt)) {
    entry.adopt = true;
    entry.needsAdopt = false;
    fixes.push(`adopt: true on ${entry.section}.${entry.key}`);
  }
  model.protectedRemovals = [];
  if (model.faults) fixes.push("faults off");
  model.faults = undefined;
  return fixes;
}

/** One `pulumi up` with the checks that hold whatever its outcome. */
async function upOnce(model: Model, real: Real, label: string): Promise<{ result: PulumiResult; log: EmulatorRequestLogEntry[]; before: Live }> {
  const { emulator, workspace } = real;
  renderFiles(model, workspace.dir);
  const before = await liveSnapshot(emulator);
  const guarded = guardedIds(model, before);
  await emulator.clearRequests();
  if (model.faults) await emulator.setFaults(model.faults);
  const refresh = model.drift;
  const result = await workspace.up(refresh ? ["--refresh"] : []);
  if (model.faults) await emulator.setFaults({});
  real.stats.ups++;
  const log = await emulator.requests();
  const after = await liveSnapshot(emulator);
  note(real, `${label}: pulumi up${refresh ? " --refresh" : ""} exit ${result.code} in ${seconds(result.durationMs)}${hint(model) ? ` (${hint(model)})` : ""}`);
  for (const warning of warnings(result)) note(real, `  warning: ${warning}`);

  // Renamed and given another natural key in one edit, without previousKeys: replaced, as the up's warning said.
  const replaced = announcedReplacements(model, before, `${result.stdout}\n${result.stderr}`);
  for (const entry of replaced.values()) {
    model.recreated.add(entry.key);
    note(real, `  replaced as warned: ${entry.section}.${entry.key} (was ${entry.stateKey})`);
  }
  const badDeletes = deleteCalls(log).filter((call) => guarded.has(call.id) && !replaced.has(call.id));
  if (badDeletes.length > 0) {
    fail(real, "DELETE of an object the files still describe", [
      ...badDeletes.map((call) => `${call.line}: ${guarded.get(call.id)}`),
      `pulumi output:\n${diagnostics(result)}`,
    ], log);
  }
  const dupes = duplicates(after);
  if (dupes.length > 0) fail(real, "duplicate live objects", [`duplicates: ${dupes.join("; ")}`, `pulumi output:\n${diagnostics(result)}`], log);
  const lost = [...model.entries, ...model.protectedRemovals].filter((entry) => entry.id && !replaced.has(entry.id) && before.byId.has(entry.id) && !after.byId.has(entry.id));
  if (lost.length > 0) {
    fail(real, "an object the files describe was lost", [
      `lost: ${lost.map((entry) => `${entry.section}.${entry.key} ${entry.id}`).join(", ")}`,
      `pulumi output:\n${diagnostics(result)}`,
    ], log);
  }
  return { result, log, before };
}

/** `pulumi up` (and after an allowed failure the fix and a second up), then every invariant of a converged stack. */
export async function applyAndCheck(model: Model, real: Real, label: string): Promise<void> {
  let { result, log } = await upOnce(model, real, label);
  if (result.code !== 0) {
    const output = `${result.stdout}\n${result.stderr}`;
    const why = allowedFailure(model, output, log);
    if (!why) {
      const renames = model.entries.some((entry) => entry.unrecordedRename);
      const faulted = model.faults !== undefined;
      const details = [`pulumi output:\n${diagnostics(result)}`];
      if (faulted) details.unshift(`under faults, not excused: ${faultsHit(log) ? `faults hit (${faultsHit(log)}) but the output holds a 409 / 400 / name refusal` : "no injected fault hit a request of this up"}`);
      // Still run the next up (after the fix the message should have named), so the report says whether it converges.
      const fixes = applyFixes(model);
      const retry = await upOnce(model, real, `${label} again${fixes.length > 0 ? ` (after ${fixes.join(", ")})` : ""}`);
      details.push(`the next up: exit ${retry.result.code}${retry.result.code === 0 ? "" : `\n${diagnostics(retry.result)}`}`);
      fail(real, renames ? "a refused rename does not name previousKeys" : faulted ? "pulumi up failed under faults for a reason no fault explains" : "pulumi up failed", details, log);
    }
    const fixes = applyFixes(model);
    real.stats.excused++;
    note(real, `  failed as allowed (${why}); fix: ${fixes.join(", ") || "none"}`);
    await firstOfTwoSteps(model, real, label, output);
    ({ result, log } = await upOnce(model, real, `${label} (after the fix)`));
    if (result.code !== 0) fail(real, "the up after a failed up does not converge", [`pulumi output:\n${diagnostics(result)}`], log);
  }
  if (model.protectedRemovals.length > 0) {
    // Pulumi refuses to delete a protected resource; an up that succeeded anyway must not have deleted it (checked above).
    for (const entry of model.protectedRemovals) model.retained.push(entry);
    model.protectedRemovals = [];
  }
  model.faults = undefined;
  await checkConverged(model, real, log);
  for (const entry of model.entries) {
    entry.stateKey = entry.key;
    entry.stateProtect = entry.protect;
    entry.stateRetain = entry.retainOnDelete;
    entry.unrecordedRename = false;
    entry.needsAdopt = false;
  }
  model.drift = false;
  model.dirty = false;
  model.recreated.clear();
}

/**
 * The refusal's first step when entries take names that removed entries still hold: those
 * entries keep other names (new ones) for one up, which deletes the removed entries; the
 * up after it gives them the names.
 */
async function firstOfTwoSteps(model: Model, real: Real, label: string, output: string): Promise<void> {
  const waiting = waitingForRemovedNames(model, output);
  if (waiting.length === 0) return;
  const wanted = waiting.map((entry) => [entry, nameOf(entry)] as const);
  for (const entry of waiting) setName(entry, `${entry.section === "customProperties" ? "Display" : "Tag"} ${fresh(model)}`);
  const { result, log } = await upOnce(model, real, `${label} (step 1 of 2: ${waiting.map((e) => `${e.section}.${e.key} "${nameOf(e)}"`).join(", ")})`);
  if (result.code !== 0) fail(real, "the first of the two steps the refusal named does not converge", [`pulumi output:\n${diagnostics(result)}`], log);
  for (const [entry, name] of wanted) setName(entry, name);
}

async function checkConverged(model: Model, real: Real, log: EmulatorRequestLogEntry[]): Promise<void> {
  const { workspace, emulator } = real;
  // The three read-only checks at once: a pulumi run takes seconds on a busy machine.
  const started = Date.now();
  const auditRun = runCli(["audit", "--stack", workspace.stack, "--cwd", workspace.dir, "--json"], { cwd: workspace.dir, env: workspace.env as Record<string, string> }).then(
    (result) => ({ ...result, durationMs: Date.now() - started }),
  );
  const previewRun = workspace.preview(["--expect-no-changes"]);
  const outputs = (await workspace.outputs()) as Record<string, Record<string, string>>;
  const live = await liveSnapshot(emulator);
  const [audit, preview] = await Promise.all([auditRun, previewRun]);
  note(real, `  checked: audit --stack ${seconds(audit.durationMs)}, preview ${seconds(preview.durationMs)}`);
  const problems: string[] = [];
  const previousIds = new Map(model.entries.map((entry) => [entry, entry.id]));
  for (const entry of model.entries) {
    const id = outputs[OUTPUT_OF[entry.section]]?.[entry.key];
    if (!id) {
      problems.push(`${entry.section}.${entry.key}: no id in the stack outputs`);
      continue;
    }
    if (entry.id && id !== entry.id && !model.recreated.has(entry.key)) {
      problems.push(`${entry.section}.${entry.key}: id changed ${entry.id} → ${id} (a rename or an edit replaced it)`);
    }
    entry.id = id;
    const holders = live.byNatural.get(naturalKey(entry)) ?? [];
    if (holders.length !== 1 || holders[0] !== id) problems.push(`${entry.section}.${entry.key}: live ${naturalKey(entry)} is held by [${holders.join(", ")}], the stack says ${id}`);
  }
  for (const [section, output] of Object.entries(OUTPUT_OF)) {
    for (const key of Object.keys(outputs[output] ?? {})) {
      if (!model.entries.some((entry) => entry.section === section && entry.key === key)) problems.push(`stack output ${output}.${key}: no such entry in the files`);
    }
  }
  if (problems.length > 0) fail(real, "the stack does not match the files after a successful up", problems, log);
  const mismatches = expectAndCompare(model, previousIds, live.domain);
  if (mismatches.length > 0) fail(real, "live values differ from the model after a successful up", mismatches, log);

  let report: any;
  try {
    report = JSON.parse(audit.stdout);
  } catch {
    fail(real, "audit --stack failed", [`exit ${audit.code}\n${audit.stdout}\n${audit.stderr}`]);
  }
  // Retained entries stay live, forgotten by the stack: unmanaged, and nothing else differs.
  const retainedIds = new Set(model.retained.map((entry) => entry.id).filter((id) => id !== undefined));
  const unexpected = (report.differences as any[]).filter((d) => !(d.status === "unmanaged" && retainedIds.has(d.id)));
  const retainedContacts = model.retained.filter((entry) => entry.section === "contacts" && live.byNatural.has(naturalKey(entry))).length;
  if (unexpected.length > 0 || report.unmanagedContacts !== retainedContacts) {
    fail(real, "audit --stack is not in sync after a successful up", [
      `differences: ${JSON.stringify(unexpected)}`,
      `unmanagedContacts: ${report.unmanagedContacts} (expected ${retainedContacts}, the retained contacts)`,
      audit.stderr.trim(),
    ], log);
  }

  if (preview.code !== 0) fail(real, "pulumi preview --expect-no-changes is not clean after a successful up", [`preview output:\n${diagnostics(preview)}\n${preview.stdout.split("\n").slice(0, 60).join("\n")}`]);
}

/** Appends a break to the file named by LWC_MBT_FINDINGS (for the soak and for people reading along). */
export function recordFinding(title: string, error: unknown): void {
  const file = process.env.LWC_MBT_FINDINGS;
  if (!file) return;
  const text = error instanceof Error ? error.message : String(error);
  fs.appendFileSync(file, `\n## ${title} (${new Date().toISOString()})\n\n\`\`\`\n${text}\n\`\`\`\n`);
}

export function entryLabel(entry: Entry): string {
  return `${entry.section}.${entry.key}`;
}
