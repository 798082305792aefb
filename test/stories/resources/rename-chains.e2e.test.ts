/**
 * Issue 28: rename chains and cycles converge in one `pulumi up` (real CLI, emulator process).
 * In a chain each object takes the name the next one gives up and the last takes a new name
 * (`vip` ← "Partner", `partner` ← "Press", `press` ← "Tag 1"); in a cycle the last takes the
 * first one's name. The API keeps these names unique, so the engine's parallel updates are
 * refused by each other until the hand-off (provider/dynamic-provider/name-handoff.ts) orders them.
 * Each up moves a chain (or cycle) of the same length in all three namespaces at once: company
 * tags, one member's tags, custom property display names. The object that must move first is
 * declared last, so the others are refused first. Every up: exit 0, no error, no DELETE, every
 * object keeps its id and carries its new name, the contacts keep their tags; then a clean preview.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emulatorDomain, startEmulatorProcess, type EmulatorProcess } from "../../support/emulator-process";
import { expectOk } from "../../support/expect-ok";
import { emulatorProviderEnv } from "../../support/provider-config";
import { createPulumiWorkspace, type PulumiWorkspace } from "../../support/pulumi-workspace";

const PROGRAM = 'module.exports = require("lineworks-contacts-pulumi/provider/desired-state/program").runRootProgram();\n';
const DOMAIN = 10000001;
const SIZE = 5;
const KEYS = { tags: "t", userTags: "u", customProperties: "p" } as const;
type Namespace = keyof typeof KEYS;
const NAMESPACES = Object.keys(KEYS) as Namespace[];
const OUTPUT: Record<Namespace, string> = { tags: "tagIds", userTags: "userTagIds", customProperties: "customPropertyIds" };

const keysOf = (namespace: Namespace) => Array.from({ length: SIZE }, (_, i) => `${KEYS[namespace]}${i + 1}`);

/** The names the files give, per namespace, in key order. */
type Names = Record<Namespace, string[]>;

function render(names: Names): string {
  const lines = ["version: 1", "tags:"];
  keysOf("tags").forEach((key, i) => lines.push(`  ${key}: { contactTagName: "${names.tags[i]}" }`));
  lines.push("userTags:");
  keysOf("userTags").forEach((key, i) => lines.push(`  ${key}: { userId: sales@example.com, contactTagName: "${names.userTags[i]}" }`));
  lines.push("customProperties:");
  keysOf("customProperties").forEach((key, i) =>
    lines.push(`  ${key}: { propertyName: prop_${i + 1}, displayName: "${names.customProperties[i]}", propertyType: STRING, displayOrder: ${i + 1} }`),
  );
  lines.push("contacts:");
  for (let i = 0; i < SIZE; i++) {
    lines.push(
      `  c${i + 1}:`,
      "    permission: { masterUserId: admin@example.com, accessibleRange: ALL }",
      `    contactName: { lastName: Person${i + 1} }`,
      `    emails: [{ email: c${i + 1}@acme.example, primary: true }]`,
      `    tags: [t${i + 1}, u${i + 1}]`,
      `    customProperties: { p${i + 1}: { content: "value ${i + 1}" } }`,
    );
  }
  return `${lines.join("\n")}\n`;
}

/** The first `length` objects: each takes the next one's name; the last a new name (chain) or the first's (cycle). */
function moved(names: string[], length: number, last: string | "cycle"): string[] {
  const next = [...names];
  for (let i = 0; i < length - 1; i++) next[i] = names[i + 1]!;
  next[length - 1] = last === "cycle" ? names[0]! : last;
  return next;
}

