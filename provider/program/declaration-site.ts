import * as path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The SDK records, for every resource, a source position and a stack trace in the state: it
 * parses `new Error().stack` in `Resource.callsites()` and keeps the frames after the SDK's own
 * (`Resource.stackTrace(4)`: callsites, stackTrace, Resource, CustomResource and the class that
 * extends it). For our resources that trace is a dozen frames of this package, Node internals and
 * the SDK's run loop (~400 bytes per resource), and its first frame, the "source position", is a
 * line of this package rather than the user's code. A file backend rewrites the whole state after
 * each step, so those bytes are paid N² times in a large `up`.
 *
 * While one of our resources registers, this `Error.prepareStackTrace` hands the formatter (the
 * SDK's source-map support, or Node's) only the SDK's frames and then one frame: the first one
 * outside this package, the SDK and Node, i.e. where the user's program declared the resource
 * (for a YAML company, the program line that loads it). Any other stack passes through untouched.
 */
const SDK_FRAMES = 5;

const packageDir = path.resolve(__dirname, "..") + path.sep;
const sdkMarker = `${path.sep}node_modules${path.sep}@pulumi${path.sep}`;

type Formatter = NonNullable<typeof Error.prepareStackTrace>;

function fileOf(site: NodeJS.CallSite): string | undefined {
  const file = site.getFileName() ?? undefined;
  if (file?.startsWith("file://")) return fileURLToPath(file);
  return file;
}

/** A frame of the user's code: not this package, not the Pulumi SDK, not Node itself. */
export function isUserFrame(site: NodeJS.CallSite): boolean {
  const file = fileOf(site);
  if (!file || file.startsWith("node:") || !path.isAbsolute(file)) return false;
  return !file.startsWith(packageDir) && !file.includes(sdkMarker);
}

/** Is this the stack the SDK takes in `Resource.callsites()` (called from `Resource.stackTrace`)? */
function isSdkCallsites(sites: NodeJS.CallSite[]): boolean {
  return sites.length > SDK_FRAMES && sites[0]!.getFunctionName() === "callsites" && sites[1]!.getFunctionName() === "stackTrace";
}

/** Node's own rendering, for when no formatter is installed. */
const nodeFormat: Formatter = (error, sites) => [String(error), ...sites.map((site) => `    at ${site}`)].join("\n");

export function declarationSiteOnly(next: Formatter | undefined): Formatter {
  const format = next ?? nodeFormat;
  return (error, sites) => {
    if (!isSdkCallsites(sites)) return format(error, sites);
    const declared = sites.slice(SDK_FRAMES);
    const site = declared.find(isUserFrame) ?? declared[0]!;
    return format(error, [...sites.slice(0, SDK_FRAMES), site]);
  };
}
