#!/usr/bin/env node
// The demo (`npm run demo` → scripts/demo.sh → this file, after the build and with `pulumi` on
// PATH): starts the emulator with --data, validates and applies this example with `pulumi up`
// on a local file backend, shows that a second preview has no changes (and makes no API call),
// stops the emulator and prints what to try next. Everything it keeps is under .demo/ here;
// running it again continues from that state.
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const exampleDir = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(exampleDir, "..", "..");
const cli = path.join(repoRoot, "bin", "lineworks-contacts.js");
// LINEWORKS_DEMO_DIR and LINEWORKS_DEMO_STACK let a test run the demo without touching .demo/.
const demoDir = process.env.LINEWORKS_DEMO_DIR ? path.resolve(process.env.LINEWORKS_DEMO_DIR) : path.join(exampleDir, ".demo");
const STACK = process.env.LINEWORKS_DEMO_STACK || "demo";
const PASSPHRASE = "lineworks-contacts-demo";
const FILES = ["company.yaml", "contacts.yaml"];
const VARS = { owner: "admin@example.com", salesLead: "sales@example.com" };
/** The emulator of "What to try next" (port 8787, the demo's data file) serves its dashboard here. */
const DASHBOARD_URL = "http://127.0.0.1:8787/_emulator/ui";

const say = (text) => process.stdout.write(`\n\x1b[1m== ${text}\x1b[0m\n`);

function run(command, args, { env = process.env, cwd = exampleDir, timeoutMs = 300_000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", "inherit", "inherit"] });
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve(code ?? 1);
    });
  });
}

