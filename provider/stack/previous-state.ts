/**
 * What the stack held before this run, for the root program's rename recognition: the state
 * as `pulumi stack export` gives it (read-only, no lock, nothing decrypted), read through the
 * same CLI and backend the run uses. Best effort: when it cannot be read (no CLI on the PATH, a
 * new stack, a backend that refuses), renames are not recognised and a rename without
 * previousKeys is refused by the provider instead, naming previousKeys.
 */
import { execFile } from "node:child_process";
import * as pulumi from "@pulumi/pulumi";
import { heldEntriesFromExport, type HeldEntries } from "./stack-ids";

const EXPORT_TIMEOUT_MS = 60_000;
const MAX_STATE_BYTES = 512 * 1024 * 1024;

/** The stack's fully qualified name, e.g. `organization/lineworks-contacts/dev`. */
function qualifiedStack(): string {
  return `${pulumi.getOrganization()}/${pulumi.getProject()}/${pulumi.getStack()}`;
}

export function readPreviousEntries(projectDir: string, pulumiBin = process.env.LINEWORKS_PULUMI ?? "pulumi"): Promise<HeldEntries | undefined> {
  if (process.env.LINEWORKS_CONTACTS_RECOGNISE_RENAMES === "false") return Promise.resolve(undefined);
  return new Promise((resolve) => {
    execFile(
      pulumiBin,
      ["stack", "export", "--stack", qualifiedStack(), "--non-interactive"],
      { cwd: projectDir, timeout: EXPORT_TIMEOUT_MS, maxBuffer: MAX_STATE_BYTES, env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" } },
      (error, stdout) => {
        if (error) {
          pulumi.log.debug(`rename recognition: the stack's state could not be read (${error.message.split("\n")[0]})`);
          resolve(undefined);
          return;
        }
        try {
          resolve(heldEntriesFromExport(JSON.parse(stdout)));
        } catch {
          resolve(undefined);
        }
      },
    );
  });
}
