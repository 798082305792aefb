/*
 * Loaded into every Node.js process of a run with NODE_OPTIONS="--require <this file>": appends
 * to $LWC_CAPTURE_ARGV_FILE, one JSON line each, the process's own command line (what `ps`
 * shows) and the command line of every subprocess it starts through child_process. Used by
 * subprocess-arguments.test.ts to check that no credential is ever an argument.
 *
 * What it cannot see: processes that are not Node.js and were not started by a Node.js process
 * (the pulumi CLI's own children: the Go language host, plugin launch scripts), and a Node.js
 * process started with NODE_OPTIONS cleared. The test reads /proc for those (proc-argv.ts).
 *
 * A record it cannot write is not skipped: the process fails loudly (the message on stderr, an
 * exception at load or from the spawn call), so a run it could not observe cannot pass as clean.
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
    } catch (error) {
      const message = `capture-argv: cannot record the command line of pid ${process.pid} in ${file}: ${error && error.message}`;
      try {
        process.stderr.write(`${message}\n`);
      } catch {
        // stderr closed: the exception below still fails the process
      }
      throw new Error(message);
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
