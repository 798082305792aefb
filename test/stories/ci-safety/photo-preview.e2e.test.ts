/**
 * Through the real `pulumi` CLI against the emulator process: `pulumi preview` refuses each
 * photo a pull request could use to read the runner's files, before any API call (no API
 * request, no token request): from YAML at FILE:LINE:COL (the loader), and from a TypeScript
 * program's Contact resources (the resource's check()). Nothing of the named files is shown.
 * A JPEG and a PNG are accepted and uploaded.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulatorProcess, type EmulatorProcess } from "../../support/emulator-process";
import { expectOk } from "../../support/expect-ok";
import { emulatorStackConfig } from "../../support/provider-config";
import { createPulumiWorkspace, type PulumiWorkspace } from "../../support/pulumi-workspace";
import { problemsAbout, writePhotoProject, type PhotoProject } from "./photo-fixtures";

const ROOT_PROGRAM = 'module.exports = require("lineworks-contacts-pulumi/provider/desired-state/program").runRootProgram();\n';

// The same cases as Contact resources declared in code (cases.json: [key, photo] pairs).
const TS_PROGRAM = `
const lw = require("lineworks-contacts-pulumi");
const cases = JSON.parse(require("fs").readFileSync("cases.json", "utf8"));
for (const [key, photo] of cases) {
  new lw.Contact(key, {
    permission: { masterUserId: "admin@example.com", accessibleRange: "ALL" },
    contactName: { lastName: key },
    emails: [{ email: key + "@ci-safety.example", primary: true }],
    photo,
  });
}
`;

let emulator: EmulatorProcess;
const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

beforeAll(async () => {
  emulator = await startEmulatorProcess();
});
afterAll(async () => {
  await emulator?.stop();
});

function expectNothingShown(output: string, project: PhotoProject): void {
  for (const secret of project.secrets) expect(output).not.toContain(secret);
}

describe("pulumi preview refuses photos outside the project or not images, before any API call", () => {
  let workspace: PulumiWorkspace;
  let project: PhotoProject;

  beforeAll(async () => {
    workspace = await createPulumiWorkspace({
      program: ROOT_PROGRAM,
      stack: "photos",
      config: { ...(await emulatorStackConfig(emulator)), "lineworks-contacts:files": '["contacts.yaml"]' },
    });
    project = writePhotoProject(workspace.dir);
  });
  afterAll(async () => {
    project?.dispose();
    await workspace?.dispose();
  });

  it("YAML: each refused case at its FILE:LINE:COL, no request; the JPEG and the PNG are then uploaded", async () => {
    await emulator.clearRequests();
    const preview = await workspace.preview();
    const output = preview.stdout + preview.stderr;
    expect(preview.code, output).not.toBe(0);
    for (const { key, refused } of project.cases) {
      const lines = problemsAbout(output, project, key);
      if (refused === undefined) {
        expect(lines, key).toEqual([]);
        continue;
      }
      expect(lines.length, `${key}\n${output}`).toBeGreaterThan(0);
      expect(lines.every((line) => line.startsWith(`${project.positionOf(key)}: contacts.${key}.photo: `) && refused.test(line)), lines.join("\n")).toBe(true);
    }
    expectNothingShown(output, project);
    expect(await emulator.requests()).toEqual([]);

    // Only the images: accepted, and uploaded as they are.
    const accepted = project.cases.filter((c) => c.refused === undefined).map((c) => c.key);
    const yaml = fs.readFileSync(path.join(workspace.dir, "contacts.yaml"), "utf8");
    const blocks = yaml.split(/\n(?=  \S)/);
    fs.writeFileSync(path.join(workspace.dir, "contacts.yaml"), `${[blocks[0], ...blocks.slice(1).filter((b) => accepted.some((key) => b.startsWith(`  ${key}:`)))].join("\n")}\n`);
    expectOk(await workspace.up());
    // The bytes the emulator stores (served by its dashboard) are the files' bytes, hash for hash.
    const domain = (await emulator.state()).domains[0] as { domainId: number; photos: Array<{ contactId: string; fileName: string }> };
    const stored: Record<string, string> = {};
    for (const photo of domain.photos) {
      const response = await fetch(`${emulator.url}/_emulator/photos/${domain.domainId}/${photo.contactId}`);
      expect(response.status, photo.fileName).toBe(200);
      stored[photo.fileName] = sha256(Buffer.from(await response.arrayBuffer()));
    }
    const onDisk = (name: string) => sha256(fs.readFileSync(path.join(workspace.dir, "photos", name)));
    expect(stored).toEqual({ "face.jpg": onDisk("face.jpg"), "face.png": onDisk("face.png") });
    expectOk(await workspace.destroy());
  });

  it("TypeScript: the Contact resource's check() refuses a symbolic link out of the project, no request", async () => {
    // The engine stops at the first resource whose check fails: one case here, all of them in photo-check.test.ts.
    const code = await createPulumiWorkspace({ program: TS_PROGRAM, stack: "photos-ts", config: await emulatorStackConfig(emulator) });
    const cases = writePhotoProject(code.dir);
    try {
      const symlink = cases.cases.find((c) => c.key === "symlink")!;
      fs.writeFileSync(path.join(code.dir, "cases.json"), JSON.stringify([[symlink.key, symlink.photo]]));
      await emulator.clearRequests();
      const preview = await code.preview();
      const output = preview.stdout + preview.stderr;
      expect(preview.code, output).not.toBe(0);
      const lines = output.split("\n").filter((line) => line.includes("resource 'symlink'") && line.includes("has a problem"));
      expect(lines.length, output).toBeGreaterThan(0);
      expect(lines.every((line) => symlink.refused!.test(line)), output).toBe(true);
      expectNothingShown(output, cases);
      expect(await emulator.requests()).toEqual([]);
    } finally {
      cases.dispose();
      await code.dispose();
    }
  });
});