describe("rename chains and cycles of length 2 to 5 converge in one up (tags, user tags, display names)", () => {
  let emulator: EmulatorProcess;
  let workspace: PulumiWorkspace;
  let file: string;
  let ids: Record<Namespace, Record<string, string>>;
  let names: Names;
  let fresh = 0;

  /** Live name of each object of the namespace, in key order, by the id the stack holds. */
  async function liveNames(namespace: Namespace): Promise<string[]> {
    const domain = await emulatorDomain(emulator, DOMAIN);
    return keysOf(namespace).map((key) => {
      const id = ids[namespace][key];
      if (namespace === "customProperties") return domain.customProperties.find((p: any) => p.customPropertyId === id)?.displayName;
      return domain.contactTags.find((t: any) => t.contactTagId === id)?.contactTagName;
    });
  }

  async function upConverges(next: Names, what: string): Promise<void> {
    names = next;
    fs.writeFileSync(file, render(names));
    await emulator.clearRequests();
    const up = await workspace.up();
    expectOk(up);
    expect(`${up.stdout}\n${up.stderr}`, what).not.toMatch(/error|already exists|still held/i);
    const log = await emulator.requests();
    expect(log.filter((entry) => entry.kind === "api" && (entry.method === "DELETE" || (entry.method === "POST" && /contact-tags|custom-properties/.test(entry.path)))), what).toEqual([]);
    const outputs = (await workspace.outputs()) as Record<string, Record<string, string>>;
    for (const namespace of NAMESPACES) {
      expect(outputs[OUTPUT[namespace]], `${what}: ${namespace} keep their ids`).toEqual(ids[namespace]);
      expect(await liveNames(namespace), `${what}: ${namespace}`).toEqual(names[namespace]);
    }
    // Every contact still carries its two tags, under their new names.
    const domain = await emulatorDomain(emulator, DOMAIN);
    for (let i = 0; i < SIZE; i++) {
      const live = domain.contacts.find((c: any) => c.emails?.[0]?.email === `c${i + 1}@acme.example`);
      expect([...live.contactTagIds].sort(), `${what}: c${i + 1}'s tags`).toEqual([ids.tags[`t${i + 1}`], ids.userTags[`u${i + 1}`]].sort());
    }
  }

  const chain = (length: number): Names => ({
    tags: moved(names.tags, length, `Tag new ${++fresh}`),
    userTags: moved(names.userTags, length, `Follow new ${fresh}`),
    customProperties: moved(names.customProperties, length, `Display new ${fresh}`),
  });
  const cycle = (length: number): Names => ({
    tags: moved(names.tags, length, "cycle"),
    userTags: moved(names.userTags, length, "cycle"),
    customProperties: moved(names.customProperties, length, "cycle"),
  });

  beforeAll(async () => {
    emulator = await startEmulatorProcess();
    const env = await emulatorProviderEnv(emulator);
    workspace = await createPulumiWorkspace({ program: PROGRAM, env, config: { "lineworks-contacts:files": JSON.stringify(["desired.yaml"]) } });
    file = path.join(workspace.dir, "desired.yaml");
    names = {
      tags: keysOf("tags").map((_, i) => `Tag ${i + 1}`),
      userTags: keysOf("userTags").map((_, i) => `Follow ${i + 1}`),
      customProperties: keysOf("customProperties").map((_, i) => `Display ${i + 1}`),
    };
    fs.writeFileSync(file, render(names));
    expectOk(await workspace.up());
    const outputs = (await workspace.outputs()) as Record<string, Record<string, string>>;
    ids = { tags: outputs.tagIds!, userTags: outputs.userTagIds!, customProperties: outputs.customPropertyIds! };
  }, 300_000);

  afterAll(async () => {
    await workspace?.dispose();
    await emulator?.stop();
  });

  for (const length of [2, 3, 4, 5]) {
    it(`a chain of ${length}`, { timeout: 300_000 }, async () => {
      await upConverges(chain(length), `chain of ${length}`);
    });
  }

  for (const length of [3, 5]) {
    it(`a cycle of ${length}`, { timeout: 300_000 }, async () => {
      await upConverges(cycle(length), `cycle of ${length}`);
    });
  }

  it("then nothing left to change", { timeout: 300_000 }, async () => {
    expectOk(await workspace.preview(["--expect-no-changes"]));
  });
});
