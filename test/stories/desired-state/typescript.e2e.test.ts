/** examples/typescript compiled and applied: the component and code-defined contacts together. */
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulatorProcess, type EmulatorProcess } from "../../support/emulator-process";
import { emulatorProviderEnv } from "../../support/provider-config";
import { repoRoot } from "../../support/pulumi-cli";
import { createPulumiWorkspace, type PulumiWorkspace } from "../../support/pulumi-workspace";
import { removeDir } from "../../support/cli-runs";

describe("examples/typescript", () => {
  let emulator: EmulatorProcess;
  let workspace: PulumiWorkspace;
  let scratch: string;

  beforeAll(async () => {
    // The example reads ../basic/company.yaml: copy both, side by side.
    scratch = path.join(repoRoot, "test", ".tmp", `typescript-${randomBytes(4).toString("hex")}`);
    for (const example of ["typescript", "basic"]) {
      fs.cpSync(path.join(repoRoot, "examples", example), path.join(scratch, example), { recursive: true });
    }
    const projectDir = path.join(scratch, "typescript");
    await promisify(execFile)(process.execPath, [
      path.join(repoRoot, "node_modules", "typescript", "bin", "tsc"),
      "-p",
      path.join(repoRoot, "examples", "typescript"),
      "--outDir",
      path.join(projectDir, "bin"),
    ]);
    emulator = await startEmulatorProcess();
    workspace = await createPulumiWorkspace({ projectDir, stack: "dev", env: await emulatorProviderEnv(emulator) });
  });

  afterAll(async () => {
    await workspace?.dispose();
    await emulator?.stop();
    removeDir(scratch);
  });

  it("applies YAML-loaded tags and properties with contacts written in code, then previews clean", async () => {
    const up = await workspace.up();
    expect(up.code, up.stdout + up.stderr).toBe(0);
    const outputs = (await workspace.outputs()) as Record<string, Record<string, string>>;
    expect(Object.keys(outputs.tagIds!)).toContain("partner");
    expect(Object.keys(outputs.partnerContactIds!).sort()).toEqual(["partner-kato", "partner-ogawa"]);

    const state = (await emulator.state()) as { domains: Array<{ contacts: Array<{ contactId: string; contactTagIds?: string[]; customProperties?: Record<string, unknown> }> }> };
    const kato = state.domains[0]!.contacts.find((contact) => contact.contactId === outputs.partnerContactIds!["partner-kato"])!;
    expect(kato.contactTagIds).toEqual([outputs.tagIds!.partner]);
    expect(kato.customProperties).toEqual({ crm_link: { text: "CRM", link: "https://crm.example/partners/3001" } });

    const preview = await workspace.preview(["--expect-no-changes"]);
    expect(preview.code, preview.stdout + preview.stderr).toBe(0);
  });
});
