/**
 * `pulumi preview --json` on a real project against the emulator, then `lineworks-contacts plan`
 * on its output, as a pull request's job runs them: with --stack, tags the plan does not touch
 * are named from the stack's state; the photo file's new bytes are seen; Markdown and text.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PNG } from "../ci-safety/photo-fixtures";
import { CLI_PATH } from "../../support/emulator-process";
import { PLAN_STACK, startPlanProject, type PlanProject } from "./plan-project";

const run = promisify(execFile);

describe("plan on a real preview", () => {
  let project: PlanProject;
  let previewFile: string;

  beforeAll(async () => {
    project = await startPlanProject();
    project.write("contacts.yaml", project.read("contacts.yaml").replace("tags: [vip]\n", "tags: [vip, partner]\n").replace("memo: Prefers mornings", "memo: Prefers evenings"));
    project.write("photos/kato-yoko.png", Buffer.concat([PNG, Buffer.from("v2")]));
    previewFile = path.join(project.dir, "preview.json");
    fs.writeFileSync(previewFile, await project.previewJson());
  }, 300_000);
  afterAll(async () => project?.dispose());

  const plan = (...args: string[]) => run(process.execPath, [CLI_PATH, "plan", previewFile, "--stack", PLAN_STACK, "--cwd", project.dir, ...args], { env: project.workspace.env as NodeJS.ProcessEnv });

  it("text: the contact's changes by name, the tag named from the stack's state", async () => {
    const { stdout, stderr } = await plan("--format", "text");
    expect(stderr).toBe("");
    expect(stdout.split("\n")).toEqual([
      "lineworks-contacts plan for stack dev: 1 to update, 9 unchanged",
      "",
      "Updates (1)",
      "  contact kato-yoko (加藤 洋子, yoko.kato@acme.example): memo changed; tags: + partner (取引先); photo: new bytes",
      "",
    ]);
  });

  it("Markdown from stdin: the marker first, no URN, id or memo text", async () => {
    const child = execFile(process.execPath, [CLI_PATH, "plan", "--stack", PLAN_STACK, "--cwd", project.dir], { env: project.workspace.env as NodeJS.ProcessEnv });
    let stdout = "";
    child.stdout!.on("data", (chunk) => (stdout += chunk));
    child.stdin!.end(fs.readFileSync(previewFile));
    const code = await new Promise((resolve) => child.on("close", resolve));
    expect(code).toBe(0);
    expect(stdout.split("\n")[0]).toBe("<!-- lineworks-contacts plan: dev -->");
    expect(stdout).toContain("- contact **kato-yoko** (加藤 洋子, yoko.kato@acme.example): memo changed; tags: + partner (取引先); photo: new bytes");
    expect(stdout).not.toMatch(/urn:|ctag|Prefers/);
  });

  it("exits 1 with a one-line reason on what is not a preview", async () => {
    const failed = await run(process.execPath, [CLI_PATH, "plan", path.join(project.dir, "company.yaml")]).catch((error) => error);
    expect(failed.code).toBe(1);
    expect(failed.stderr.trim().split("\n")).toHaveLength(1);
    expect(failed.stderr).toContain("give the output of pulumi preview --json");
  });
});
