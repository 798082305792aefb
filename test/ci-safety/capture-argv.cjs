/*
 * Loaded into every Node.js process of a run with NODE_OPTIONS="--require <this file>": appends
 * to $LWC_CAPTURE_ARGV_FILE, one JSON line each, the process's own command line (what `ps`
 * shows) and the command line of every subprocess it starts through child_process. Used by
 * subprocess-arguments.test.ts to check that no credential is ever an argument.
 */
"use strict";
const fs = require("node:fs");
const childProcess = require("node:child_process");
const { syncBuiltinESMExports } = require("node:module");
const util = require("node:util");

const file = process.env.LWC_CAPTURE_ARGV_FILE;
if (file) {
  const record = (entry) => {
    try {
      fs.appendFileSync(file, `${JSON.stringify({ pid: process.pid, ...entry })}\n`);
    } catch {
      // never break the process being observed
    }
  };
  record({ kind: "self", argv: [process.execPath, ...process.execArgv, ...process.argv.slice(1)] });

  const argsOf = (value) => (Array.isArray(value) ? value.map(String) : []);
  const wrap = (name, describe) => {
    const original = childProcess[name];
    const wrapped = function (...args) {
      record({ kind: "spawn", via: name, argv: describe(args) });
      return original.apply(this, args);
    };
    const custom = original[util.promisify.custom];
    if (custom) {
      wrapped[util.promisify.custom] = function (...args) {
        record({ kind: "spawn", via: name, argv: describe(args) });
        return custom.apply(this, args);
      };
    }
    childProcess[name] = wrapped;
  };
  wrap("spawn", ([command, args]) => [String(command), ...argsOf(args)]);
  wrap("spawnSync", ([command, args]) => [String(command), ...argsOf(args)]);
  wrap("execFile", ([command, args]) => [String(command), ...argsOf(args)]);
  wrap("execFileSync", ([command, args]) => [String(command), ...argsOf(args)]);
  wrap("fork", ([modulePath, args]) => [process.execPath, String(modulePath), ...argsOf(args)]);
  wrap("exec", ([command]) => ["/bin/sh", "-c", String(command)]);
  wrap("execSync", ([command]) => ["/bin/sh", "-c", String(command)]);
  // `import { spawn } from "node:child_process"` in ES modules sees the wrapped functions too.
  syncBuiltinESMExports();
}
