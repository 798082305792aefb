import type { EmulatorProcess } from "./emulator-process";

export interface LiveObjects {
  tagNames: string[];
  propertyNames: string[];
  /** Primary (else first) email of every contact that is not in the trash. */
  contactEmails: string[];
}

/** What a domain of the emulator holds now, read from its admin state (not through our client). */
export async function liveObjects(emulator: EmulatorProcess, domainId = 10000001): Promise<LiveObjects> {
  const state = await emulator.state();
  const domain = state.domains.find((d: any) => d.domainId === domainId);
  if (!domain) throw new Error(`the emulator has no domain ${domainId}`);
  const emailOf = (contact: any) => {
    const emails: Array<{ email: string; primary?: boolean }> = contact.emails ?? [];
    return (emails.find((e) => e.primary) ?? emails[0])?.email ?? "";
  };
  return {
    tagNames: domain.contactTags.map((tag: any) => tag.contactTagName).sort(),
    propertyNames: domain.customProperties.map((property: any) => property.propertyName).sort(),
    contactEmails: domain.contacts.map(emailOf).sort(),
  };
}

/** The objects the synthetic company program (synthetic-company.ts) declares. */
export function expectedSyntheticCompany(counts: { tags: number; properties: number; contacts: number }): LiveObjects {
  const pad = (n: number) => String(n).padStart(4, "0");
  return {
    tagNames: Array.from({ length: counts.tags }, (_, t) => `Tag ${t}`).sort(),
    propertyNames: Array.from({ length: counts.properties }, (_, p) => `prop_${p}`).sort(),
    contactEmails: Array.from({ length: counts.contacts }, (_, i) => `contact${pad(i)}@company.example`).sort(),
  };
}
