// Ends a Pulumi plugin process when the engine that started it is gone.
//
// Pulumi starts each plugin in a process group of its own and passes the engine's gRPC address
// as the first argument. When the CLI dies without shutting its plugins down (killed CI job,
// SIGKILL), nothing else stops them: they would wait forever. Official Go plugins health-check
// the engine for this reason; this does the same for our Node.js language host and, preloaded
// with `node -r`, for Pulumi's Node.js dynamic-provider host.
"use strict";

const net = require("node:net");

const CHECK_EVERY_MS = 1000;
const FAILURES_BEFORE_EXIT = 3;

function parseAddress(address) {
  const match = /^(.*):(\d+)$/.exec(address || "");
  return match ? { host: match[1].replace(/^\[|\]$/g, ""), port: Number(match[2]) } : undefined;
}

/** Calls `onGone` once the engine has refused connections several times in a row. */
function watchEngine(address, onGone) {
  const target = parseAddress(address);
  if (!target) return;
  let failures = 0;
  const timer = setInterval(() => {
    const socket = net.connect(target);
    socket.setTimeout(CHECK_EVERY_MS);
    socket.once("connect", () => {
      failures = 0;
      socket.destroy();
    });
    const failed = () => {
      socket.destroy();
      if (++failures >= FAILURES_BEFORE_EXIT) {
        clearInterval(timer);
        onGone();
      }
    };
    socket.once("error", failed);
    socket.once("timeout", failed);
  }, CHECK_EVERY_MS);
  timer.unref();
}

module.exports = { watchEngine };

// Preloaded (`node -r engine-watchdog.js plugin.js ENGINE_ADDRESS`): watch the plugin's engine.
if (require.main !== module && module.parent && module.parent.id === "internal/preload") {
  const engineAddress = process.argv.slice(2).find((arg) => parseAddress(arg));
  watchEngine(engineAddress, () => process.exit(1));
}
