/**
 * Offline validation of resource inputs (everything lineworks-api.md lets us
 * check without calling the API). Used by the resources' `check` and by the
 * desired-state loader, which maps each issue's path to a file position.
 */
import type { z } from "zod";
import { fromZodIssues, type RuleIssue } from "./issues";
import * as L from "../schema/limits";
import {
  companyContactTagSchema,
  contactCustomPropertySchema,
  contactSchema,
  customValueSchemas,
  userContactTagSchema,
} from "./validators";
import { isRecord } from "../schema/json";
import { CUSTOM_VALUE_TYPES, customValueFacts, describeValueShape, type CustomPropertyType } from "../schema/custom-property";

export type { RuleIssue } from "./issues";
export * as limits from "../schema/limits";
export { isCalendarDate } from "./validators";
export { primaryEmail } from "../schema/contact";
export { checkPhotoFile, inspectPhoto, projectRootOf, type PhotoPlace } from "./photo";

export interface CustomPropertyShape {
  propertyType: CustomPropertyType;
  multiValued: boolean;
}

export interface ContactCheckContext {
  /** The domain's custom properties by propertyName; when given, values must match them. */
  customPropertyTypes?: Record<string, CustomPropertyShape>;
}

function parse(schema: z.ZodType, inputs: unknown): RuleIssue[] {
  const result = schema.safeParse(inputs, { reportInput: true });
  return result.success ? [] : fromZodIssues(result.error.issues);
}


function hasText(value: unknown): boolean {
  return typeof value === "string" && value.trim().length > 0;
}

export function checkCompanyContactTag(inputs: unknown): RuleIssue[] {
  return parse(companyContactTagSchema, inputs);
}

export function checkUserContactTag(inputs: unknown): RuleIssue[] {
  return parse(userContactTagSchema, inputs);
}

export function checkContactCustomProperty(inputs: unknown): RuleIssue[] {
  return parse(contactCustomPropertySchema, inputs);
}

export function checkContact(inputs: unknown, context: ContactCheckContext = {}): RuleIssue[] {
  const issues = parse(contactSchema, inputs);
  if (!isRecord(inputs)) return issues;

  const name = inputs.contactName;
  if (isRecord(name) && !hasText(name.lastName) && !hasText(name.firstName)) {
    issues.push({ path: ["contactName"], message: "needs lastName or firstName" });
  }

  const emails = Array.isArray(inputs.emails) ? inputs.emails : [];
  const telephones = Array.isArray(inputs.telephones) ? inputs.telephones : [];
  if (emails.length === 0 && telephones.length === 0) {
    issues.push({ path: ["emails"], message: "a contact needs at least one email or telephone" });
  }

  if (inputs.adopt === true && emails.length === 0) {
    issues.push({ path: ["adopt"], message: "adopting a contact needs an email: the primary email is how the existing contact is found" });
  }

  if (isRecord(inputs.customProperties)) {
    for (const [propertyName, value] of Object.entries(inputs.customProperties)) {
      issues.push(...checkCustomPropertyValue(propertyName, value, context.customPropertyTypes));
    }
  }
  return issues;
}

/** Per property type, the fields its single value requires (STRING: content; LINK: link), from the declaration. */
const REQUIRED_VALUE_FIELDS = Object.fromEntries(
  CUSTOM_VALUE_TYPES.map((type) => [type, Object.entries(customValueFacts[type].single.fields).filter(([, fact]) => !("optional" in fact && fact.optional)).map(([name]) => name)]),
) as Record<CustomPropertyType, string[]>;

/** The property type a value's fields point to (`link` means LINK, `content` means STRING; the later declared wins a tie). */
function claimedType(value: unknown): CustomPropertyShape["propertyType"] | undefined {
  const sample: unknown = Array.isArray(value) ? value[0] : value;
  if (!isRecord(sample)) return undefined;
  return CUSTOM_VALUE_TYPES.filter((type) => REQUIRED_VALUE_FIELDS[type].some((field) => field in sample)).at(-1);
}

/** Infers which of the four value shapes a value claims to be, if any. */
export function customValueShape(value: unknown): CustomPropertyShape | undefined {
  if (Array.isArray(value)) return { propertyType: claimedType(value) ?? "STRING", multiValued: true };
  const propertyType = claimedType(value);
  return propertyType ? { propertyType, multiValued: false } : undefined;
}

const describeShape = (shape: CustomPropertyShape): string => describeValueShape(shape.propertyType, shape.multiValued);

/** Any of the shapes: "{content}, {text, link}, or a list of {content, represent} or {text, link, represent}". */
const ANY_SHAPE = `${CUSTOM_VALUE_TYPES.map((type) => describeValueShape(type, false)).join(", ")}, or a list of ${CUSTOM_VALUE_TYPES.map((type) => describeValueShape(type, true, "")).join(" or ")}`;

function checkCustomPropertyValue(
  propertyName: string,
  value: unknown,
  known: Record<string, CustomPropertyShape> | undefined,
): RuleIssue[] {
  const path = ["customProperties", propertyName];
  if (!L.PROPERTY_NAME_PATTERN.test(propertyName) || propertyName.length > L.PROPERTY_NAME_MAX) {
    return [{ path, message: `"${propertyName}" is not a valid propertyName` }];
  }
  let shape: CustomPropertyShape | undefined;
  if (known) {
    shape = known[propertyName];
    if (!shape) return [{ path, message: `no custom property "${propertyName}" is defined` }];
    const claimed = claimedType(value);
    const kind = `${shape.propertyType}${shape.multiValued ? " multi-valued" : " single-valued"}`;
    if (Array.isArray(value) !== shape.multiValued || (claimed !== undefined && claimed !== shape.propertyType)) {
      return [{ path, message: `"${propertyName}" is a ${kind} property: its value must be ${describeShape(shape)}` }];
    }
  } else {
    shape = customValueShape(value);
  }
  if (!shape) {
    return [{ path, message: `must be ${ANY_SHAPE}` }];
  }
  const variant = customValueSchemas[shape.propertyType];
  const schema = shape.multiValued ? variant.multi : variant.single;
  const result = schema.safeParse(value, { reportInput: true });
  return result.success ? [] : fromZodIssues(result.error.issues, path);
}
