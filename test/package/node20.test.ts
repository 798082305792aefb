/**
 * Consumer leg (a): the machine's Node.js (20, what this repository and its CI run) with the
 * lowest @pulumi/pulumi the package supports, the repository's own 3.248.0.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe } from "vitest";
import { repoRoot } from "../support/repo-root";
import { consumerLeg } from "./leg";

const lockedSdk = JSON.parse(fs.readFileSync(path.join(repoRoot, "package-lock.json"), "utf8")).packages["node_modules/@pulumi/pulumi"].version as string;

describe(`the packed package in a new project: Node ${process.version}, @pulumi/pulumi ${lockedSdk}`, () => {
  consumerLeg({
    nodeMajor: Number(process.versions.node.split(".")[0]),
    nodeBinDir: async () => undefined,
    pulumiVersion: async () => lockedSdk,
    typesNode: `^${process.versions.node.split(".")[0]}`,
  });
});
