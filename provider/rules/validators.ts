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
  CUSTOM_VALUE_TYPES,
  type CustomPropertyType,
} from "../schema";
import type { ZodType } from "zod";

export { isCalendarDate } from "../schema/contact";

export const companyContactTagSchema = strictSchema(companyContactTagInputFacts);
export const userContactTagSchema = strictSchema(userContactTagInputFacts);
export const contactCustomPropertySchema = strictSchema(customPropertyInputFacts);
export const contactSchema = strictSchema(contactInputFacts);

/** Per property type, the strict schemas of its single and multi value shapes. */
export const customValueSchemas = Object.fromEntries(
  CUSTOM_VALUE_TYPES.map((type) => [type, { single: strictSchema(customValueFacts[type].single), multi: strictSchema(customValueFacts[type].multi) }]),
) as Record<CustomPropertyType, { single: ZodType; multi: ZodType }>;
