/**
 * The implementation behind the serialized provider stubs (see ../program/dynamic-stub.ts:
 * the state holds `...("lineworks-contacts-pulumi/h").<Type>`, or in states of
 * v0.1 `...("lineworks-contacts-pulumi/provider/dynamic-handlers")
 * .handlersFor("<Type>")`). The stubs load this module by package name inside
 * the dynamic-provider process, so it is a per-process singleton: one config,
 * one API client, one listing cache for every resource of a Pulumi run.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { ConfigSource, ContactApi } from "../client";
import { resolveClientConfig } from "../client/config";
import type { ProviderContext } from "./context";
import type { ResourceHandlers } from "./handlers";
import { contactHandlers } from "./contact";
import { contactCustomPropertyHandlers } from "./custom-property";
import { LiveCache } from "./live-cache";
import { withJournalStack } from "../seam/create-journal";
import { Preflight, withPreflight } from "./preflight";
import { guardDeletes, stackClaims } from "./stack-claims";
import { companyContactTagHandlers, userContactTagHandlers } from "./tags";
import { stackTenantHandlers } from "./stack-tenant";
import { reportTakeovers } from "./takeover-count";
import { TenantGate, withGatedGone } from "./tenant-gate";
import { withConfigErrorsPlain } from "./user-error";

export type { ResourceTypeName } from "../schema/resources";
import type { ResourceTypeName } from "../schema/resources";

let stackConfig: ConfigSource | undefined;
let client: ContactApi | undefined;
const providerConfig = (): ConfigSource => stackConfig ?? { get: () => undefined };

function api(): ContactApi {
  if (!client) {
    const config = resolveClientConfig(providerConfig(), process.env);
    // Loaded on the first API call: a run that calls none (a preview without changes) does not pay for the client.
    const { createContactApiClient } = require("../client") as typeof import("../client");
    client = createContactApiClient(config, { log: (message) => process.stderr.write(`lineworks: ${message}\n`) });
  }
  return client;
}

const context: ProviderContext = {
  api,
  cache: new LiveCache(api),
  warn: (message) => process.stderr.write(`warning: ${message}\n`),
  baseDir: process.cwd(),
};

/**
 * Receives the stack config (keys like `lineworks:clientSecret`, already
 * decrypted). Every stub calls it; the values are the same, so the first wins.
 * Nothing is contacted here: the client is built on the first API call.
 */
export function configure(config: { get(key: string): string | undefined }): void {
  stackConfig ??= { get: (key) => config.get(key) };
}

/** The preview's checks of this process (one token, one look-up per member). */
const preflight = new Preflight(context);
/** Notes a preview reads back (plan's "take over"): stderr, one line each. */
const note = (message: string) => process.stderr.write(`${message}\n`);
/** At the end of an up, one line: how many objects it took over and how many it created. */
reportTakeovers();

const builders: Record<ResourceTypeName, (ctx: ProviderContext) => ResourceHandlers<any, any>> = {
  CompanyContactTag: companyContactTagHandlers,
  UserContactTag: userContactTagHandlers,
  ContactCustomProperty: contactCustomPropertyHandlers,
  Contact: contactHandlers,
};
const built = new Map<ResourceTypeName, pulumi.dynamic.ResourceProvider>();
/** Opened by the StackTenant's read (a refresh): until then a read that finds its object gone waits. */
const tenantGate = new TenantGate();

/** What every provider of this process does: take the stack config, print configuration errors without a stack. */
function served(provider: pulumi.dynamic.ResourceProvider): pulumi.dynamic.ResourceProvider {
  return {
    async configure(req: pulumi.dynamic.ConfigureRequest) {
      configure(req.config);
    },
    ...withJournalStack(withConfigErrorsPlain(provider)),
  };
}

export function handlersFor(type: ResourceTypeName): pulumi.dynamic.ResourceProvider {
  let handlers = built.get(type);
  if (!handlers) {
    const build = builders[type];
    if (!build) throw new Error(`lineworks-contacts-pulumi: unknown resource type ${String(type)}`);
    const { plannedCreate, ...provider } = build(context) as ResourceHandlers<unknown, unknown>;
    const checked = withPreflight(type, provider as pulumi.dynamic.ResourceProvider, plannedCreate, preflight, note);
    handlers = served(withGatedGone(guardDeletes(type, checked, stackClaims, context.warn), tenantGate));
    built.set(type, handlers);
  }
  return handlers;
}

/** The providers the stubs read (`("lineworks-contacts-pulumi/h").Contact`); building them calls no API. */
export const CompanyContactTag = handlersFor("CompanyContactTag");
export const UserContactTag = handlersFor("UserContactTag");
export const ContactCustomProperty = handlersFor("ContactCustomProperty");
export const Contact = handlersFor("Contact");
/** The stack's tenant (./stack-tenant.ts): calls no API. */
export const StackTenant = served(
  stackTenantHandlers({ config: providerConfig, warn: context.warn, gate: tenantGate, checkSettings: () => void resolveClientConfig(providerConfig(), process.env) }),
);
