/**
 * Public path of the root program: a project's `index.js` is
 * `module.exports = require("lineworks-contacts-pulumi/provider/desired-state/program").runRootProgram();`
 * (README, examples). The program lives in provider/program/root-program.ts.
 */
export { CONFIG_NAMESPACE, readProgramConfig, runRootProgram, type RootProgramOutputs } from "../program/root-program";
