import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The soak (npm run soak) runs only when given a time budget; npm test runs the fixed seeds.
    exclude: ["**/node_modules/**", "**/.git/**", ...(process.env.LWC_SOAK_SECONDS === undefined ? ["test/stories/sequences/soak.test.ts"] : [])],
    // Rebuilds dist/ (what the emulator, the CLI and pulumi runs load) when a source is newer.
    globalSetup: ["test/support/fresh-dist.ts"],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    maxWorkers: 2,
    reporters: ["default"],
  },
});
