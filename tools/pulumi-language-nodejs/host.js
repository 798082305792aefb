#!/usr/bin/env node
// A minimal Pulumi Node.js language host (the `pulumi-language-nodejs` plugin).
//
// Why this exists: the official language host is a Go module that is never tagged; the Go
// module proxy reachable from our machines serves no version of it (every pseudo-version
// answers 403 "not available"), so it cannot be built from Go modules here. The pulumi CLI
// itself is built from Go modules (scripts/ensure-pulumi.sh). This host implements the
// LanguageRuntime gRPC service the CLI needs to run a Node.js program: it starts
// `@pulumi/pulumi/cmd/run` from the program's own node_modules, exactly as the official
// host does, with config passed through PULUMI_CONFIG / PULUMI_CONFIG_SECRET_KEYS.
//
// It depends only on packages that @pulumi/pulumi itself depends on (@grpc/grpc-js,
// google-protobuf), resolved from the directory the CLI starts it in (the project).
"use strict";

const childProcess = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");
const { createRequire } = require("node:module");
const { watchEngine } = require("./engine-watchdog.js");
const { runPlugin } = require("./run-plugin.js");

// The launcher (scripts/ensure-pulumi.sh) passes the CLI's version; the host reports it as its own.
const HOST_VERSION = process.env.LINEWORKS_PULUMI_VERSION || "0.0.0";
// The exit code @pulumi/pulumi/cmd/run uses when it has already reported the error to the engine.
const ERROR_ALREADY_REPORTED_EXIT_CODE = 32;

function parseArgs(argv) {
  const positional = [];
  const flags = {};
  for (const arg of argv) {
    const match = /^--?([^=]+)(?:=(.*))?$/.exec(arg);
    if (match) flags[match[1]] = match[2] === undefined ? "true" : match[2];
    else positional.push(arg);
  }
  return { positional, flags };
}

function requireFrom(dir) {
  return createRequire(path.join(path.resolve(dir), "noop.js"));
}

/** Finds the directory whose node_modules holds @pulumi/pulumi, walking up from `start`. */
function findSdkRequire(start) {
  const req = requireFrom(start);
  req.resolve("@pulumi/pulumi/package.json");
  return req;
}

