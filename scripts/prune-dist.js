#!/usr/bin/env node
// Removes from dist/ what tsc emitted for a source that no longer exists (a renamed or deleted
// .ts), so that `npm pack` never ships a stale module. Files of existing sources are left alone,
// so it is safe while other processes load dist/. Run after `tsc -p tsconfig.json`.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const dist = path.join(root, "dist");
const emitted = /(\.d\.ts|\.js\.map|\.js)$/;

function prune(dir) {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      prune(full);
      if (fs.readdirSync(full).length === 0) fs.rmdirSync(full);
      continue;
    }
    const match = emitted.exec(entry.name);
    if (!match) continue;
    const source = path.join(root, path.relative(dist, full)).slice(0, -match[1].length) + ".ts";
    if (!fs.existsSync(source)) fs.rmSync(full, { force: true });
  }
}

prune(dist);
