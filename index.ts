/**
 * The Pulumi program of this project (Pulumi.yaml runs dist/index.js): applies the
 * desired-state files of `lineworks-contacts:files` with `lineworks-contacts:vars`, and
 * exports tagIds, userTagIds, customPropertyIds and contactIds.
 */
import { runRootProgram } from "./provider/program/root-program";

export = runRootProgram();
