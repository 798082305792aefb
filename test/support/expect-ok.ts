import { expect } from "vitest";
import type { PulumiResult } from "./pulumi-workspace";

/** A pulumi command succeeded; on failure the assertion names `what` (if given) and shows its output. */
export function expectOk(result: PulumiResult, what?: string): void {
  expect(result.code, `${what === undefined ? "" : `${what} failed:\n`}${result.stdout}\n${result.stderr}`).toBe(0);
}
