import { expect } from "vitest";
import type { PulumiResult } from "./pulumi-workspace";

/** A pulumi command succeeded; on failure the assertion shows its output. */
export function expectOk(result: PulumiResult): void {
  expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
}
