/** A JSON object (not null, not a list): the one definition every layer uses. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