async function startEmulator() {
  const child = spawn(process.execPath, [cli, "emulator", "--port", "0", "--data", path.join(demoDir, "emulator-data.json")], {
    cwd: repoRoot,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the emulator did not start in 20 s: ${stderr}`)), 20_000);
    createInterface({ input: child.stdout }).once("line", (line) => {
      clearTimeout(timer);
      resolve(line.trim());
    });
    child.once("exit", (code) => reject(new Error(`the emulator exited (${code}): ${stderr}`)));
  });
  child.stdout.resume();
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  return { url, stop };
}

async function admin(url, method, route) {
  const response = await fetch(`${url}${route}`, { method });
  if (!response.ok) throw new Error(`${method} ${route}: HTTP ${response.status}`);
  return response.status === 204 ? undefined : response.json();
}

function shellQuote(value) {
  return `'${String(value).replaceAll("'", "'\\''")}'`;
}

async function main() {
  fs.mkdirSync(demoDir, { recursive: true });
  fs.mkdirSync(path.join(demoDir, "state"), { recursive: true });

  say("Starting the LINE WORKS Contact API emulator (state kept in examples/basic/.demo/emulator-data.json)");
  const emulator = await startEmulator();
  const stopOnSignal = () => void emulator.stop().then(() => process.exit(130));
  process.once("SIGINT", stopOnSignal);
  process.once("SIGTERM", stopOnSignal);
  try {
    console.log(`emulator at ${emulator.url} (dashboard while the demo runs: ${emulator.url}/_emulator/ui)`);
    const credentials = await admin(emulator.url, "GET", "/_emulator/credentials");
    const keyFile = path.join(demoDir, "emulator-key.pem");
    fs.writeFileSync(keyFile, credentials.privateKey, { mode: 0o600 });
    const providerEnv = {
      LINEWORKS_API_BASE_URL: `${emulator.url}/v1.0`,
      LINEWORKS_AUTH_URL: `${emulator.url}/oauth2/v2.0/token`,
      LINEWORKS_CLIENT_ID: credentials.clientId,
      LINEWORKS_CLIENT_SECRET: credentials.clientSecret,
      LINEWORKS_SERVICE_ACCOUNT: credentials.serviceAccount,
      LINEWORKS_PRIVATE_KEY_FILE: keyFile,
      LINEWORKS_DOMAIN_ID: String(credentials.domainId),
    };
    const pulumiEnv = {
      PULUMI_BACKEND_URL: `file://${path.join(demoDir, "state")}`,
      PULUMI_CONFIG_PASSPHRASE: PASSPHRASE,
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      PULUMI_DIY_BACKEND_NO_LEGACY_WARNING: "true",
    };
    const env = { ...process.env, ...providerEnv, ...pulumiEnv };
    writeEnvFile({ ...providerEnv, ...pulumiEnv, LINEWORKS_API_BASE_URL: "http://127.0.0.1:8787/v1.0", LINEWORKS_AUTH_URL: "http://127.0.0.1:8787/oauth2/v2.0/token" });

    say("Validating the desired-state files offline");
    const varArgs = Object.entries(VARS).flatMap(([name, value]) => ["--var", `${name}=${value}`]);
    if ((await run(process.execPath, [cli, "validate", ...FILES, ...varArgs])) !== 0) throw new Error("validate failed");

    say(`Applying examples/basic with pulumi up (stack "${STACK}", local file backend)`);
    const stackConfig = path.join(exampleDir, `Pulumi.${STACK}.yaml`);
    if (!fs.existsSync(stackConfig)) fs.copyFileSync(path.join(exampleDir, "Pulumi.dev.yaml"), stackConfig);
    if ((await run("pulumi", ["stack", "select", "--create", STACK, "--non-interactive"], { env })) !== 0) throw new Error("pulumi stack select failed");
    if ((await run("pulumi", ["up", "--yes", "--stack", STACK, "--non-interactive"], { env })) !== 0) throw new Error("pulumi up failed");

    say("A second pulumi preview: nothing to change, and no call to the API");
    await admin(emulator.url, "DELETE", "/_emulator/requests");
    if ((await run("pulumi", ["preview", "--stack", STACK, "--non-interactive", "--expect-no-changes"], { env })) !== 0) {
      throw new Error("the second preview found changes");
    }
    const calls = (await admin(emulator.url, "GET", "/_emulator/requests")).length;
    console.log(`API calls made by that preview: ${calls}`);
  } finally {
    say("Stopping the emulator");
    await emulator.stop();
  }

  say("What to try next");
  console.log(`Everything is in examples/basic; the demo's state is in examples/basic/.demo/.

  cd examples/basic
  source .demo/env.sh                  # emulator endpoints and credentials, local backend
  node ../../bin/lineworks-contacts.js emulator --port 8787 --data .demo/emulator-data.json &

  # edit contacts.yaml (a memo, a tag, a new contact), then:
  node ../../bin/lineworks-contacts.js validate ${FILES.join(" ")} ${varArgsText()}
  pulumi preview --stack ${STACK} --diff
  pulumi up --stack ${STACK}
  node ../../bin/lineworks-contacts.js export      # the live domain as desired-state YAML

  curl -s http://127.0.0.1:8787/_emulator/state   # what the emulator holds
  kill %1                                          # stop the emulator

More: examples/promotion (dev → prod with an overlay), examples/typescript (the same from code).`);

  say("The emulator's dashboard");
  console.log(`Start the emulator with the demo's data (as above), then open, on this machine only:

  ${DASHBOARD_URL}

It shows the tags, custom properties and contacts the demo applied, the API calls as they
happen, the rate-limit use, and lets you inject faults.`);
}

function varArgsText() {
  return Object.entries(VARS)
    .map(([name, value]) => `--var ${name}=${value}`)
    .join(" ");
}

function writeEnvFile(values) {
  const lines = ["# Written by run-demo.mjs: the emulator's demo credentials (not secrets of any real tenant)."];
  for (const [name, value] of Object.entries(values)) lines.push(`export ${name}=${shellQuote(value)}`);
  lines.push(`export PATH=${shellQuote(path.dirname(whichPulumi() ?? "/usr/bin/pulumi"))}:"$PATH"`);
  fs.writeFileSync(path.join(demoDir, "env.sh"), `${lines.join("\n")}\n`, { mode: 0o600 });
}

function whichPulumi() {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    const candidate = path.join(dir, "pulumi");
    if (fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}

main().catch((err) => {
  process.stderr.write(`\ndemo failed: ${err.message}\n`);
  process.exit(1);
});
