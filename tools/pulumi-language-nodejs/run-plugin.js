// RunPlugin of the Node.js language host, for policy packs (plugin kind "analyzer").
//
// How the CLI starts a policy pack (pulumi v3.276.0, pkg/resource/plugin: NewPolicyAnalyzer and
// ExecPlugin): `pulumi preview --policy-pack DIR` reads DIR/PulumiPolicy.yaml and, because DIR is a
// folder and not an executable, asks the language host of its runtime (nodejs: this host) to
// RunPlugin with kind "analyzer", the engine's address as args and DIR as the program directory.
// The official host then runs `node @pulumi/pulumi/cmd/run-policy-pack ARGS... DIR` in DIR, as the
// old `pulumi-analyzer-policy` shim script did; the pack (`new PolicyPack(...)` of @pulumi/policy)
// serves the Analyzer gRPC service and prints its port on stdout, which this host streams back to
// the engine with stderr and, at the end, the exit code.
//
// Not done here: the official host also proxies the pack's ConfigureStack call to pass the stack's
// config to the pack's process as PULUMI_CONFIG; @pulumi/policy answers ConfigureStack itself, and
// a pack here reads no Pulumi config. Other plugin kinds (components written in Node.js) are
// refused as unimplemented.
"use strict";

const childProcess = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");
const { createRequire } = require("node:module");

const ANALYZER = "analyzer";
const GRPC_UNIMPLEMENTED = 12;
const GRPC_FAILED_PRECONDITION = 9;

function fail(call, code, message) {
  call.emit("error", Object.assign(new Error(message), { code, details: message }));
}

/** KEY=VALUE strings (the engine sends its whole environment) as an object. */
function envFromList(list) {
  const env = {};
  for (const entry of list) {
    const at = entry.indexOf("=");
    if (at > 0) env[entry.slice(0, at)] = entry.slice(at + 1);
  }
  return env;
}

/** `@pulumi/pulumi/cmd/run-policy-pack` from the pack's own node_modules, else the host's SDK. */
function resolveRunPolicyPack(programDir, sdkRequire) {
  try {
    return createRequire(path.join(programDir, "noop.js")).resolve("@pulumi/pulumi/cmd/run-policy-pack");
  } catch {
    return sdkRequire.resolve("@pulumi/pulumi/cmd/run-policy-pack");
  }
}

/**
 * @param call the server-streaming RunPlugin call
 * @param sdkRequire require() from where the host found @pulumi/pulumi
 * @param running children still alive, ended with the host (engine watchdog)
 */
function runPlugin(call, sdkRequire, running) {
  const languagePb = sdkRequire("@pulumi/pulumi/proto/language_pb.js");
  const request = call.request;
  const kind = request.getKind();
  if (kind !== ANALYZER) {
    fail(call, GRPC_UNIMPLEMENTED, `pulumi-language-nodejs (lineworks-contacts tools): RunPlugin runs policy packs only, not kind "${kind}"`);
    return;
  }
  const info = request.getInfo();
  const programDir = (info && info.getProgramDirectory()) || request.getPwd();
  if (!programDir || !fs.existsSync(programDir)) {
    fail(call, GRPC_FAILED_PRECONDITION, `policy pack directory ${programDir} does not exist`);
    return;
  }
  let runScript;
  try {
    runScript = resolveRunPolicyPack(programDir, sdkRequire);
  } catch {
    fail(call, GRPC_FAILED_PRECONDITION, `cannot find @pulumi/pulumi/cmd/run-policy-pack from ${programDir}; run 'npm install' for the policy pack`);
    return;
  }
  const options = info && info.getOptions() ? info.getOptions().toJavaScript() : {};
  const env = envFromList(request.getEnvList());
  if (!env.PATH && process.env.PATH) env.PATH = process.env.PATH;
  // Options of PulumiPolicy.yaml's runtime, as the official host reads them.
  if (options.typescript !== false) env.PULUMI_NODEJS_TYPESCRIPT = "true";
  if (options.tsconfig) env.PULUMI_NODEJS_TSCONFIG_PATH = String(options.tsconfig);
  const nodeArgs = typeof options.nodeargs === "string" && options.nodeargs ? options.nodeargs.split(/\s+/) : [];
  // As the official host: for analyzers the program directory comes last, after the engine's args.
  const args = [runScript, ...nodeArgs, ...request.getArgsList(), programDir];

  const child = childProcess.spawn(process.execPath, args, { cwd: programDir, env, stdio: ["ignore", "pipe", "pipe"] });
  running.add(child);
  const send = (set, chunk) => {
    if (!call.cancelled && !call.destroyed) call.write(set(new languagePb.RunPluginResponse(), chunk));
  };
  child.stdout.on("data", (chunk) => send((message, bytes) => message.setStdout(bytes), new Uint8Array(chunk)));
  child.stderr.on("data", (chunk) => send((message, bytes) => message.setStderr(bytes), new Uint8Array(chunk)));
  // The engine cancels the call to stop the plugin.
  call.on("cancelled", () => child.kill("SIGTERM"));
  child.on("error", (err) => {
    running.delete(child);
    fail(call, GRPC_FAILED_PRECONDITION, `failed to start the policy pack: ${err.message}`);
  });
  child.on("close", (code, signal) => {
    running.delete(child);
    if (call.cancelled || call.destroyed) return;
    call.write(new languagePb.RunPluginResponse().setExitcode(code === null ? (signal === "SIGTERM" ? 143 : 1) : code));
    call.end();
  });
}

module.exports = { runPlugin };
