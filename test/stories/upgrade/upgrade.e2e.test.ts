/**
 * Stacks written by earlier versions, one fixture per state shape a release or main wrote
 * (fixtures/NAME: the state exported after `pulumi up` by that version's code, its stack config
 * and the emulator's data file holding the live objects; CAPTURED_FROM names the commit; see
 * capture-fixture.sh), are imported and run with today's code: a preview shows no change but
 * the stack's tenant record (issue 29) to create and calls no API, refresh succeeds and rewrites
 * the state in today's shape (secrets still secret), and the next up adds the tenant record
 * alone, calling no API.
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulatorProcess, type EmulatorProcess } from "../../support/emulator-process";
import { emulatorProviderEnv } from "../../support/provider-config";
import { repoRoot } from "../../support/pulumi-cli";
import { createPulumiWorkspace, type PulumiResult, type PulumiWorkspace } from "../../support/pulumi-workspace";
import { expectOk } from "../../support/expect-ok";

const SECRET_TEXTS = ["Key account since 2019", "Prefers mornings", "crm.example", "Renews in April", "Prefers email"];
/** Each contact's masterUserId in the fixtures' contacts.yaml (vars owner and salesLead). */
const MASTER_USER_IDS: Record<string, string> = { full: "admin@example.com", "phone-only": "admin@example.com", plain: "sales@example.com" };

interface Fixture {
  name: string;
  /** What the state of a contact looked like, checked on the imported state so the fixture is the shape it claims. */
  shape: string;
  checkShape(outputs: Record<string, any>): void;
}

const FIXTURES: Fixture[] = [
  {
    name: "v0.1.0",
    shape: "every field's value in the outputs, memo and custom values secret",
    checkShape: (outputs) => {
      expect(outputs.emails).toEqual(expect.arrayContaining([expect.objectContaining({ primary: true })]));
      expect(outputs.memo).toHaveProperty("ciphertext");
    },
  },
  {
    name: "object-prints",
    shape: "a print per field in an object, memo's and the custom values' secret",
    checkShape: (outputs) => {
      expect(outputs.fingerprints).toMatchObject({ emails: expect.any(String), contactName: expect.any(String) });
      expect(outputs.memo).toHaveProperty("ciphertext");
      expect(outputs.emails).toBeUndefined();
    },
  },
  {
    name: "string-prints",
    shape: "the plain fields' prints in one string, the secret ones in the secret memo output",
    checkShape: (outputs) => {
      expect(outputs.fingerprints).toMatch(/^[A-Za-z0-9_-]{8}(\.[A-Za-z0-9_-]{8})+$/);
      expect(outputs.memo).toHaveProperty("ciphertext");
    },
  },
  {
    name: "secret-inputs",
    shape: "canonical inputs (memo and custom values encrypted), outputs only the photo facts",
    checkShape: (outputs) => {
      expect(Object.keys(outputs).sort()).toEqual(["__provider", "photo", "photoSha256"]);
    },
  },
];

/** Stacks written before the tenant record (issue 29) gain it on their next up: the one change a preview shows. */
function expectOnlyTenantCreate(preview: PulumiResult): void {
  expectOk(preview);
  expect(preview.stdout).toMatch(/\+ {2}pulumi-nodejs:dynamic\/lineworks:StackTenant tenant create/);
  expect(preview.stdout).toMatch(/\+ 1 to create\n/);
  expect(preview.stdout).not.toMatch(/to update|to delete|to replace/);
}

const git = (...args: string[]) => execFileSync("git", args, { cwd: repoRoot, encoding: "utf8", maxBuffer: 64 << 20 });

/**
 * The regular expression of the `__provider` stubs the code of `commit` writes: the template
 * literals providerStub (provider/program/dynamic-stub.ts) returns, their `${…}` any text.
 */
function stubPatternAt(commit: string): RegExp {
  // Where the stub lived at that commit: provider/program/ since the folders show the two processes.
  const file = ["provider/program/dynamic-stub.ts", "provider/dynamic-stub.ts"].find((candidate) => git("ls-tree", "--name-only", commit, candidate).trim() !== "")!;
  const source = git("show", `${commit}:${file}`);
  const body = /export function providerStub\([^)]*\): string \{([\s\S]*?)\n\}/.exec(source)?.[1];
  if (!body) throw new Error(`no providerStub in ${commit}:${file}`);
  const returned = body.slice(body.indexOf("return"));
  const template = [...returned.matchAll(/`([^`]*)`/g)].map((match) => match[1]!).join("").replace(/\\n/g, "\n");
  const parts = template.split(/\$\{[^}]*\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`^${parts.join(".+?")}$`);
}

/**
 * What a fixture records makes checkable that the commit it names wrote it: the commit is in
 * this branch's history and older than the state; the state's Pulumi CLI is the one that commit's
 * lock file pins (capture-fixture.sh builds it); every resource's `__provider` is the stub that
 * commit's code writes (each release changed its text); every output the resources hold is a
 * name that commit's provider/ sources spell.
 */
function expectWrittenBy(state: any, commit: string): void {
  expect(git("cat-file", "-t", commit).trim()).toBe("commit");
  expect(() => git("merge-base", "--is-ancestor", commit, "HEAD"), `${commit} is not in this branch's history`).not.toThrow();
  const committed = Date.parse(git("show", "-s", "--format=%cI", commit).trim());
  expect(Date.parse(state.deployment.manifest.time)).toBeGreaterThan(committed);
  const lock = JSON.parse(git("show", `${commit}:package-lock.json`));
  expect(state.deployment.manifest.version).toBe(`v${lock.packages["node_modules/@pulumi/pulumi"].version}`);

  const ours = state.deployment.resources.filter((r: any) => r.type.startsWith("pulumi-nodejs:dynamic/lineworks:"));
  expect(ours.length).toBeGreaterThan(3);
  const stub = stubPatternAt(commit);
  for (const resource of ours) expect(resource.outputs.__provider, resource.urn).toMatch(stub);
  const names = [...new Set(ours.flatMap((r: any) => Object.keys(r.outputs)))].filter((name) => name !== "__provider") as string[];
  expect(names.length).toBeGreaterThan(0);
  const unspelled = names.filter((name) => {
    try {
      git("grep", "-q", "-w", "-F", name, commit, "--", "provider");
      return false;
    } catch {
      return true;
    }
  });
  expect(unspelled, `outputs ${commit}'s provider/ never names`).toEqual([]);
}

