/**
 * The path the serialized provider of states written by v0.1 requires
 * (`require("lineworks-contacts-pulumi/provider/dynamic-handlers").handlersFor(...)`); later
 * versions name `lineworks-contacts-pulumi/h` (package.json `exports`, a short name because every
 * resource's state holds it). Both load provider/dynamic-provider/index.ts.
 */
export * from "./dynamic-provider/index";
