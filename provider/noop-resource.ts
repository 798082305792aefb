import * as crypto from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import { providerStub, StubbedDynamicResource } from "./dynamic-stub";

/**
 * A dynamic resource that talks to no API: the engine's own cost per resource. Benchmarks
 * use it as the floor that real resources are compared with, and the foundation tests use it
 * to prove the engine, the language host and the tiny serialized provider work together.
 */
export interface NoopResourceInputs {
  value: pulumi.Input<string>;
}

interface NoopState {
  value: string;
}

const noopHandlers: pulumi.dynamic.ResourceProvider<NoopState, NoopState> = {
  async diff(_id, olds, news) {
    return { changes: olds.value !== news.value };
  },
  async create(inputs) {
    const id = crypto.createHash("sha256").update(inputs.value).digest("hex").slice(0, 16);
    return { id, outs: { value: inputs.value } };
  },
  async read(id, props) {
    return { id, props };
  },
  async update(_id, _olds, news) {
    return { outs: { value: news.value } };
  },
  async delete() {},
};

export function noopProvider(_type: string): pulumi.dynamic.ResourceProvider<NoopState, NoopState> {
  return noopHandlers;
}

/** What the stub reads (`lineworks-contacts-pulumi/n` is this module): a stub as short as the real resources' ones. */
export const NoopResource_ = noopHandlers;

const stub = providerStub("n", "NoopResource_");

export class NoopResource extends StubbedDynamicResource {
  declare public readonly value: pulumi.Output<string>;

  constructor(name: string, args: NoopResourceInputs, opts?: pulumi.CustomResourceOptions) {
    // Registered as stock SDK resources are (leanRegistration off): the floor is the engine's cost.
    super("NoopResource", name, stub, { value: args.value }, opts, false);
  }
}
