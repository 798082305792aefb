import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { declarationSiteOnly, isUserFrame } from "../../../provider/program/declaration-site";

/** Just enough of a V8 CallSite for the formatter. */
function site(functionName: string | null, file: string | null): NodeJS.CallSite {
  return {
    getFunctionName: () => functionName,
    getFileName: () => file,
    toString: () => `${functionName ?? "<anonymous>"} (${file}:1:1)`,
  } as unknown as NodeJS.CallSite;
}

const sdk = (name: string) => site(name, "/app/node_modules/@pulumi/pulumi/resource.js");
const ours = (name: string) => site(name, path.resolve(__dirname, "../../../provider/program/classes.js"));
const user = site(null, "/home/me/company/index.js");
const sdkCallsites = [sdk("callsites"), sdk("stackTrace"), sdk("Resource"), sdk("CustomResource"), ours("StubbedDynamicResource")];

function framesSeen(sites: NodeJS.CallSite[]): NodeJS.CallSite[] {
  let seen: NodeJS.CallSite[] = [];
  const format = declarationSiteOnly((_error, given) => {
    seen = given;
    return "formatted";
  });
  expect(format(new Error("x"), sites)).toBe("formatted");
  return seen;
}

describe("the stack the SDK records for one of our resources", () => {
  it("keeps the SDK's own frames and then only the user's declaring frame", () => {
    const stack = [...sdkCallsites, ours("Contact"), ours("declareCompany"), user, site("processTicksAndRejections", "node:internal/process/task_queues"), sdk("runInPulumiStack")];
    expect(framesSeen(stack)).toEqual([...sdkCallsites, user]);
  });

  it("falls back to the first declaring frame when no frame is the user's", () => {
    const stack = [...sdkCallsites, ours("Contact"), site("tick", "node:internal/timers"), sdk("run")];
    expect(framesSeen(stack)).toEqual([...sdkCallsites, stack[5]]);
  });

  it("leaves every other stack untouched", () => {
    const thrown = [ours("check"), user, sdk("callsites"), sdk("stackTrace"), sdk("a"), sdk("b"), sdk("c")];
    expect(framesSeen(thrown)).toEqual(thrown);
    expect(framesSeen([])).toEqual([]);
  });

  it("renders like Node when no formatter was installed", () => {
    const rendered = declarationSiteOnly(undefined)(new Error("boom"), [...sdkCallsites, ours("Contact"), user]);
    expect(rendered.split("\n")).toEqual(["Error: boom", ...[...sdkCallsites, user].map((s) => `    at ${s}`)]);
  });

  it("tells the user's frames from this package's, the SDK's and Node's", () => {
    expect(isUserFrame(user)).toBe(true);
    expect(isUserFrame(site(null, "file:///home/me/company/index.mjs"))).toBe(true);
    expect(isUserFrame(ours("Contact"))).toBe(false);
    expect(isUserFrame(sdk("run"))).toBe(false);
    expect(isUserFrame(site(null, "node:internal/modules/cjs/loader"))).toBe(false);
    expect(isUserFrame(site(null, null))).toBe(false);
  });
});
