/**
 * Each API object declared once (facts per field); types, rules, reader, canonical forms,
 * field lists and export projection derive from these declarations.
 */
export * from "./facts";
export * from "./contact";
export * from "./tags";
export * from "./custom-property";
export * from "./derive";
export * from "./resources";
export { canonicalJson, canonicalValue, type Json } from "./canonical";
export { readResponse, responseSchema, type ReadProblem } from "./reader";
export { strictSchema } from "./rules-zod";
