import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI_PATH, startEmulatorProcess, type EmulatorProcess } from "../support/emulator-process";
import { assertion, JWT_BEARER, postForm } from "../support/emulator-http";

describe("lineworks-contacts emulator (CLI)", () => {
  let emulator: EmulatorProcess;
  beforeAll(async () => {
    emulator = await startEmulatorProcess();
  });
  afterAll(async () => {
    await emulator?.stop();
  });

  it("--port 0 prints its base URL as the first line of stdout", () => {
    expect(emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(Number(new URL(emulator.url).port)).toBeGreaterThan(0);
  });

  it("answers health when ready", async () => {
    const response = await fetch(`${emulator.url}/_emulator/health`);
    expect(response.status).toBe(200);
  });

  it("gives a token for the default credentials to a plain HTTP client", async () => {
    const credentials = await emulator.credentials();
    expect(credentials).toMatchObject({
      clientId: "emulator-client",
      clientSecret: "emulator-secret",
      serviceAccount: "emulator.serviceaccount@example.com",
      domainId: 10000001,
    });
    expect(credentials.privateKey).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    const { status, body } = await postForm(emulator.authUrl, {
      assertion: await assertion(credentials),
      grant_type: JWT_BEARER,
      client_id: "emulator-client",
      client_secret: "emulator-secret",
      scope: "contact",
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({ token_type: "Bearer", scope: "contact" });
    expect(typeof body.access_token).toBe("string");
    expect(typeof body.refresh_token).toBe("string");
    expect(Number(body.expires_in)).toBe(86400);
  });

  it("exits 0 on SIGTERM", async () => {
    const other = await startEmulatorProcess();
    expect(await other.stop()).toBe(0);
  });

  it.each([
    [["--port", "abc"]],
    [["--port", "70000"]],
    [["--requests-per-minute", "0"]],
    [["--no-such-flag"]],
    [["--seed", "/nonexistent/seed.yaml"]],
  ])("exits non-zero with a one-line reason on bad arguments %j", (args) => {
    const result = spawnSync(process.execPath, [CLI_PATH, "emulator", "--port", "0", ...args], {
      encoding: "utf8",
      timeout: 20_000,
    });
    expect(result.status).not.toBe(0);
    expect(result.status).not.toBeNull();
    expect(result.stdout).toBe("");
    const lines = result.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]!.length).toBeGreaterThan(0);
  });
});
