/**
 * Strict zod schemas generated from the declarations, for the offline rules: unknown fields
 * are errors (almost always typos in a desired-state file), every limit is checked. Rules
 * that span fields (nonEmptyWhen, unique, customType for CUSTOM) are added here too, from
 * the same facts; the custom values are checked by provider/rules against their property.
 */
import { z } from "zod";
import { didYouMeanValue } from "./suggest";
import type { Fact, Fields, ListFact, ObjectFact } from "./facts";

function stringSchema(fact: Extract<Fact, { kind: "string" }>): z.ZodType {
  let schema = z.string();
  if (fact.min !== undefined) schema = schema.min(fact.min);
  if (fact.max !== undefined) schema = schema.max(fact.max);
  if (fact.pattern) schema = schema.regex(fact.pattern, { message: fact.patternMessage ?? `must match ${fact.pattern}` });
  if (fact.check) return schema.refine(fact.check, { message: fact.checkMessage ?? "is not valid" });
  return schema;
}

function enumSchema(fact: Extract<Fact, { kind: "enum" }>): z.ZodType {
  const allowed = fact.values.map((v) => JSON.stringify(v)).join(", ");
  return z.string().superRefine((value, ctx) => {
    if ((fact.values as readonly string[]).includes(value)) return;
    ctx.addIssue({ code: "custom", message: fact.removed?.[value] ?? `must be one of ${allowed}${didYouMeanValue(value, fact.values)}`, input: value });
  });
}

function listSchema(fact: ListFact): z.ZodType {
  const array = fact.max === undefined ? z.array(strictSchema(fact.item)) : z.array(strictSchema(fact.item)).max(fact.max);
  const unique = fact.unique;
  if (unique === undefined) return array;
  return array.superRefine((items, ctx) => {
    const seen = new Set<string>();
    items.forEach((item, index) => {
      const keyed = typeof unique === "string" && typeof item === "object" && item !== null;
      const value = keyed ? (item as Record<string, unknown>)[unique] : item;
      const id = JSON.stringify(value);
      if (seen.has(id)) {
        ctx.addIssue({ code: "custom", path: keyed ? [index, unique] : [index], message: `${fact.itemLabel ? `${fact.itemLabel} ` : ""}${String(value)} is listed twice` });
      }
      seen.add(id);
    });
  });
}

function hasText(value: unknown): boolean {
  return typeof value === "string" && value.trim() !== "";
}

function objectSchema(fact: ObjectFact): z.ZodType {
  const shape: Record<string, z.ZodType> = {};
  for (const [name, field] of Object.entries(fact.fields)) shape[name] = strictSchema(field);
  return z.strictObject(shape).superRefine((value, ctx) => crossFieldRules(fact.fields, value, ctx));
}

/** nonEmptyWhen (MEMBER needs members) and requiredWhen (CUSTOM needs a customType). */
function crossFieldRules(fields: Fields, value: Record<string, unknown>, ctx: z.RefinementCtx): void {
  for (const [name, field] of Object.entries(fields)) {
    if (field.kind === "list" && field.nonEmptyWhen && value[field.nonEmptyWhen.field] === field.nonEmptyWhen.equals) {
      const items = value[name];
      if (!Array.isArray(items) || items.length === 0) {
        ctx.addIssue({ code: "custom", path: [name], message: `is required when ${field.nonEmptyWhen.field} is ${field.nonEmptyWhen.equals} (at least one item)` });
      }
    }
    const when = field.requiredWhen;
    if (when && value[when.field] === when.equals && !hasText(value[name])) {
      ctx.addIssue({ code: "custom", path: [name], message: `is required when ${when.field} is ${when.equals}` });
    }
  }
}

/** The strict schema of a declared value; optional fields may be left out (not null). */
export function strictSchema(fact: Fact): z.ZodType {
  const schema = fact.nullable ? requiredSchema(fact).nullable() : requiredSchema(fact);
  return fact.optional ? schema.optional() : schema;
}

function requiredSchema(fact: Fact): z.ZodType {
  switch (fact.kind) {
    case "string":
      return stringSchema(fact);
    case "enum":
      return enumSchema(fact);
    case "boolean":
      return z.boolean();
    case "integer": {
      const atLeast = fact.min === undefined ? z.number().int() : z.number().int().min(fact.min);
      return fact.max === undefined ? atLeast : atLeast.max(fact.max);
    }
    case "list":
      return listSchema(fact);
    case "object":
      return objectSchema(fact);
    case "customValues":
      return z.record(z.string(), z.unknown());
  }
}
