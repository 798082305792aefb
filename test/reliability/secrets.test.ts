/**
 * The state (every file of the backend: current, history, backups), the engine's most verbose
 * logs (`-v=9 --logflow`, plugins included), error messages, the emulator's own output and its
 * dashboard (the page and every admin endpoint it reads) never contain the client secret, the
 * private key, the access token the test passed in, nor any access or refresh token the
 * emulator issued: the ones the provider obtained itself through the JWT grant included (the
 * emulator lists each issued token by hash, test/support/issued-tokens.ts).
 *
 * Every run is at -v=9, credentials in encrypted stack config included: Pulumi CLIs up to 3.248
 * printed every provider config value, secrets included, at that verbosity ("Marshaling
 * property for RPC[...CheckConfig]", fixed upstream by pulumi/pulumi#23931); the CLI this
 * repository builds (3.276) does not, and this test keeps it so.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requestToken } from "../emulator/http";
import { startEmulatorProcess, type EmulatorCredentials, type EmulatorProcess } from "../support/emulator-process";
import { issuedTokens, issuedTokensIn } from "../support/issued-tokens";
import { emulatorStackConfig } from "../support/provider-config";
import { createPulumiWorkspace, type PulumiResult, type PulumiWorkspace } from "../support/pulumi-workspace";

// Two tags and a contact, plus (with FAIL=1) a contact the API rejects, to get an error message.
const program = `
const lw = require("lineworks-contacts-pulumi");
const tag = new lw.CompanyContactTag("vip", { contactTagName: "VIP" });
new lw.CompanyContactTag("partner", { contactTagName: "Partner" });
new lw.Contact("taro", {
  permission: { masterUserId: "admin@example.com", accessibleRange: "ALL" },
  contactName: { lastName: "Tanaka", firstName: "Taro" },
  emails: [{ email: "taro@acme.example", primary: true }],
  contactTagIds: [tag.id],
});
if (process.env.FAIL === "1") {
  new lw.Contact("stranger", {
    permission: { masterUserId: "nobody@elsewhere.example", accessibleRange: "ALL" },
    contactName: { lastName: "Stranger" },
    emails: [{ email: "stranger@acme.example", primary: true }],
  });
}
`;

const verbose = ["-v=9", "--logtostderr", "--logflow"];

function pemBodyLines(pem: string): string[] {
  return pem.split("\n").filter((line) => line.length > 20 && !line.startsWith("-----"));
}

/** What the dashboard shows: its page, script and styles, and every admin endpoint it reads. */
async function dashboardText(emulator: EmulatorProcess): Promise<string> {
  const paths = ["ui", "ui/app.js", "ui/app.css", "state", "state/version", "requests/recent?include=token&limit=1000", "rate-limits", "faults"];
  let text = "";
  for (const path of paths) {
    const response = await fetch(`${emulator.url}/_emulator/${path}`);
    expect(response.status, path).toBe(200);
    text += await response.text();
  }
  return text;
}

function expectFreeOf(text: string, secrets: string[], where: string): void {
  for (const secret of secrets) {
    expect(text.includes(secret), `${where} contains a secret (${secret.slice(0, 6)}…)`).toBe(false);
  }
}

let emulator: EmulatorProcess;
let credentials: EmulatorCredentials;

beforeAll(async () => {
  emulator = await startEmulatorProcess();
  credentials = await emulator.credentials();
});
afterAll(async () => {
  await emulator?.stop();
});

