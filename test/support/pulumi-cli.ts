import { execFileSync } from "node:child_process";
import * as path from "node:path";

import { repoRoot } from "./repo-root";

export { repoRoot };

let cachedBinDir: string | undefined;

/**
 * The folder holding `pulumi`, `pulumi-language-nodejs` and `pulumi-resource-pulumi-nodejs`.
 * scripts/test.sh exports it as LINEWORKS_PULUMI_BIN; when a test file is run directly
 * with vitest, scripts/ensure-pulumi.sh provides it (instant once cached).
 */
export function pulumiBinDir(): string {
  if (cachedBinDir) return cachedBinDir;
  const fromEnv = process.env.LINEWORKS_PULUMI_BIN;
  if (fromEnv) {
    cachedBinDir = fromEnv;
    return fromEnv;
  }
  const output = execFileSync("bash", [path.join(repoRoot, "scripts", "ensure-pulumi.sh")], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines = output.trim().split("\n");
  cachedBinDir = lines[lines.length - 1]!;
  return cachedBinDir;
}
