/**
 * The project `plan`'s previews are captured from (test/stories/plan/project: tags, a user tag, two
 * custom properties, four contacts with tags, values and a photo), copied under test/.tmp and
 * applied to an emulator started as its own process. Scenarios edit the copy, preview with
 * `--json` and put the files back.
 */
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { expect } from "vitest";
import { startEmulatorProcess, type EmulatorProcess } from "../../support/emulator-process";
import { expectOk } from "../../support/expect-ok";
import { emulatorProviderEnv } from "../../support/provider-config";
import { repoRoot } from "../../support/pulumi-cli";
import { createPulumiWorkspace, type PulumiWorkspace } from "../../support/pulumi-workspace";

export const PLAN_STACK = "dev";

export interface PlanProject {
  dir: string;
  emulator: EmulatorProcess;
  workspace: PulumiWorkspace;
  read(name: string): string;
  write(name: string, text: string | Buffer): void;
  /** `pulumi preview --json` (plus extra arguments); fails the test unless it exits 0. */
  previewJson(extraArgs?: string[]): Promise<string>;
  /** Puts every file of the project back as it was at the start (the applied state is not touched). */
  restoreFiles(): void;
  dispose(): Promise<void>;
}

export async function startPlanProject(): Promise<PlanProject> {
  const source = path.join(__dirname, "project");
  const dir = path.join(repoRoot, "test", ".tmp", `plan-${randomBytes(4).toString("hex")}`);
  fs.cpSync(source, dir, { recursive: true });
  const emulator = await startEmulatorProcess();
  let workspace: PulumiWorkspace | undefined;
  try {
    workspace = await createPulumiWorkspace({
      projectDir: dir,
      stack: PLAN_STACK,
      env: await emulatorProviderEnv(emulator),
      config: {
        "lineworks-contacts:files": JSON.stringify(["company.yaml", "contacts.yaml"]),
        "lineworks-contacts:vars": JSON.stringify({ owner: "admin@example.com", salesLead: "sales@example.com" }),
      },
    });
    expectOk(await workspace.up());
  } catch (error) {
    await workspace?.dispose();
    await emulator.stop();
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const ws = workspace;
  return {
    dir,
    emulator,
    workspace: ws,
    read: (name) => fs.readFileSync(path.join(dir, name), "utf8"),
    write: (name, text) => fs.writeFileSync(path.join(dir, name), text),
    async previewJson(extraArgs = []) {
      const result = await ws.preview(["--json", ...extraArgs]);
      expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
      return result.stdout;
    },
    restoreFiles: () => fs.cpSync(source, dir, { recursive: true }),
    async dispose() {
      await ws.dispose();
      await emulator.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
