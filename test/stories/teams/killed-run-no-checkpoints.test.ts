/**
 * Issue 33 item 3: a `pulumi up` with PULUMI_SKIP_CHECKPOINTS=true (the state is saved only when a
 * run ends) killed halfway through creating contacts loses nothing, and its recovery needs no edit
 * of the files: `pulumi cancel --yes`, then `pulumi up`. The provider's create journal
 * (provider/seam/create-journal.ts) names every object the dead run made; the next up takes
 * those over (no adopt: true in the files) and creates the rest. Another stack in the same folder,
 * whose journal names none of them, is still refused with their ids.
 *
 * The run is stopped at a known point, as in killed-run.test.ts: SIGSTOP of the CLI's process
 * group once the emulator (its own process, on a free loopback port) has answered STOP_AT contact
 * creates; the provider finishes the at most PARALLEL creates it was handed; then SIGKILL.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { journalFile, readJournal } from "../../../provider/seam/create-journal";
import { emulatorDomain, startEmulatorProcess, type EmulatorProcess } from "../../support/emulator-process";
import { emulatorProviderEnv } from "../../support/provider-config";
import { createPulumiWorkspace, type PulumiResult, type PulumiWorkspace } from "../../support/pulumi-workspace";
import { blankCredentials, DEV_DOMAIN, writeRootProject } from "../../support/root-project";
import { CONTACT_TYPE, killUpMidway, stateSummary, STOP_AT } from "./support";

const CONTACTS = 40;

const pad = (n: number) => String(n).padStart(2, "0");
const emailOf = (i: number) => `member${pad(i)}@company.example`;
/** Two tags and CONTACTS contacts, none with adopt: true. */
const COMPANY = [
  "version: 1",
  "tags:",
  "  partner: { contactTagName: 協力会社 }",
  "  key-account: { contactTagName: 重要顧客 }",
  "contacts:",
  ...Array.from({ length: CONTACTS }, (_, i) =>
    [
      `  member-${pad(i)}:`,
      "    permission: { masterUserId: admin@example.com, accessibleRange: ALL }",
      `    contactName: { lastName: Killed, firstName: Member ${pad(i)} }`,
      `    emails: [{ email: ${emailOf(i)}, primary: true }]`,
      `    tags: [${i % 2 ? "partner" : "key-account"}]`,
    ].join("\n"),
  ),
  "",
].join("\n");

const output = (result: PulumiResult) => result.stdout + result.stderr;

let emulator: EmulatorProcess;
let projectDir: string;
let workspace: PulumiWorkspace;
let other: PulumiWorkspace;

/** Every live contact's id and primary email, and the tags' ids, read from the emulator's own state. */
async function live(): Promise<{ contacts: Array<{ id: string; email: string }>; tagIds: string[] }> {
  const domain = await emulatorDomain(emulator, DEV_DOMAIN);
  return {
    contacts: domain.contacts.map((contact: any) => ({
      id: contact.contactId,
      email: (contact.emails.find((e: any) => e.primary) ?? contact.emails[0]).email,
    })),
    tagIds: domain.contactTags.map((tag: any) => tag.contactTagId),
  };
}

beforeAll(async () => {
  emulator = await startEmulatorProcess({ requestsPerMinute: 100_000 });
  projectDir = writeRootProject("killed-no-checkpoints", { "company.yaml": COMPANY });
  const options = {
    projectDir,
    env: { ...blankCredentials(process.env), ...(await emulatorProviderEnv(emulator)), PULUMI_SKIP_CHECKPOINTS: "true" },
    config: { "lineworks-contacts:files": JSON.stringify(["company.yaml"]) },
  };
  workspace = await createPulumiWorkspace({ ...options, stack: "dev" });
  // Another stack of the same project folder, on the same domain (its own backend): it made nothing.
  other = await createPulumiWorkspace({ ...options, stack: "other" });
});

afterAll(async () => {
  await other?.dispose();
  await workspace?.dispose();
  await emulator?.stop();
  if (projectDir) fs.rmSync(projectDir, { recursive: true, force: true });
});

