/**
 * `validate` refuses each photo a pull request could use to read the runner's files, at its
 * FILE:LINE:COL, without showing anything of the file it names; a JPEG and a PNG pass. The
 * project is a folder holding Pulumi.yaml; the secret lies beside it. Offline: no emulator.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { problemLines, runCli } from "../../support/cli-runs";
import { problemsAbout, writePhotoProject, type PhotoProject } from "./photo-fixtures";

let scratch: string;
let projectDir: string;
let project: PhotoProject;

beforeAll(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), "lwc-ci-safety-"));
  projectDir = path.join(scratch, "project");
  fs.mkdirSync(projectDir);
  fs.writeFileSync(path.join(projectDir, "Pulumi.yaml"), "name: ci-safety\nruntime: nodejs\n");
  project = writePhotoProject(projectDir);
});
afterAll(() => {
  project?.dispose();
  fs.rmSync(scratch, { recursive: true, force: true });
});

describe("validate: photos stay inside the project and are images", () => {
  it("refuses each case at its FILE:LINE:COL, shows nothing of the files, and takes the JPEG and the PNG", async () => {
    const result = await runCli(["validate", project.file], { cwd: projectDir });
    expect(result.code, result.stdout + result.stderr).toBe(1);
    const output = result.stdout + result.stderr;
    for (const { key, refused } of project.cases) {
      const lines = problemsAbout(output, project, key);
      if (refused === undefined) {
        expect(lines, key).toEqual([]);
        continue;
      }
      expect(lines, key).toHaveLength(1);
      expect(lines[0]!.startsWith(`${project.positionOf(key)}: contacts.${key}.photo: `), lines[0]).toBe(true);
      expect(lines[0]).toMatch(refused);
    }
    expect(problemLines(result.stdout)).toHaveLength(project.cases.filter((c) => c.refused).length);
    for (const secret of project.secrets) expect(output).not.toContain(secret);
  });

  it("a file outside any project keeps its photos in its own folder", async () => {
    const loose = path.join(scratch, "loose");
    fs.mkdirSync(path.join(loose, "photos"), { recursive: true });
    fs.copyFileSync(path.join(projectDir, "photos", "face.png"), path.join(loose, "photos", "face.png"));
    const contact = (key: string, photo: string) =>
      `  ${key}:\n    permission: { masterUserId: admin@example.com, accessibleRange: ALL }\n` +
      `    contactName: { lastName: ${key} }\n    emails: [{ email: ${key}@loose.example }]\n    photo: ${photo}\n`;
    fs.writeFileSync(path.join(loose, "c.yaml"), `version: 1\ncontacts:\n${contact("inside", "photos/face.png")}${contact("up", "../project/photos/face.png")}`);
    const result = await runCli(["validate", "c.yaml"], { cwd: loose });
    expect(result.code).toBe(1);
    expect(problemLines(result.stdout)).toEqual([`c.yaml:12:12: contacts.up.photo: ../project/photos/face.png leaves the project folder ${loose}`]);
  });
});