function main() {
  const { positional, flags } = parseArgs(process.argv.slice(2));
  const startDir = flags.root || process.cwd();
  let sdkRequire;
  try {
    sdkRequire = findSdkRequire(startDir);
  } catch {
    process.stderr.write(
      `pulumi-language-nodejs: cannot find @pulumi/pulumi from ${startDir}; run 'npm install' in the project first\n`,
    );
    process.exit(1);
  }
  const grpc = sdkRequire("@grpc/grpc-js");
  const languageGrpc = sdkRequire("@pulumi/pulumi/proto/language_grpc_pb.js");
  const languagePb = sdkRequire("@pulumi/pulumi/proto/language_pb.js");
  const pluginPb = sdkRequire("@pulumi/pulumi/proto/plugin_pb.js");

  let engineAddress = positional[0] || "";
  watchEngine(engineAddress, () => {
    for (const child of runningPrograms) child.kill("SIGKILL");
    process.exit(1);
  });

  const service = {
    handshake(call, callback) {
      engineAddress = call.request.getEngineAddress() || engineAddress;
      callback(null, new languagePb.LanguageHandshakeResponse());
    },
    getRequiredPlugins(_call, callback) {
      callback(null, new languagePb.GetRequiredPluginsResponse());
    },
    getRequiredPackages(_call, callback) {
      callback(null, new languagePb.GetRequiredPackagesResponse());
    },
    getPluginInfo(_call, callback) {
      callback(null, new pluginPb.PluginInfo().setVersion(HOST_VERSION));
    },
    about(_call, callback) {
      callback(null, new languagePb.AboutResponse().setExecutable(process.execPath).setVersion(process.version));
    },
    getProgramDependencies(_call, callback) {
      callback(null, new languagePb.GetProgramDependenciesResponse());
    },
    installDependencies(call) {
      // Dependencies are installed by the project's own scripts (npm ci); nothing to do here.
      call.end();
    },
    cancel(_call, callback) {
      callback(null, new (sdkRequire("google-protobuf/google/protobuf/empty_pb.js").Empty)());
    },
    // Policy packs: `pulumi preview --policy-pack DIR` (./run-plugin.js).
    runPlugin(call) {
      runPlugin(call, sdkRequire, runningPrograms);
    },
    run(call, callback) {
      runProgram(call.request, engineAddress, sdkRequire).then(
        (result) => {
          const response = new languagePb.RunResponse();
          if (result.error) response.setError(result.error);
          if (result.bail) response.setBail(true);
          callback(null, response);
        },
        (err) => callback(null, new languagePb.RunResponse().setError(String(err && err.message ? err.message : err))),
      );
    },
  };

  const server = new grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024 });
  server.addService(languageGrpc.LanguageRuntimeService, service);
  server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, port) => {
    if (err) {
      process.stderr.write(`pulumi-language-nodejs: ${err.message}\n`);
      process.exit(1);
    }
    // The engine reads the port from our first line of stdout.
    process.stdout.write(`${port}\n`);
  });
  const stop = () => server.tryShutdown(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

/** Programs started by Run and not yet exited, so that they end with the host. */
const runningPrograms = new Set();

function structToObject(struct) {
  return struct ? struct.toJavaScript() : {};
}

async function runProgram(request, engineAddress, sdkRequire) {
  const info = request.getInfo();
  const pwd = request.getPwd() || (info && info.getProgramDirectory()) || process.cwd();
  const options = structToObject(info && info.getOptions());
  const entryPoint = (info && info.getEntryPoint()) || request.getProgram() || ".";
  const rootDirectory = (info && info.getRootDirectory()) || pwd;

  const projectRequire = requireFrom(pwd);
  let runScript;
  try {
    runScript = projectRequire.resolve("@pulumi/pulumi/cmd/run");
  } catch {
    runScript = sdkRequire.resolve("@pulumi/pulumi/cmd/run");
  }

  const config = {};
  request.getConfigMap().forEach((value, key) => {
    config[key] = value;
  });

  const args = [
    runScript,
    `--monitor=${request.getMonitorAddress()}`,
    `--engine=${engineAddress}`,
    `--project=${request.getProject()}`,
    `--stack=${request.getStack()}`,
    `--pwd=${pwd}`,
    `--root-directory=${rootDirectory}`,
  ];
  if (request.getOrganization()) args.push(`--organization=${request.getOrganization()}`);
  if (request.getDryrun()) args.push("--dry-run");
  if (request.getParallel() > 0) args.push(`--parallel=${request.getParallel()}`);
  args.push(entryPoint, ...request.getArgsList());

  const env = {
    ...process.env,
    PULUMI_CONFIG: JSON.stringify(config),
    PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(request.getConfigsecretkeysList()),
    PULUMI_NODEJS_TYPESCRIPT: String(options.typescript !== false && entryPoint.endsWith(".ts")),
  };
  if (options.tsconfig) env.PULUMI_NODEJS_TSCONFIG_PATH = String(options.tsconfig);
  const configPropertyMap = request.getConfigpropertymap();
  if (configPropertyMap) env.PULUMI_CONFIG_PROPERTY_MAP = JSON.stringify(configPropertyMap.toJavaScript());

  const nodeArgs = typeof options.nodeargs === "string" && options.nodeargs ? options.nodeargs.split(/\s+/) : [];
  if (!fs.existsSync(pwd)) return { error: `program directory ${pwd} does not exist` };

  return new Promise((resolve) => {
    const child = childProcess.spawn(process.execPath, [...nodeArgs, ...args], {
      cwd: pwd,
      env,
      stdio: ["ignore", "inherit", "inherit"],
    });
    runningPrograms.add(child);
    child.on("error", (err) => resolve({ error: `failed to start the program: ${err.message}` }));
    child.on("exit", (code, signal) => {
      runningPrograms.delete(child);
      if (code === 0) resolve({});
      else if (code === ERROR_ALREADY_REPORTED_EXIT_CODE) resolve({ bail: true });
      else resolve({ error: `Program exited with non-zero exit code: ${code === null ? signal : code}` });
    });
  });
}

main();