it("an up without checkpoints killed mid-way: cancel, up again, and each object is there once, no edit of the files", { timeout: 240_000 }, async () => {
  const started = Date.now();
  const { atStop, settled } = await killUpMidway(workspace, emulator);

  const before = await live();
  expect(before.contacts).toHaveLength(settled);
  expect(settled).toBeGreaterThanOrEqual(STOP_AT);
  expect(settled).toBeLessThan(CONTACTS);
  expect(before.tagIds).toHaveLength(2);
  // Without checkpoints the dead run recorded nothing; its journal names every object it made, and holds only ids.
  expect(stateSummary(await workspace.exportState(), CONTACT_TYPE)).toEqual({ ids: [], pending: [] });
  const file = journalFile(projectDir, "dev");
  const journal = readJournal(file);
  expect(journal.map((line) => line.id).sort()).toEqual([...before.contacts.map((c) => c.id), ...before.tagIds].sort());
  expect(journal.every((line) => line.stack === "dev" && Object.keys(line).sort().join() === "at,id,kind,stack")).toBe(true);
  expect(fs.readFileSync(file, "utf8")).not.toContain("@");

  // The dead run's lock refuses the next run until `pulumi cancel`.
  const refused = await workspace.up();
  expect(refused.code).not.toBe(0);
  expect(output(refused)).toMatch(/currently locked/);
  const cancel = await workspace.run(["cancel", "--yes", "--stack", workspace.stack]);
  expect(cancel.code, output(cancel)).toBe(0);

  // Another stack's journal names none of them: its preview still refuses them, naming the id (the
  // engine stops at the first refusal, a tag's: the contacts that carry it wait for it).
  await emulator.clearRequests();
  const foreign = await other.preview();
  expect(foreign.code).not.toBe(0);
  const refusedIds = [...output(foreign).matchAll(/already exists \((?:contactTagId|contactId) ([^)]+)\)/g)].map((match) => match[1]);
  expect(refusedIds.length, output(foreign)).toBeGreaterThan(0);
  for (const id of refusedIds) expect(journal.map((line) => line.id)).toContain(id);
  expect(output(foreign)).not.toContain("takes over");
  expect((await emulator.requests()).filter((entry) => entry.method !== "GET" && entry.kind !== "token")).toEqual([]);

  // This stack's preview says it takes them over (no create), with no edit of the files.
  const preview = await workspace.preview();
  expect(preview.code, output(preview)).toBe(0);
  expect(output(preview)).toContain(`takes over Contact "${before.contacts[0]!.email}"`);

  const up = await workspace.up();
  expect(up.code, output(up).slice(-4000)).toBe(0);
  expect(output(up)).toContain(`this up took over ${settled + 2} existing objects and created ${CONTACTS - settled} new ones`);

  // Each contact once, every one the files describe; every contact made before the recovery kept (same id).
  const after = await live();
  const perEmail = new Map<string, number>();
  for (const contact of after.contacts) perEmail.set(contact.email, (perEmail.get(contact.email) ?? 0) + 1);
  expect(Object.fromEntries(perEmail)).toEqual(Object.fromEntries(Array.from({ length: CONTACTS }, (_, i) => [emailOf(i), 1])));
  expect(after.tagIds.sort()).toEqual(before.tagIds.sort());
  const afterIds = new Set(after.contacts.map((contact) => contact.id));
  for (const contact of before.contacts) expect(afterIds.has(contact.id), contact.email).toBe(true);
  // The state holds every contact; a preview shows no changes.
  const state = stateSummary(await workspace.exportState(), CONTACT_TYPE);
  expect(state).toEqual({ ids: [...afterIds].sort(), pending: [] });
  const clean = await workspace.preview(["--expect-no-changes"]);
  expect(clean.code, output(clean)).toBe(0);

  // The next up finds every journaled id in the state and drops the journal.
  expect(fs.existsSync(file)).toBe(true);
  const again = await workspace.up();
  expect(again.code, output(again)).toBe(0);
  expect(fs.existsSync(file)).toBe(false);
  expect(fs.readdirSync(path.join(projectDir, ".lineworks-contacts"))).toEqual([]);
  console.log(`killed-run-no-checkpoints: stopped at ${atStop} creates, ${settled} after settling; ${Date.now() - started} ms`);
});
