/**
 * A policy pack a company would run on every stack of this provider:
 *
 *   pulumi preview --policy-pack path/to/this/folder
 *
 * The resource classes carry their type tokens, so `validateResourceOfType(Contact, ...)` sees
 * only contacts and hands the rule the contact's inputs typed as `ContactArgs`.
 */
import { PolicyPack, validateResourceOfType, type StackValidationPolicy } from "@pulumi/policy";
import { CompanyContactTag, Contact, ContactCustomProperty } from "lineworks-contacts-pulumi";

/** Digits in a row (spaces, dots, hyphens and brackets between them allowed) that look like a telephone number. */
const PHONE_LIKE = /(?:\+|\b)\d(?:[\s().-]*\d){8,}/;

/** The languages every display name is translated into here (LINE WORKS: ko_KR ja_JP zh_CN zh_TW en_US). */
const REQUIRED_LANGUAGES = ["ja_JP", "en_US"] as const;

/**
 * A stack rule, not a resource rule: a contact's contactTagIds are the ids of tag resources, which
 * a preview does not know yet for new tags; which resources they come from is known.
 */
const contactHasCompanyTag: StackValidationPolicy = {
  name: "contact-has-company-tag",
  description: "Every contact carries at least one company contact tag, so that everyone finds it in a shared list.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    for (const resource of args.resources) {
      if (!resource.isType(Contact)) continue;
      const tagSources = resource.propertyDependencies["contactTagIds"] ?? [];
      if (!tagSources.some((source) => source.isType(CompanyContactTag))) {
        reportViolation(`contact "${resource.name}" carries no company tag: add one under its tags:`, resource.urn);
      }
    }
  },
};

new PolicyPack("lineworks-contacts-company-rules", {
  policies: [
    contactHasCompanyTag,
    {
      name: "memo-without-phone-numbers",
      description: "A contact's memo holds no telephone number: numbers go in telephones, where the app dials and masks them.",
      enforcementLevel: "mandatory",
      validateResource: validateResourceOfType(Contact, (contact, args, reportViolation) => {
        // contact is ContactArgs unwrapped: contact.memo is a string (or null when kept secret and empty).
        if (typeof contact.memo === "string" && PHONE_LIKE.test(contact.memo)) {
          const who = [contact.contactName.lastName, contact.contactName.firstName].filter(Boolean).join(" ");
          reportViolation(`contact "${args.name}" (${who}): its memo holds a telephone number; move it to telephones:`);
        }
      }),
    },
    {
      name: "custom-property-translated",
      description: `Each contact custom property has a display name in ${REQUIRED_LANGUAGES.join(" and ")}.`,
      enforcementLevel: "advisory",
      validateResource: validateResourceOfType(ContactCustomProperty, (property, args, reportViolation) => {
        const languages = new Set((property.i18nDisplayNames ?? []).map((entry) => entry.language));
        const missing = REQUIRED_LANGUAGES.filter((language) => !languages.has(language));
        if (missing.length > 0) {
          reportViolation(`custom property "${args.name}" (${property.propertyName}) has no display name in ${missing.join(", ")}`);
        }
      }),
    },
  ],
});
