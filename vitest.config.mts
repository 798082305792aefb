import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Rebuilds dist/ (what the emulator, the CLI and pulumi runs load) when a source is newer.
    globalSetup: ["test/support/fresh-dist.ts"],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    maxWorkers: 2,
    reporters: ["default"],
  },
});
