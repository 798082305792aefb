/** What GET /_emulator/state shows of a domain's app side: console switches, the contact cap and its use, the concurrency limit. */
import { DEFAULT_PLAN, EXTERNAL_CONTACT_CAP_BY_PLAN } from "./assumptions";
import { concurrencyLimitOf } from "./concurrency";
import type { Domain, DomainDefinition } from "./store";

/** The cap on external contacts: seed `externalContactCap`, else the plan's (assumptions-app.ts). */
export function externalContactCapOf(definition: DomainDefinition): number {
  return definition.externalContactCap ?? EXTERNAL_CONTACT_CAP_BY_PLAN[definition.plan ?? DEFAULT_PLAN];
}

export function consoleStateOf(domain: Domain) {
  const definition = domain.definition;
  return {
    userTagsEnabled: domain.data.console.userTagsOff !== true,
    plan: definition.plan ?? DEFAULT_PLAN,
    externalContactCap: externalContactCapOf(definition),
    /** Contacts plus trashed contacts: what the cap counts. */
    externalContactsInUse: domain.data.contacts.size,
    maxConcurrentRequests: concurrencyLimitOf(domain),
    messengerSpelling: definition.messengerSpelling ?? "messengers",
  };
}