describe("no secret leaves the provider", () => {
  const stacks: PulumiWorkspace[] = [];
  const runs: PulumiResult[] = [];
  let accessToken: string;

  beforeAll(async () => {
    accessToken = (await requestToken(emulator)).access_token;
  });
  afterAll(async () => {
    for (const stack of stacks) await stack.dispose();
  });

  async function exercise(workspace: PulumiWorkspace, flags: string[]): Promise<void> {
    stacks.push(workspace);
    await emulator.reset();
    const up = await workspace.up(flags);
    expect(up.code, up.stdout.slice(-2000) + up.stderr.slice(-2000)).toBe(0);
    const failing = await workspace.run(["up", "--yes", "--skip-preview", "--stack", workspace.stack, ...flags], { env: { FAIL: "1" } });
    expect(failing.code).not.toBe(0);
    expect(failing.stdout + failing.stderr).toMatch(/nobody@elsewhere\.example/);
    const refresh = await workspace.refresh(flags);
    const destroy = await workspace.destroy(flags);
    expect(destroy.code, destroy.stdout + destroy.stderr).toBe(0);
    runs.push(up, failing, refresh, destroy);
  }

  it("keeps credentials out of state, verbose logs and errors", { timeout: 400_000 }, async () => {
    const endpoints = { "lineworks:apiBaseUrl": emulator.apiBaseUrl, "lineworks:authUrl": emulator.authUrl };
    const domain = { "lineworks:domainId": String(credentials.domainId) };
    // Credentials in encrypted stack config.
    await exercise(await createPulumiWorkspace({ program, stack: "jwt-config", config: await emulatorStackConfig(emulator) }), verbose);
    await exercise(
      await createPulumiWorkspace({
        program,
        stack: "token-config",
        config: { ...endpoints, ...domain, "lineworks:accessToken": { value: accessToken, secret: true } },
      }),
      verbose,
    );
    // Credentials from the environment.
    await exercise(
      await createPulumiWorkspace({
        program,
        stack: "jwt-env",
        config: { ...endpoints, ...domain },
        env: {
          LINEWORKS_CLIENT_ID: credentials.clientId,
          LINEWORKS_CLIENT_SECRET: credentials.clientSecret,
          LINEWORKS_SERVICE_ACCOUNT: credentials.serviceAccount,
          LINEWORKS_PRIVATE_KEY: credentials.privateKey,
        },
      }),
      verbose,
    );
    await exercise(
      await createPulumiWorkspace({ program, stack: "token-env", config: { ...endpoints, ...domain }, env: { LINEWORKS_ACCESS_TOKEN: accessToken } }),
      verbose,
    );

    const secrets = [credentials.clientSecret, ...pemBodyLines(credentials.privateKey), accessToken];
    for (const stack of stacks) expectFreeOf(stack.backendText(), secrets, `the ${stack.stack} backend`);
    runs.forEach((run, i) => expectFreeOf(run.stdout + run.stderr, secrets, `run ${i}'s output`));

    // Every token the emulator issued, the ones the provider obtained through the JWT grant
    // (two stacks) included: none in any state, output, log or on the dashboard.
    const issued = await issuedTokens(emulator);
    const byKind = (kind: string) => issued.filter((token) => token.kind === kind).length;
    expect(byKind("access")).toBeGreaterThanOrEqual(3); // the test's own and at least one per JWT stack
    expect(byKind("refresh")).toBeGreaterThanOrEqual(3);
    const texts: Array<[string, string]> = [
      ...stacks.map((stack): [string, string] => [`the ${stack.stack} backend`, stack.backendText()]),
      ...runs.map((run, i): [string, string] => [`run ${i}'s output`, run.stdout + run.stderr]),
      ["the emulator's output", emulator.stderr()],
      ["the dashboard", await dashboardText(emulator)],
    ];
    for (const [where, text] of texts) expect(issuedTokensIn(text, issued), where).toEqual([]);
    // The search is not blind: it finds the token the test passed in, wherever it is written.
    expect(issuedTokensIn(`config: ${accessToken}`, issued)).toHaveLength(1);
    // The verbose logs are real: the engine's and the plugins' (every provider call is in them), for each stack.
    for (const [i, stack] of [[0, "jwt-config"], [4, "token-config"], [8, "jwt-env"], [12, "token-env"]] as const) {
      expect(runs[i]!.stderr).toMatch(new RegExp(`Provider\\[\\w+\\]\\.Create\\(urn:pulumi:${stack}::`));
    }
  });
});
