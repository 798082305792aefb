/**
 * The Contact resource's check() (what protects a TypeScript program) refuses every photo case
 * before any API call and takes a JPEG and a PNG; the upload re-checks what it reads; and
 * `export --photos` writes only inside the folder it is given.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writePhotoFiles } from "../../../cli/commands/photo-files";
import { contactHandlers } from "../../../provider/dynamic-provider/contact";
import type { ProviderContext } from "../../../provider/dynamic-provider/context";
import { LiveCache } from "../../../provider/dynamic-provider/live-cache";
import { readPhotoForUpload } from "../../../provider/dynamic-provider/photo";
import { JPEG, writePhotoProject, type PhotoProject } from "./photo-fixtures";

let scratch: string;
let projectDir: string;
let project: PhotoProject;

beforeAll(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), "lwc-photo-check-"));
  projectDir = path.join(scratch, "project");
  fs.mkdirSync(projectDir);
  fs.writeFileSync(path.join(projectDir, "Pulumi.yaml"), "name: check\nruntime: nodejs\n");
  project = writePhotoProject(projectDir);
});
afterAll(() => {
  project?.dispose();
  fs.rmSync(scratch, { recursive: true, force: true });
});

const noApi = (): never => {
  throw new Error("check() must not call the API");
};

describe("Contact check(): photos inside the project, images only", () => {
  it("refuses each case with a failure on photo, calls no API, shows nothing of the file; takes the JPEG and the PNG", async () => {
    // The program's folder is a subfolder of the project: ../photos is still inside.
    const programDir = path.join(projectDir, "program");
    fs.mkdirSync(programDir, { recursive: true });
    const ctx: ProviderContext = { api: noApi, cache: new LiveCache(noApi), warn: () => {}, baseDir: programDir };
    const handlers = contactHandlers(ctx);
    for (const { key, photo, refused } of project.cases) {
      const inputs = {
        permission: { masterUserId: "admin@example.com", accessibleRange: "ALL" },
        contactName: { lastName: key },
        emails: [{ email: `${key}@check.example`, primary: true }],
        photo: path.isAbsolute(photo) ? photo : path.join("..", photo),
      };
      const failures = (await handlers.check({}, inputs)).failures ?? [];
      if (refused === undefined) {
        expect(failures, key).toEqual([]);
        continue;
      }
      expect(failures, key).toHaveLength(1);
      expect(failures[0]!.property).toBe("photo");
      expect(failures[0]!.reason).toMatch(refused);
      for (const secret of project.secrets) expect(failures[0]!.reason).not.toContain(secret);
    }
  });

  it("the upload reads through the same check: a photo swapped for a link out after check() is not sent", () => {
    const photos = path.join(projectDir, "photos");
    fs.writeFileSync(path.join(photos, "swap.jpg"), JPEG);
    expect(Buffer.from(readPhotoForUpload(projectDir, "photos/swap.jpg").bytes)).toEqual(JPEG);
    fs.rmSync(path.join(photos, "swap.jpg"));
    fs.symlinkSync(fs.realpathSync(path.join(photos, "out.jpg")), path.join(photos, "swap.jpg"));
    expect(() => readPhotoForUpload(projectDir, "photos/swap.jpg")).toThrow(/leads outside the project folder/);
  });
});

describe("export --photos writes only inside the folder it is given", () => {
  it("writes the files there, and refuses a symbolic link (folder or file) and a path out of it before writing anything", () => {
    const out = path.join(scratch, "export");
    fs.mkdirSync(out);
    writePhotoFiles(out, "photos", new Map([["photos/a.jpg", JPEG]]));
    expect(fs.readFileSync(path.join(out, "photos", "a.jpg"))).toEqual(JPEG);

    const victim = path.join(scratch, "victim.txt");
    fs.writeFileSync(victim, "keep me");
    fs.symlinkSync(victim, path.join(out, "photos", "b.jpg"));
    expect(() => writePhotoFiles(out, "photos", new Map([["photos/a.jpg", JPEG], ["photos/b.jpg", JPEG]]))).toThrow(/b\.jpg: it is a symbolic link/);
    expect(() => writePhotoFiles(out, "photos", new Map([["photos/../victim.txt", JPEG]]))).toThrow(/not a file directly in photos/);
    fs.symlinkSync(scratch, path.join(out, "linked"));
    expect(() => writePhotoFiles(out, "linked", new Map([["linked/c.jpg", JPEG]]))).toThrow(/linked: it is a symbolic link/);
    expect(fs.readFileSync(victim, "utf8")).toBe("keep me");
    expect(fs.existsSync(path.join(scratch, "c.jpg"))).toBe(false);
  });
});
