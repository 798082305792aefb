/** A JSON object (not null, not a list): the emulator's own definition (it shares no code with the provider). */
export type Json = Record<string, unknown>;

export function isRecord(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
