/**
 * examples/basic through the real Pulumi CLI against an emulator process: apply, a clean
 * second preview, invalid files failing `pulumi preview` before any API call (with the same
 * problems `validate` prints), and export → apply with adopt converging with no change.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulatorProcess, type EmulatorProcess } from "../../support/emulator-process";
import { emulatorProviderEnv } from "../../support/provider-config";
import { createPulumiWorkspace, type PulumiWorkspace } from "../../support/pulumi-workspace";
import { CORPUS_VARS, invalidCases } from "../../provider/loader/corpus";
import { copyExample, problemLines, removeDir, runCli, writes } from "../../support/cli-runs";

describe("examples/basic through pulumi", () => {
  let emulator: EmulatorProcess;
  let env: Record<string, string>;
  let projectDir: string;
  let workspace: PulumiWorkspace;
  const cleanup: Array<() => Promise<void> | void> = [];

  beforeAll(async () => {
    emulator = await startEmulatorProcess();
    env = await emulatorProviderEnv(emulator);
    projectDir = copyExample("basic");
    cleanup.push(() => removeDir(projectDir));
    workspace = await createPulumiWorkspace({ projectDir, stack: "dev", env });
    cleanup.push(() => workspace.dispose());
  });

  afterAll(async () => {
    for (const step of cleanup.reverse()) await step();
    await emulator?.stop();
  });

  it("applies, then a second preview has no changes and calls no API", async () => {
    const up = await workspace.up();
    expect(up.code, up.stdout + up.stderr).toBe(0);
    const outputs = (await workspace.outputs()) as Record<string, Record<string, string>>;
    expect(Object.keys(outputs.tagIds!).sort()).toEqual(["partner", "press", "prospect", "supplier", "vip"]);
    expect(Object.keys(outputs.userTagIds!)).toEqual(["sales-followup"]);
    expect(Object.keys(outputs.customPropertyIds!).sort()).toEqual(["account-notes", "crm"]);
    expect(Object.keys(outputs.contactIds!)).toHaveLength(10);

    const live = JSON.stringify(await emulator.state());
    for (const id of Object.values(outputs.contactIds!)) expect(live).toContain(id);
    expect(live).toContain("取引先");

    await emulator.clearRequests();
    const preview = await workspace.preview(["--expect-no-changes"]);
    expect(preview.code, preview.stdout + preview.stderr).toBe(0);
    // 17 objects, the stack, the component and the stack's tenant record.
    expect(preview.stdout).toMatch(/21 unchanged/);
    expect(await emulator.requests()).toEqual([]);
  });

  it("renaming a key with previousKeys is neither a replacement nor a new contact", async () => {
    const file = path.join(projectDir, "contacts.yaml");
    const original = fs.readFileSync(file, "utf8");
    fs.writeFileSync(file, original.replace("  suzuki-hanako:\n", "  hanako-suzuki:\n    previousKeys: [suzuki-hanako]\n"));
    try {
      await emulator.clearRequests();
      const preview = await workspace.preview(["--diff"]);
      expect(preview.code, preview.stdout + preview.stderr).toBe(0);
      expect(preview.stdout).toMatch(/21 unchanged/);
      expect(preview.stdout).not.toMatch(/to create|to delete|to replace/);
      expect(await emulator.requests()).toEqual([]);
    } finally {
      fs.writeFileSync(file, original);
    }
  });

  /** Each chosen corpus case fails `pulumi preview` as `validate` reports it, with no API call. */
  async function previewFailsAsValidateSays(chosen: string[]): Promise<void> {
    const cases = invalidCases().filter((testCase) => chosen.includes(testCase.name));
    expect(cases).toHaveLength(chosen.length);
    const fromProject = path.relative(projectDir, path.join(__dirname, "..", "..", "provider", "loader", "invalid"));
    await workspace.setConfig("lineworks-contacts:vars", JSON.stringify(CORPUS_VARS));
    for (const testCase of cases) {
      const files = [...testCase.before, testCase.file].map((file) => `${fromProject}/${file}`);
      await emulator.clearRequests();
      const preview = await workspace.preview(["--config", `lineworks-contacts:files=${JSON.stringify(files)}`]);
      expect(preview.code, testCase.name).not.toBe(0);
      const reported = problemLines(preview.stdout + preview.stderr);
      expect(reported.some((line) => line.startsWith(`${fromProject}/${testCase.location}: `) && line.includes(testCase.fragment)), `${testCase.name}:\n${preview.stdout}`).toBe(true);
      expect(await emulator.requests(), testCase.name).toEqual([]);

      // The root program and `validate` share the loader: the same problems, word for word, but for
      // the way out of an undefined variable (pulumi users set the stack's config; the CLI takes --var).
      const varArgs = Object.entries(CORPUS_VARS).flatMap(([name, value]) => ["--var", `${name}=${value}`]);
      const validated = await runCli(["validate", ...files, ...varArgs], { cwd: projectDir });
      expect(validated.code).toBe(1);
      const problem = (line: string) => line.replace(/: (set it with pulumi config set --path .*|give --var .*)$/, "");
      expect(reported.map(problem)).toEqual(problemLines(validated.stdout).map(problem));
      if (testCase.name === "undefined-variable.yaml") {
        expect(reported.join("\n")).toContain("set it with pulumi config set --path 'lineworks-contacts:vars.");
        expect(reported.join("\n")).not.toContain("--var");
      }
    }
    await workspace.setConfig("lineworks-contacts:files", JSON.stringify(["company.yaml", "contacts.yaml"]));
    await workspace.setConfig("lineworks-contacts:vars", JSON.stringify({ owner: "admin@example.com", salesLead: "sales@example.com" }));
  }

  it("invalid files fail `pulumi preview` at their FILE:LINE:COL, before any API call", async () => {
    await previewFailsAsValidateSays([
      "tag-name-too-long.yaml",
      "undefined-variable.yaml",
      "syntax-unclosed-flow-map.yaml",
      "contact-unknown-custom-property.yaml",
      "overlay-tag-to-removed-tag.yaml",
    ]);
  });

  it("a key Pulumi cannot carry, a suggestion, and one error without echoes: the same in `pulumi preview` as in `validate`", async () => {
    await previewFailsAsValidateSays(["key-empty.yaml", "suggest-tag-display-name.yaml", "echo-after-syntax-error.yaml"]);
  }, 240_000);

  it("`pulumi up` with a key Pulumi cannot carry fails at its FILE:LINE:COL and calls no API (nothing else is created)", async () => {
    const testCase = invalidCases().find((candidate) => candidate.name === "key-empty.yaml")!;
    const file = `${path.relative(projectDir, path.join(__dirname, "..", "..", "provider", "loader", "invalid"))}/${testCase.file}`;
    await emulator.clearRequests();
    // --config is saved to the stack: set back after.
    const up = await workspace.up(["--config", `lineworks-contacts:files=${JSON.stringify([file])}`]);
    await workspace.setConfig("lineworks-contacts:files", JSON.stringify(["company.yaml", "contacts.yaml"]));
    expect(up.code).not.toBe(0);
    expect(problemLines(up.stdout + up.stderr)).toEqual([
      `${file}:5:3: tags[""]: invalid key: the key is empty; a key is 1 to 100 characters, each a letter, a digit, "-", "_" or "."`,
    ]);
    expect(up.stdout + up.stderr).not.toMatch(/Missing resource name argument/);
    expect(await emulator.requests()).toEqual([]);
  });

  it("export, then apply with adopt in a new stack: no change to the API, then no changes", async () => {
    const adoptDir = copyExample("basic");
    cleanup.push(() => removeDir(adoptDir));
    for (const file of ["company.yaml", "contacts.yaml", "Pulumi.dev.yaml", "photos/tanaka-taro.png"]) fs.rmSync(path.join(adoptDir, file));
    const exported = await runCli(["export", "--out", "exported.yaml", "--photos", "photos"], { cwd: adoptDir, env });
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stderr).toMatch(/read 10 contacts/);
    const validated = await runCli(["validate", "exported.yaml"], { cwd: adoptDir });
    expect(validated.stdout).toMatch(/^valid: exported.yaml \(5 tags, 1 user tag, 2 custom properties, \d+ contacts\)/);

    const adopted = await createPulumiWorkspace({
      projectDir: adoptDir,
      stack: "adopted",
      env,
      config: { "lineworks-contacts:files": JSON.stringify(["exported.yaml"]) },
    });
    cleanup.push(() => adopted.dispose());
    await emulator.clearRequests();
    const up = await adopted.up();
    expect(up.code, up.stdout + up.stderr).toBe(0);
    // Adopting changes nothing: not even the photo, which is compared with the live one by hash.
    const log = await emulator.requests();
    expect(writes(log)).toEqual([]);
    expect(log.some((entry) => entry.route === "GET /v1.0/contacts/:contactId/photo")).toBe(true);
    const preview = await adopted.preview(["--expect-no-changes"]);
    expect(preview.code, preview.stdout + preview.stderr).toBe(0);
  });
});
