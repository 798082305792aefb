import * as pulumi from "@pulumi/pulumi";
import { declarationSiteOnly } from "./declaration-site";
import { STACK_INPUT } from "../seam/create-journal";

/** The package name our serialized providers load the implementation by. */
export const PACKAGE_NAME = "lineworks-contacts-pulumi";

/**
 * The `__provider` text of a dynamic resource: Pulumi's dynamic-provider host evaluates it
 * and calls `handler()` to get the provider. Instead of a serialized closure (kilobytes, and
 * anything it captured), it is a fixed stub that loads the implementation by package name at
 * run time, resolved from the program's folder: in a user project from node_modules, in this
 * repository through the package's self-reference. The state holds no captured values, and
 * upgrading the package upgrades the provider of existing resources.
 *
 * The stub is stored twice per resource (inputs and outputs), and a file backend rewrites the
 * whole state after each step, so it is short: `subpath` is a one-letter export of the package
 * (package.json `exports`) and `member` the provider object it exports. Stubs of earlier
 * versions (`.../provider/dynamic-handlers").handlersFor("Contact")`) keep working.
 */
export function providerStub(subpath: string, member: string): string {
  const specifier = JSON.stringify(`${PACKAGE_NAME}/${subpath}`);
  return `exports.handler=()=>require("module").createRequire(process.cwd()+"/")(${specifier}).${member}\n`;
}

/**
 * A dynamic resource (type `pulumi-nodejs:dynamic/lineworks:<Type>`) whose provider is the
 * stub above. It is what `pulumi.dynamic.Resource` registers, minus closure serialization.
 *
 * `leanRegistration`: the SDK gives each registered property four promises, and each records
 * `new Error().stack` for its promise-leak report; with the SDK's source-map support installed
 * every such stack is source-mapped frame by frame, which made a contact (a dozen properties)
 * cost the program about 1 ms. Registration runs with `Error.stackTraceLimit` at 0, so those
 * debugging stacks are empty. The SDK still records the resource's source position in the state,
 * but as its one stack frame: where the user's code declared it (./declaration-site.ts).
 */
export abstract class StubbedDynamicResource extends pulumi.CustomResource {
  protected constructor(
    type: string,
    name: string,
    stub: string,
    props: pulumi.Inputs,
    opts?: pulumi.CustomResourceOptions,
    leanRegistration = true,
  ) {
    const stackTraceLimit = Error.stackTraceLimit;
    const prepareStackTrace = Error.prepareStackTrace;
    const trimmed = leanRegistration ? declarationSiteOnly(prepareStackTrace) : prepareStackTrace;
    if (leanRegistration) {
      Error.stackTraceLimit = 0;
      Error.prepareStackTrace = trimmed;
    }
    try {
      // The stack's name, for our provider's create journal (seam/create-journal.ts), whose check drops it;
      // a stub pointed at another provider (the bench's floors, the engine test) gets nothing it would have to drop.
      const stack = stub.includes(`"${PACKAGE_NAME}/`) ? { [STACK_INPUT]: pulumi.getStack() } : {};
      super(`pulumi-nodejs:dynamic/lineworks:${type}`, name, { ...props, ...stack, __provider: stub }, opts);
    } finally {
      Error.stackTraceLimit = stackTraceLimit;
      // Leave alone whatever someone else installed meanwhile.
      if (Error.prepareStackTrace === trimmed) Error.prepareStackTrace = prepareStackTrace;
    }
  }
}
