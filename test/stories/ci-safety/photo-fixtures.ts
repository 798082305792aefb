/**
 * The photos a pull request could name, laid out in a project folder (one holding Pulumi.yaml)
 * with a "runner secret" beside it, outside the project: what `validate` and `pulumi preview`
 * must refuse at FILE:LINE:COL without showing anything of the file, and what they must take.
 */
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot } from "../../support/repo-root";

export const PHOTO_MAX_BYTES = 10_485_760;
export const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from("a small JPEG-looking file")]);
export const PNG = fs.readFileSync(path.join(repoRoot, "examples", "basic", "photos", "tanaka-taro.png"));

export interface PhotoCase {
  key: string;
  /** The `photo:` value written in the YAML. */
  photo: string;
  /** What the problem must say; undefined: the photo is accepted. */
  refused?: RegExp;
}

export interface PhotoProject {
  /** The YAML file's name, relative to the project. */
  file: string;
  cases: PhotoCase[];
  /** Texts that must never be shown: the secret outside the project and the text named .jpg. */
  secrets: string[];
  /** `FILE:LINE:COL` of each case's `photo:` value. */
  positionOf(key: string): string;
  dispose(): void;
}

/**
 * Writes `contacts.yaml`, its photos and a secret next to `projectDir` (which must hold
 * Pulumi.yaml). `yamlFile` names the YAML file in problems (relative to the folder they are
 * printed from).
 */
export function writePhotoProject(projectDir: string, options: { yamlName?: string } = {}): PhotoProject {
  const tag = randomBytes(4).toString("hex");
  const secretText = `RUNNER-SECRET-${tag}`;
  const fakeText = `NOT-AN-IMAGE-${tag}`;
  const secretFile = path.join(path.dirname(projectDir), `runner-secret-${tag}.txt`);
  fs.writeFileSync(secretFile, `${secretText}\n`);
  const photos = path.join(projectDir, "photos");
  fs.mkdirSync(photos, { recursive: true });
  fs.symlinkSync(secretFile, path.join(photos, "out.jpg"));
  fs.writeFileSync(path.join(photos, "fake.jpg"), `${fakeText}\n`);
  fs.writeFileSync(path.join(photos, "empty.jpg"), "");
  fs.writeFileSync(path.join(photos, "huge.png"), PNG);
  fs.truncateSync(path.join(photos, "huge.png"), PHOTO_MAX_BYTES + 1);
  fs.writeFileSync(path.join(photos, "face.jpg"), JPEG);
  fs.writeFileSync(path.join(photos, "face.png"), PNG);

  const cases: PhotoCase[] = [
    { key: "escape", photo: `../${path.basename(secretFile)}`, refused: /leaves the project folder/ },
    { key: "absolute", photo: secretFile, refused: /is an absolute path/ },
    { key: "symlink", photo: "photos/out.jpg", refused: /leads outside the project folder .* through a symbolic link/ },
    { key: "text", photo: "photos/fake.jpg", refused: /is not a JPEG, PNG, GIF or BMP image/ },
    { key: "empty", photo: "photos/empty.jpg", refused: /must be 1 to 10485760 bytes, \S*photos\/empty\.jpg has 0$/ },
    { key: "oversized", photo: "photos/huge.png", refused: /must be 1 to 10485760 bytes, \S*photos\/huge\.png has 10485761$/ },
    { key: "jpeg", photo: "photos/face.jpg" },
    { key: "png", photo: "photos/face.png" },
  ];
  const file = options.yamlName ?? "contacts.yaml";
  const lines = ["version: 1", "contacts:"];
  const positions = new Map<string, string>();
  for (const { key, photo } of cases) {
    lines.push(
      `  ${key}:`,
      "    permission: { masterUserId: admin@example.com, accessibleRange: ALL }",
      `    contactName: { lastName: ${key} }`,
      `    emails: [{ email: ${key}@ci-safety.example, primary: true }]`,
    );
    lines.push(`    photo: ${photo}`);
    positions.set(key, `${lines.length}:12`);
  }
  fs.writeFileSync(path.join(projectDir, "contacts.yaml"), `${lines.join("\n")}\n`);
  return {
    file,
    cases,
    secrets: [secretText, fakeText],
    positionOf: (key) => `${file}:${positions.get(key)}`,
    dispose: () => fs.rmSync(secretFile, { force: true }),
  };
}

/** The problem lines of `output` about the case `key` (`contacts.KEY.photo: ...`). */
export function problemsAbout(output: string, project: PhotoProject, key: string): string[] {
  return output
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line.includes(`: contacts.${key}.photo: `));
}
