/**
 * Reads the ids a stack holds through the Pulumi CLI (`pulumi stack export`, read-only: it takes
 * no lock and decrypts nothing), for `audit --stack`. The CLI finds the backend and credentials
 * as `pulumi` itself would (PULUMI_BACKEND_URL, `pulumi login`). No argument carries a secret.
 */
import { execFile } from "node:child_process";
import { heldEntriesFromExport, heldIdsFromExport, type HeldEntries, type HeldIds } from "../../provider/stack/stack-ids";

export type StackIdsResult = { held: HeldIds } | { held?: undefined; why: string };
export type StackEntriesResult = { held: HeldEntries } | { held?: undefined; why: string };

const EXPORT_TIMEOUT_MS = 120_000;
const MAX_STATE_BYTES = 512 * 1024 * 1024;

export function readHeldIds(stack: string, projectDir: string, pulumiBin = process.env.LINEWORKS_PULUMI ?? "pulumi"): Promise<StackIdsResult> {
  return readStackExport(stack, projectDir, pulumiBin, heldIdsFromExport);
}

/** Key → id and names per kind (`plan --stack` names tags and properties the plan lacks). */
export function readHeldEntries(stack: string, projectDir: string, pulumiBin = process.env.LINEWORKS_PULUMI ?? "pulumi"): Promise<StackEntriesResult> {
  return readStackExport(stack, projectDir, pulumiBin, heldEntriesFromExport);
}

function readStackExport<T>(stack: string, projectDir: string, pulumiBin: string, read: (exported: unknown) => T): Promise<{ held: T } | { held?: undefined; why: string }> {
  return new Promise((resolve) => {
    execFile(
      pulumiBin,
      ["stack", "export", "--stack", stack, "--non-interactive"],
      { cwd: projectDir, timeout: EXPORT_TIMEOUT_MS, maxBuffer: MAX_STATE_BYTES, env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" } },
      (error, stdout, stderr) => {
        if (error) {
          const code = (error as NodeJS.ErrnoException).code;
          const reason = code === "ENOENT" ? "no pulumi CLI on the PATH" : String(stderr || error.message).trim().split("\n")[0] || "pulumi stack export failed";
          resolve({ why: reason });
          return;
        }
        try {
          resolve({ held: read(JSON.parse(stdout)) });
        } catch (err) {
          resolve({ why: (err as Error).message });
        }
      },
    );
  });
}
