/**
 * Contact listings that return everything even past the API's limits: a date
 * range is cut into windows of at most 7 days, and a window that reaches the
 * 50,000-contact cap is cut in halves and listed again. Contacts seen in an
 * earlier window (shared bounds, re-listed halves) are yielded once.
 */
import type { Contact, ListContactsQuery } from "./contact-api";
import {
  bisectWindow,
  formatApiDateTime,
  parseApiDateTime,
  splitDateRange,
  type DateWindow,
} from "./date-windows";
import { DATE_TIME_RESOLUTION_MS, DEFAULT_SEARCH_DATE_TYPE } from "./assumptions";

export interface WindowedListingOptions {
  /** Contacts reachable through one filter; a window yielding this many is treated as truncated. */
  cap: number;
  maxWindowMs: number;
  now: () => number;
  /** Told when a window that cannot be split further reached the cap (the listing may miss contacts). */
  onUnsplittable?: (startDateTime: string, endDateTime: string) => void;
}

export type ListPages = (query: ListContactsQuery) => AsyncIterable<Contact>;

export async function* listContactsInWindows(
  list: ListPages,
  query: ListContactsQuery,
  options: WindowedListingOptions,
): AsyncGenerator<Contact, void, undefined> {
  if (query.startDateTime === undefined) {
    // No range, or only an end bound (the API then means the 7 days before it): one plain listing.
    yield* list(query);
    return;
  }
  const start = parseApiDateTime(query.startDateTime, "startDateTime");
  const endMs =
    query.endDateTime === undefined ? options.now() : parseApiDateTime(query.endDateTime, "endDateTime").ms;
  const alignedStart = Math.floor(start.ms / DATE_TIME_RESOLUTION_MS) * DATE_TIME_RESOLUTION_MS;
  const alignedEnd = Math.ceil(endMs / DATE_TIME_RESOLUTION_MS) * DATE_TIME_RESOLUTION_MS;
  if (alignedEnd < alignedStart) {
    throw new RangeError(`endDateTime ${query.endDateTime} is before startDateTime ${query.startDateTime}`);
  }

  const pending: DateWindow[] = splitDateRange(alignedStart, alignedEnd, options.maxWindowMs);
  const seen = new Set<string>();
  while (pending.length > 0) {
    const window = pending.shift() as DateWindow;
    const halves = bisectWindow(window);
    let count = 0;
    let truncated = false;
    const startDateTime = formatApiDateTime(window.startMs, start.offsetMinutes);
    const endDateTime = formatApiDateTime(window.endMs, start.offsetMinutes);
    for await (const contact of list({ ...query, startDateTime, endDateTime })) {
      count++;
      if (!seen.has(contact.contactId)) {
        seen.add(contact.contactId);
        yield contact;
      }
      // A window too short to split is read to its end: nothing better can be done.
      if (count >= options.cap && halves !== undefined) {
        truncated = true;
        break;
      }
    }
    if (count >= options.cap && halves === undefined) options.onUnsplittable?.(startDateTime, endDateTime);
    if (truncated && halves !== undefined) pending.unshift(...halves);
  }
}

/**
 * The query as sent: `searchDateType` is required whenever a date bound is sent (docs
 * `contact-list`: 400 without), so a bound without one gets DEFAULT_SEARCH_DATE_TYPE.
 */
export function withSearchDateType(query: ListContactsQuery): ListContactsQuery {
  const bounded = query.startDateTime !== undefined || query.endDateTime !== undefined;
  if (!bounded || query.searchDateType !== undefined) return query;
  return { ...query, searchDateType: DEFAULT_SEARCH_DATE_TYPE };
}
