/**
 * The strict zod schemas of the resource inputs, generated from the object declarations
 * (provider/schema). Unknown fields are errors (they are almost always typos in a
 * desired-state file).
 */
import {
  companyContactTagInputFacts,
  contactInputFacts,
  customPropertyInputFacts,
  customValueFacts,
  strictSchema,
  userContactTagInputFacts,
} from "../schema";

export { isCalendarDate } from "../schema/contact";

export const companyContactTagSchema = strictSchema(companyContactTagInputFacts);
export const userContactTagSchema = strictSchema(userContactTagInputFacts);
export const contactCustomPropertySchema = strictSchema(customPropertyInputFacts);
export const contactSchema = strictSchema(contactInputFacts);

export const customValueSchemas = {
  STRING: { single: strictSchema(customValueFacts.STRING.single), multi: strictSchema(customValueFacts.STRING.multi) },
  LINK: { single: strictSchema(customValueFacts.LINK.single), multi: strictSchema(customValueFacts.LINK.multi) },
} as const;
