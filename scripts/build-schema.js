#!/usr/bin/env node
// Writes the JSON Schema of desired-state files (generated from the declarations by
// provider/json-schema/json-schema.ts) into dist/schema/desired-state.schema.json, shipped in
// the package for editors. Run after `tsc -p tsconfig.json`: it loads the compiled module.
// `node scripts/build-schema.js FILE` writes FILE instead.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const { desiredStateJsonSchema } = require(path.join(root, "dist", "provider", "json-schema", "json-schema.js"));
const target = path.resolve(process.argv[2] || path.join(root, "dist", "schema", "desired-state.schema.json"));
fs.mkdirSync(path.dirname(target), { recursive: true });
// Atomic: tests and editors may read it while another process rebuilds.
const temporary = `${target}.${process.pid}.tmp`;
fs.writeFileSync(temporary, `${JSON.stringify(desiredStateJsonSchema(), null, 2)}\n`);
fs.renameSync(temporary, target);
