/**
 * Cursor pagination shared by the list endpoints: `count` 1..500, opaque URL-safe
 * cursors bound to the list and its query (keyset: the last item's sort key), an
 * optional cap on how many items one query can reach, and no `nextCursor` on the
 * last page.
 */
import { createHash } from "node:crypto";
import { CURSOR_BOUND_TO_QUERY, LAST_PAGE_HAS_NO_CURSOR_FIELD, LIMITS } from "./assumptions";
import { invalidParameter } from "./errors";

export type SortKey = [string | number, number];

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

interface CursorState {
  /** Which list and query the cursor belongs to. */
  q: string;
  /** The last served item's sort key. */
  k: SortKey;
  /** How many items were served before this page. */
  n: number;
}

/** A single query parameter (repeating one is an error). */
export function queryParam(query: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = query[name];
  if (Array.isArray(value)) throw invalidParameter(`${name} is given more than once`);
  return value;
}

export function parseCount(query: Record<string, string | string[] | undefined>): number {
  const text = queryParam(query, "count");
  if (text === undefined) return LIMITS.pageSizeDefault;
  if (!/^\d+$/.test(text)) throw invalidParameter("count must be an integer from 1 to 500");
  const count = Number(text);
  if (count < 1 || count > LIMITS.pageSizeMax) throw invalidParameter("count must be an integer from 1 to 500");
  return count;
}

export function queryFingerprint(listName: string, parts: Record<string, unknown>): string {
  return createHash("sha256").update(JSON.stringify([listName, parts])).digest("base64url").slice(0, 16);
}

function encodeCursor(state: CursorState): string {
  return Buffer.from(JSON.stringify(state)).toString("base64url");
}

function decodeCursor(cursor: string, fingerprint: string): CursorState {
  let state: unknown;
  try {
    state = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw invalidParameter("cursor is invalid");
  }
  const candidate = state as Partial<CursorState> | null;
  if (
    !candidate ||
    typeof candidate.q !== "string" ||
    !Array.isArray(candidate.k) ||
    candidate.k.length !== 2 ||
    typeof candidate.k[1] !== "number" ||
    typeof candidate.n !== "number"
  ) {
    throw invalidParameter("cursor is invalid");
  }
  if (CURSOR_BOUND_TO_QUERY && candidate.q !== fingerprint) throw invalidParameter("cursor does not belong to this query");
  return candidate as CursorState;
}

function compareKeys(a: SortKey, b: SortKey, descending: boolean): number {
  const primary = a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
  const ordered = primary !== 0 ? primary : a[1] - b[1];
  return descending ? -ordered : ordered;
}

/**
 * One page of `items` ordered by `keyOf` (ties by the key's sequence number),
 * after the cursor's position.
 */
export function paginate<T>(
  items: T[],
  options: {
    keyOf: (item: T) => SortKey;
    descending: boolean;
    count: number;
    cursor: string | undefined;
    fingerprint: string;
    cap?: number;
  },
): Page<T> {
  const keyed = items.map((item) => ({ item, key: options.keyOf(item) }));
  keyed.sort((a, b) => compareKeys(a.key, b.key, options.descending));
  let start = 0;
  let served = 0;
  if (options.cursor !== undefined) {
    const state = decodeCursor(options.cursor, options.fingerprint);
    served = state.n;
    start = keyed.findIndex((entry) => compareKeys(entry.key, state.k, options.descending) > 0);
    if (start < 0) start = keyed.length;
  }
  const cap = options.cap ?? Number.POSITIVE_INFINITY;
  const size = Math.max(0, Math.min(options.count, cap - served));
  const page = keyed.slice(start, start + size);
  const total = served + page.length;
  const more = start + page.length < keyed.length && total < cap;
  const last = page[page.length - 1];
  return {
    items: page.map((entry) => entry.item),
    ...(more && last ? { nextCursor: encodeCursor({ q: options.fingerprint, k: last.key, n: total }) } : {}),
  };
}

/** `responseMetaData` of a list response: no `nextCursor` field on the last page. */
export function responseMetaData(page: Page<unknown>): { nextCursor?: string | null } {
  if (page.nextCursor !== undefined) return { nextCursor: page.nextCursor };
  return LAST_PAGE_HAS_NO_CURSOR_FIELD ? {} : { nextCursor: null };
}
