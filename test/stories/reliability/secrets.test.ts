/**
 * The state (every file of the backend: current, history, backups), the engine's most verbose
 * logs (`-v=9 --logflow`, plugins included), error messages, the emulator's own output, its
 * request log and its dashboard (every page and every admin endpoint it reads) never contain the
 * client secret, the private key (whole or any body line), the access token the test passed in,
 * nor any access or refresh token the emulator issued (the ones the provider obtained itself
 * through the JWT grant included), in any form: raw, base64, base64url, URL-encoded or
 * JSON-escaped (test/support/secret-search.ts). Then each form is planted in each surface, through
 * the same channels (stack outputs, API calls), and the same search finds it.
 *
 * Every run is at -v=9, credentials in encrypted stack config included: Pulumi CLIs up to 3.248
 * printed every provider config value, secrets included, at that verbosity ("Marshaling
 * property for RPC[...CheckConfig]", fixed upstream by pulumi/pulumi#23931); the CLI this
 * repository builds (3.276) does not, and this test keeps it so.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, contactBody, requestToken } from "../../support/emulator-http";
import { startEmulatorProcess, type EmulatorCredentials, type EmulatorProcess } from "../../support/emulator-process";
import { issuedTokens } from "../../support/issued-tokens";
import { FORMS, credentialSecrets, emulatorSurfaces, encode, secretSearch } from "../../support/secret-search";
import { emulatorStackConfig } from "../../support/provider-config";
import { createPulumiWorkspace, type PulumiResult, type PulumiWorkspace } from "../../support/pulumi-workspace";

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

/** Stack outputs are kept in the state and printed by the run: the planted values, from the environment. */
const plantingProgram = `
const planted = JSON.parse(process.env.PLANTED);
for (const [name, value] of Object.entries(planted)) require("@pulumi/pulumi").log.debug(name + "=" + value);
module.exports = planted;
`;

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
    expect(refresh.code, refresh.stdout.slice(-2000) + refresh.stderr.slice(-2000)).toBe(0);
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

    // Every token the emulator issued, the ones the provider obtained through the JWT grant
    // (two stacks) included.
    const issued = await issuedTokens(emulator);
    const byKind = (kind: string) => issued.filter((token) => token.kind === kind).length;
    expect(byKind("access")).toBeGreaterThanOrEqual(3); // the test's own and at least one per JWT stack
    expect(byKind("refresh")).toBeGreaterThanOrEqual(3);
    const search = secretSearch([...credentialSecrets(credentials), { name: "the access token the test passed in", value: accessToken }], issued);
    const surfaces: Array<[string, string]> = [
      ...stacks.map((stack): [string, string] => [`the ${stack.stack} backend`, stack.backendText()]),
      ...runs.flatMap((run, i): Array<[string, string]> => [[`run ${i}'s stdout`, run.stdout], [`run ${i}'s stderr`, run.stderr]]),
      ...(await emulatorSurfaces(emulator)),
    ];
    expect(surfaces.length).toBe(stacks.length + 2 * runs.length + 15);
    expect(search.findIn(surfaces)).toEqual([]);
    // The verbose logs are real: the engine's and the plugins' (every provider call is in them), for each stack.
    for (const [i, stack] of [[0, "jwt-config"], [4, "token-config"], [8, "jwt-env"], [12, "token-env"]] as const) {
      expect(runs[i]!.stderr).toMatch(new RegExp(`Provider\\[\\w+\\]\\.Create\\(urn:pulumi:${stack}::`));
    }
  });

  it("finds each credential planted in each form in each surface (the search is not blind)", { timeout: 200_000 }, async () => {
    const search = secretSearch(credentialSecrets(credentials), await issuedTokens(emulator));
    const keyLine = credentialSecrets(credentials)[4]!;
    const plants = [
      { name: "the client secret", value: credentials.clientSecret },
      { name: "the private key (whole PEM)", value: credentials.privateKey },
      { name: keyLine.name, value: keyLine.value },
      { name: "the access token the test passed in", value: accessToken },
    ];
    const outputs = Object.fromEntries(plants.flatMap((plant, i) => FORMS.map((form) => [`planted_${i}_${form}`, encode(plant.value, form)])));
    const workspace = await createPulumiWorkspace({ program: plantingProgram, stack: "planted", env: { PLANTED: JSON.stringify(outputs) } });
    stacks.push(workspace);
    const up = await workspace.up(verbose);
    expect(up.code, up.stdout.slice(-2000) + up.stderr.slice(-2000)).toBe(0);

    // Through the API: each form in a contact's memo (the dashboard's state) and in a query (the request log).
    for (const form of FORMS) {
      const memo = plants.map((plant) => encode(plant.value, form)).join(" ");
      expect((await api(emulator, accessToken, "POST", "/contacts", contactBody({ memo }))).status).toBe(201);
      for (const plant of plants) await api(emulator, accessToken, "GET", `/contact-tags?note=${encodeURIComponent(encode(plant.value, form))}`);
    }
    const fromEmulator = await emulatorSurfaces(emulator);
    const surfaces: Array<[string, string]> = [
      ["the planted stack's backend", workspace.backendText()],
      ["the planted up's stdout", up.stdout],
      ["the planted up's stderr (-v=9)", up.stderr],
      ...fromEmulator.filter(([where]) => /request log|\/state$|requests\/recent\?include/.test(where)),
      // No channel writes into the emulator's own output: the forms are appended to what it printed.
      ...fromEmulator
        .filter(([where]) => /emulator's std/.test(where))
        .map(([where, text]): [string, string] => [where, `${text}\n${plants.flatMap((plant) => FORMS.map((form) => encode(plant.value, form))).join("\n")}`]),
    ];
    expect(surfaces).toHaveLength(8);
    // Every surface but the appended ones stores text escaped (JSON documents, Go's quoted log values).
    const escaping = (where: string) => !where.startsWith("the emulator's std");
    for (const [where, text] of surfaces) {
      const found = search.find(text);
      for (const form of FORMS) {
        for (const plant of plants.slice(0, 3)) {
          let expected = `${plant.name} as ${form}`;
          if (plant.name.includes("whole PEM")) {
            // pulumi's display shortens a long output ("…"): the key's lines are what it shows.
            if (where === "the planted up's stdout") continue;
            // An escaping surface escapes the PEM's line breaks: the raw key is there JSON-escaped, the
            // JSON-escaped one escaped twice (its lines are still found as they are).
            if (escaping(where) && form === "json") continue;
            if (escaping(where) && form === "raw") expected = `${plant.name} as json`;
          }
          expect(found, `${where}: ${plant.name} planted as ${form}`).toContain(expected);
        }
      }
      expect(found.some((label) => label.includes("access token") && label.endsWith("as raw, url or json")), `${where}: the token`).toBe(true);
      expect(found.some((label) => label.includes("access token") && label.endsWith("as base64 or base64url")), `${where}: the token in base64`).toBe(true);
    }
  });
});