const contactsOf = (state: any) => state.deployment.resources.filter((r: any) => r.type.endsWith(":Contact"));
const keyOf = (resource: any) => String(resource.urn).split("::").pop()!;

describe.each(FIXTURES)("upgrade from a stack written as $name ($shape)", (fixture) => {
  const dir = path.join(__dirname, "fixtures", fixture.name);
  let emulator: EmulatorProcess;
  let workspace: PulumiWorkspace;
  let projectDir: string;
  let scratch: string;

  beforeAll(async () => {
    scratch = fs.mkdtempSync(path.join(repoRoot, "test", ".tmp", "upgrade-data-"));
    const dataFile = path.join(scratch, "emulator.json");
    fs.copyFileSync(path.join(dir, "emulator-data.json"), dataFile);
    emulator = await startEmulatorProcess({ dataFile });
    projectDir = path.join(repoRoot, "test", ".tmp", `upgrade-${randomBytes(4).toString("hex")}`);
    fs.cpSync(path.join(dir, "project"), projectDir, { recursive: true });
    fs.copyFileSync(path.join(dir, "Pulumi.upgrade.yaml"), path.join(projectDir, "Pulumi.upgrade.yaml"));
    // v0.1.0's files say TWITTER; the one edit today's validation asks for is X (the same service, so no change).
    const contactsFile = path.join(projectDir, "contacts.yaml");
    fs.writeFileSync(contactsFile, fs.readFileSync(contactsFile, "utf8").replace("type: TWITTER", "type: X"));
    workspace = await createPulumiWorkspace({ projectDir, stack: "upgrade", env: await emulatorProviderEnv(emulator) });
    expectOk(await workspace.run(["stack", "import", "--stack", "upgrade", "--file", path.join(dir, "stack.json")]));
  }, 120_000);

  afterAll(async () => {
    await workspace?.dispose();
    await emulator?.stop();
    for (const folder of [projectDir, scratch]) if (folder) fs.rmSync(folder, { recursive: true, force: true });
  });

  it("is the shape it claims, written by the commit it names", async () => {
    const commit = fs.readFileSync(path.join(dir, "CAPTURED_FROM"), "utf8").trim();
    expect(commit).toMatch(/^[0-9a-f]{40}$/);
    expectWrittenBy(JSON.parse(fs.readFileSync(path.join(dir, "stack.json"), "utf8")), commit);
    const contacts = contactsOf(await workspace.exportState());
    expect(contacts.map(keyOf).sort()).toEqual(["full", "phone-only", "plain"]);
    fixture.checkShape(contacts.find((c: any) => keyOf(c) === "full").outputs);
  });

  it("previews no change but the stack's tenant record to create, and calls no API", async () => {
    await emulator.clearRequests();
    expectOnlyTenantCreate(await workspace.preview());
    expect(await emulator.requests()).toEqual([]);
  });

  it("refreshes into today's state shape, secrets still secret, then previews and refreshes clean again", async () => {
    expectOk(await workspace.refresh(["--expect-no-changes"]));
    await emulator.clearRequests();
    expectOnlyTenantCreate(await workspace.preview());
    expect(await emulator.requests()).toEqual([]);

    const contacts = contactsOf(await workspace.exportState());
    for (const contact of contacts) {
      // Today's outputs hold no field (no values, no prints); the inputs are the live contact's canonical form.
      expect(Object.keys(contact.outputs).filter((name) => name !== "photo" && name !== "photoSha256")).toEqual(["__provider"]);
      expect(contact.inputs.permission.masterUserId).toBe(MASTER_USER_IDS[keyOf(contact)]);
    }
    const full = contacts.find((r: any) => keyOf(r) === "full");
    expect(full.outputs.photoSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(full.inputs.messengers.map((m: any) => m.type).sort()).toEqual(["LINE", "X"]);
    // memo and the custom values stay secret: encrypted inputs.
    expect(full.inputs.memo).toHaveProperty("ciphertext");
    expect(full.inputs.customProperties).toHaveProperty("ciphertext");
    const backend = workspace.backendText();
    for (const text of SECRET_TEXTS) expect(backend).not.toContain(text);
  });

  it("gains the stack's tenant record on its next up, with no API call, and previews no change after it", async () => {
    await emulator.clearRequests();
    expectOk(await workspace.up());
    expect(await emulator.requests()).toEqual([]);
    expectOk(await workspace.preview(["--expect-no-changes"]));
    const state = await workspace.exportState();
    expect(state.deployment.resources.filter((r: any) => r.type.endsWith(":StackTenant")).map((r: any) => r.outputs.domainId)).toEqual([10000001]);
  });
});
