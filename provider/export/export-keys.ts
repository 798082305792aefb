/**
 * Entry keys for an export, derived from display names (issue 30): readable, unique within
 * their namespace, and the same for the same live domain whatever order the API listed it in
 * (callers hand the objects over in a stable order; collisions are numbered in that order).
 * A key keeps every character the key pattern allows (letters of any script, so Japanese
 * stays Japanese; digits; `-`, `_`, `.`); anything else (spaces, punctuation, emoji) becomes
 * one `-`. NFKC first, so full-width Latin letters and digits read as ASCII.
 */
import { KEY_MAX_LENGTH, isValidKey } from "../loader/keys";

const KEY_CHAR = /^[\p{L}\p{M}\p{Nd}_.-]$/u;

/** The readable part of a name as a key, or "" when nothing of it can be kept. */
export function slugOf(name: string): string {
  const chars = [...name.normalize("NFKC").toLowerCase()].map((char) => (KEY_CHAR.test(char) ? char : "-"));
  const text = chars.join("").replace(/-{2,}/g, "-").replace(/^[-_.]+|[-_.]+$/g, "");
  return cut(text, KEY_MAX_LENGTH);
}

/** At most `max` characters (code points, as the key pattern counts), without a dangling separator. */
function cut(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  return chars.slice(0, max).join("").replace(/[-_.]+$/, "");
}

/** `a-b` from readable parts, skipping the empty ones. */
export function joinParts(...parts: Array<string | undefined>): string {
  return parts.map((part) => slugOf(part ?? "")).filter((part) => part !== "").join("-");
}

/**
 * Hands out keys in one namespace: the slug of a name, `-2`, `-3`... on a clash (cut so the
 * key stays within the limit), and `PREFIX-1`, `PREFIX-2`... for a name that leaves nothing.
 */
export class KeyMaker {
  private readonly used = new Set<string>();
  private fallbacks = 0;

  make(name: string, fallbackPrefix: string): string {
    const base = slugOf(name);
    if (base === "") return this.fallback(fallbackPrefix);
    if (!this.used.has(base)) return this.take(base);
    for (let n = 2; ; n++) {
      const suffix = `-${n}`;
      const key = `${cut(base, KEY_MAX_LENGTH - suffix.length)}${suffix}`;
      if (!this.used.has(key)) return this.take(key);
    }
  }

  private fallback(prefix: string): string {
    let key: string;
    do key = `${prefix}-${++this.fallbacks}`;
    while (this.used.has(key));
    return this.take(key);
  }

  private take(key: string): string {
    if (!isValidKey(key)) throw new Error(`export made the invalid key ${JSON.stringify(key)}`);
    this.used.add(key);
    return key;
  }
}

/** A copy sorted by `keyOf` (code point order, never the locale's): the order keys are handed out in. */
export function sortedBy<T>(items: readonly T[], keyOf: (item: T) => string): T[] {
  return [...items].sort((a, b) => {
    const x = keyOf(a);
    const y = keyOf(b);
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

/** The local part of an email (`sales` of `sales@example.com`); other text as it is. */
export function localPart(reference: string): string {
  const at = reference.lastIndexOf("@");
  return at > 0 ? reference.slice(0, at) : reference;
}
