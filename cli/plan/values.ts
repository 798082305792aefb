/**
 * Values as `pulumi preview --json` prints them: a secret is the string "[secret]" (or, from
 * tools that keep Pulumi's wire form, an object carrying the secret signature); a value not known
 * until `up` is the engine's unknown sentinel. Nothing here ever returns a secret's content.
 */
import { isRecord } from "../../provider/schema/json";
import { containsUnknown, UNKNOWN } from "../../provider/dynamic-provider/pulumi-values";

export { containsUnknown, isRecord, UNKNOWN };

const SECRET_TEXT = "[secret]";
const SIGNATURE_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIGNATURE = "1b47061264138c4ac30d75fd1eb44270";

export function isSecret(value: unknown): boolean {
  return value === SECRET_TEXT || (isRecord(value) && value[SIGNATURE_KEY] === SECRET_SIGNATURE);
}

/** True when the value is, or holds anywhere, a secret. */
export function containsSecret(value: unknown): boolean {
  if (isSecret(value)) return true;
  if (Array.isArray(value)) return value.some(containsSecret);
  if (isRecord(value)) return Object.values(value).some(containsSecret);
  return false;
}

/** A non-empty string that is neither secret nor unknown, else undefined. */
export function plainText(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" && value !== UNKNOWN && !isSecret(value) ? value : undefined;
}

/** At most `max` characters, with an ellipsis when cut (labels of list items, names). */
export function clip(text: string, max = 60): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("")}…`;
}
