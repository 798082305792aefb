/**
 * examples/promotion with its state in PostgreSQL (Pulumi's DIY backend, `pulumi login
 * postgres://…`): dev then prod applied from one checkout, then seen from another machine's
 * Pulumi home (a teammate, the next CI runner) through nothing but the backend.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyExample, removeDir, writes } from "../../support/cli-runs";
import { emulatorDomain, startEmulatorProcess, type EmulatorProcess } from "../../support/emulator-process";
import { ciJobEnv } from "../../support/provider-config";
import { startPostgres, type PostgresServer } from "../../support/postgres";
import { createPulumiWorkspace, type PulumiWorkspace } from "../../support/pulumi-workspace";
import { backendKeys, lockKeys, otherPulumiHome } from "./support";

const DEV = 10000001;
const PROD = 20000002;
const PROJECT = "lineworks-contacts-promotion";

interface LiveContact {
  memo?: string;
  permission: { masterUserId: string };
  emails?: Array<{ email: string }>;
}

describe("examples/promotion on a PostgreSQL state backend", () => {
  let postgres: PostgresServer;
  let emulator: EmulatorProcess;
  let projectDir: string;
  let dev: PulumiWorkspace;
  let prod: PulumiWorkspace;
  let teammate: ReturnType<typeof otherPulumiHome>;

  /** What the CI job's environment holds: the endpoints, the app's credentials, the database password. */
  async function jobEnv(domainId: number): Promise<Record<string, string>> {
    return { ...(await ciJobEnv(emulator, domainId)), ...postgres.passwordEnv };
  }

  /** The domains the API calls of a run reached, each once (an empty list when the run called nothing). */
  const domainsCalled = (entries: Array<{ kind: string; domainId?: number }>): Array<number | undefined> =>
    [...new Set(entries.filter((entry) => entry.kind === "api").map((entry) => entry.domainId))];

  const liveContacts = async (domainId: number): Promise<LiveContact[]> => (await emulatorDomain(emulator, domainId)).contacts;

  const memoOfTanaka = (contacts: LiveContact[]) =>
    contacts.find((contact) => contact.emails?.[0]?.email === "taro.tanaka@acme.example")?.memo;

  beforeAll(async () => {
    projectDir = copyExample("promotion");
    [postgres, emulator] = await Promise.all([
      startPostgres(),
      startEmulatorProcess({ seedFile: path.join(projectDir, "emulator-seed.yaml") }),
    ]);
    const backendUrl = postgres.urlWithoutPassword;
    dev = await createPulumiWorkspace({ projectDir, stack: "dev", backendUrl, env: await jobEnv(DEV) });
    prod = await createPulumiWorkspace({ projectDir, stack: "prod", backendUrl, env: await jobEnv(PROD) });
    teammate = otherPulumiHome();
  });

  afterAll(async () => {
    await dev?.dispose();
    await prod?.dispose();
    teammate?.dispose();
    await emulator?.stop();
    await postgres?.stop();
    removeDir(projectDir);
  });

  it("dev then prod: each stack on its own domain, both states in the database", async () => {
    await emulator.clearRequests();
    const upDev = await dev.up();
    expect(upDev.code, upDev.stdout + upDev.stderr).toBe(0);
    expect(domainsCalled(await emulator.requests())).toEqual([DEV]);

    await emulator.clearRequests();
    const upProd = await prod.up();
    expect(upProd.code, upProd.stdout + upProd.stderr).toBe(0);
    expect(domainsCalled(await emulator.requests())).toEqual([PROD]);

    const devLive = await liveContacts(DEV);
    const prodLive = await liveContacts(PROD);
    expect(devLive.map((contact) => contact.emails?.[0]?.email).sort()).toEqual(
      ["kenji@globex.example", "taro.tanaka@acme.example", "test.customer@example.com"],
    );
    expect(prodLive.map((contact) => contact.emails?.[0]?.email).sort()).toEqual(
      ["board@acme.example", "kenji@globex.example", "taro.tanaka@acme.example"],
    );
    expect(memoOfTanaka(devLive)).toBeUndefined();
    expect(memoOfTanaka(prodLive)).toBe("Key account (prod)");

    // The states are rows of the database, not files of this machine; no lock left behind.
    const keys = await backendKeys(postgres);
    for (const stack of ["dev", "prod"]) expect(keys.some((key) => key.endsWith(`.pulumi/stacks/${PROJECT}/${stack}.json`))).toBe(true);
    expect(dev.backendText() + prod.backendText()).toBe("");
    expect(await lockKeys(postgres)).toEqual([]);
  });

  it("another machine logs in with `pulumi login postgres://…`, lists both stacks and finds dev up to date", async () => {
    // Only the URL (no password: PGPASSWORD holds it) and the stack's secrets, as on a fresh CI runner.
    const fresh = { ...teammate.env, PULUMI_BACKEND_URL: "" };
    const login = await dev.run(["login", postgres.urlWithoutPassword], { env: fresh });
    expect(login.code, login.stdout + login.stderr).toBe(0);
    expect(login.stdout + login.stderr).not.toContain(postgres.password);
    expect(login.stdout).toContain(`postgres://postgres@127.0.0.1:${postgres.port}/`);
    const stacks = await dev.run(["stack", "ls", "--json"], { env: fresh });
    expect(stacks.code, stacks.stdout + stacks.stderr).toBe(0);
    expect(JSON.parse(stacks.stdout).map((stack: { name: string }) => stack.name).sort()).toEqual(["dev", "prod"]);

    await emulator.clearRequests();
    const preview = await dev.run(["preview", "--stack", "dev", "--expect-no-changes"], { env: { ...fresh, ...(await jobEnv(DEV)) } });
    expect(preview.code, preview.stdout + preview.stderr).toBe(0);
    expect(writes(await emulator.requests())).toEqual([]);
  });

  it("a change to the prod overlay, applied from the other machine, touches prod only", async () => {
    const overlay = path.join(projectDir, "desired", "prod-overlay.yaml");
    fs.writeFileSync(overlay, fs.readFileSync(overlay, "utf8").replace("memo: Key account (prod)", "memo: Key account (prod, renewed)"));
    const fresh = { ...teammate.env, PULUMI_BACKEND_URL: "" };

    await emulator.clearRequests();
    const upProd = await prod.run(["up", "--yes", "--skip-preview", "--stack", "prod"], { env: { ...fresh, ...(await jobEnv(PROD)) } });
    expect(upProd.code, upProd.stdout + upProd.stderr).toBe(0);
    expect(upProd.stdout).toMatch(/1 updated/);
    const changes = writes(await emulator.requests());
    expect(changes.length).toBeGreaterThanOrEqual(1);
    expect(changes.map((entry) => [entry.domainId, entry.route]).filter(([domainId, route]) => domainId !== PROD || !String(route).includes("/contacts/:contactId"))).toEqual([]);
    expect(memoOfTanaka(await liveContacts(PROD))).toBe("Key account (prod, renewed)");
    expect(memoOfTanaka(await liveContacts(DEV))).toBeUndefined();

    // The first checkout sees that update through the backend: nothing left to do.
    const preview = await prod.preview(["--expect-no-changes"]);
    expect(preview.code, preview.stdout + preview.stderr).toBe(0);
  });
});
