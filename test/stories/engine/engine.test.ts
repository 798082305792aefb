import { writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPulumiWorkspace, type PulumiWorkspace } from "../../support/pulumi-workspace";

// Proves the real engine, our language host and the dynamic-provider launcher work together,
// and that the provider serialized into the state is a tiny stub with no captured values: our
// resources' stub (provider/program/dynamic-stub.ts), pointed at a no-op provider beside the program
// (the package ships no no-op resource).
const program = (value: string) => `
const { StubbedDynamicResource, providerStub } = require("lineworks-contacts-pulumi/provider/program/dynamic-stub");
const stub = providerStub("h", "noop").replace('"lineworks-contacts-pulumi/h"', '"./noop.js"');
class NoopResource extends StubbedDynamicResource {
  constructor(name, args) { super("NoopResource", name, stub, { value: args.value }); }
}
const probe = new NoopResource("probe", { value: ${JSON.stringify(value)} });
exports.value = probe.value;
`;

const NOOP_PROVIDER = `const crypto = require("node:crypto");
exports.noop = {
  async diff(_id, olds, news) { return { changes: olds.value !== news.value }; },
  async create(inputs) { return { id: crypto.createHash("sha256").update(inputs.value).digest("hex").slice(0, 16), outs: { value: inputs.value } }; },
  async read(id, props) { return { id, props }; },
  async update(_id, _olds, news) { return { outs: { value: news.value } }; },
  async delete() {},
};
`;

describe("the Pulumi engine with a dynamic resource", () => {
  let workspace: PulumiWorkspace;

  beforeAll(async () => {
    workspace = await createPulumiWorkspace({ program: program("first") });
    writeFileSync(`${workspace.dir}/noop.js`, NOOP_PROVIDER);
  });
  afterAll(async () => {
    await workspace?.dispose();
  });

  it("creates, previews no change, refreshes no change, updates and destroys", async () => {
    const up = await workspace.up();
    expect(up.code, up.stdout + up.stderr).toBe(0);
    expect(await workspace.outputs()).toEqual({ value: "first" });

    const preview = await workspace.preview(["--expect-no-changes"]);
    expect(preview.code, preview.stdout + preview.stderr).toBe(0);

    const refresh = await workspace.refresh(["--expect-no-changes"]);
    expect(refresh.code, refresh.stdout + refresh.stderr).toBe(0);

    const state = await workspace.exportState();
    const probe = state.deployment.resources.find((r: any) => r.type === "pulumi-nodejs:dynamic/lineworks:NoopResource");
    expect(probe).toBeDefined();
    const serialized: string = probe.inputs.__provider;
    // A few hundred bytes that load the implementation by package name: no serialized closure,
    // so nothing of the program (values, config, secrets) is captured into the state.
    expect(serialized.length).toBeLessThan(512);
    expect(serialized).toContain('require("module").createRequire(process.cwd()+"/")("./noop.js").noop');
    expect(serialized).not.toContain("with(");
    expect(serialized).not.toContain("first");

    writeFileSync(`${workspace.dir}/index.js`, program("second"));
    const changed = await workspace.preview(["--expect-no-changes"]);
    expect(changed.code).not.toBe(0);
    const update = await workspace.up();
    expect(update.code, update.stdout + update.stderr).toBe(0);
    expect(await workspace.outputs()).toEqual({ value: "second" });

    const destroy = await workspace.destroy();
    expect(destroy.code, destroy.stdout + destroy.stderr).toBe(0);
    const after = await workspace.exportState();
    expect(after.deployment.resources ?? []).toHaveLength(0);
  });
});
