import { describe, expect, it } from "vitest";
import type { Contact, ListContactsQuery } from "../../../provider/client/contact-api";
import { listContactsInWindows } from "../../../provider/client/contact-listing";
import {
  bisectWindow,
  formatApiDateTime,
  parseApiDateTime,
  splitDateRange,
} from "../../../provider/client/date-windows";

const DAY = 24 * 60 * 60 * 1000;
const WEEK = 7 * DAY;

describe("API date-times", () => {
  it("parse with their offset and format back in it", () => {
    const parsed = parseApiDateTime("2024-04-05T00:00:00+09:00", "startDateTime");
    expect(parsed.ms).toBe(Date.UTC(2024, 3, 4, 15, 0, 0));
    expect(parsed.offsetMinutes).toBe(540);
    expect(formatApiDateTime(parsed.ms, parsed.offsetMinutes)).toBe("2024-04-05T00:00:00+09:00");
    expect(formatApiDateTime(Date.UTC(2024, 0, 1, 2, 3, 4, 900), -330)).toBe("2023-12-31T20:33:04-05:30");
    expect(formatApiDateTime(Date.UTC(2024, 0, 1), 0)).toBe("2024-01-01T00:00:00+00:00");
    expect(parseApiDateTime("2024-01-01T00:00:00Z", "x").offsetMinutes).toBe(0);
  });

  it("reject other formats, naming the field", () => {
    expect(() => parseApiDateTime("2024-04-05", "endDateTime")).toThrow(/endDateTime/);
    expect(() => parseApiDateTime("2024-13-05T00:00:00+09:00", "startDateTime")).toThrow(RangeError);
  });
});

describe("splitDateRange", () => {
  it("cuts a range into contiguous windows of at most 7 days covering it exactly", () => {
    const start = Date.UTC(2024, 0, 1);
    const end = start + 20 * DAY + 5000;
    const windows = splitDateRange(start, end, WEEK);
    expect(windows).toHaveLength(3);
    expect(windows[0]!.startMs).toBe(start);
    expect(windows.at(-1)!.endMs).toBe(end);
    for (const [i, window] of windows.entries()) {
      expect(window.endMs - window.startMs).toBeLessThanOrEqual(WEEK);
      expect(window.endMs).toBeGreaterThan(window.startMs);
      if (i > 0) expect(window.startMs).toBe(windows[i - 1]!.endMs);
    }
  });

  it("keeps a short range (or an instant) as one window and refuses a reversed one", () => {
    expect(splitDateRange(0, DAY, WEEK)).toEqual([{ startMs: 0, endMs: DAY }]);
    expect(splitDateRange(5, 5, WEEK)).toEqual([{ startMs: 5, endMs: 5 }]);
    expect(() => splitDateRange(10, 5, WEEK)).toThrow(RangeError);
  });

  it("bisects on whole seconds until a window is under two seconds", () => {
    const [left, right] = bisectWindow({ startMs: 0, endMs: 10_000 })!;
    expect(left).toEqual({ startMs: 0, endMs: 5000 });
    expect(right).toEqual({ startMs: 5000, endMs: 10_000 });
    expect(bisectWindow({ startMs: 0, endMs: 3000 })![0].endMs % 1000).toBe(0);
    expect(bisectWindow({ startMs: 0, endMs: 1999 })).toBeUndefined();
  });
});

/**
 * A pure stand-in for one listing request: the contacts created inside the
 * query's inclusive [start, end] (as the emulator assumes), truncated at `cap`
 * the way the real API is assumed to stop, and rejecting windows over 7 days.
 */
function fakeApi(createdAt: number[], cap: number) {
  const contacts: Contact[] = createdAt.map((ms, i) => ({
    contactId: `c${i}`,
    createdTime: formatApiDateTime(ms, 540),
  }));
  const requests: Array<{ start: number; end: number }> = [];
  const list = async function* (query: ListContactsQuery): AsyncGenerator<Contact> {
    const start = query.startDateTime ? parseApiDateTime(query.startDateTime, "s").ms : -Infinity;
    const end = query.endDateTime ? parseApiDateTime(query.endDateTime, "e").ms : Infinity;
    if (query.startDateTime && query.endDateTime && end - start > WEEK) throw new Error(`window longer than 7 days: ${query.startDateTime}..${query.endDateTime}`);
    requests.push({ start, end });
    const inRange = contacts.filter((contact) => {
      const created = parseApiDateTime(contact.createdTime!, "c").ms;
      return created >= start && created <= end;
    });
    yield* inRange.slice(0, cap);
  };
  return { list, requests };
}

async function collect(iterable: AsyncIterable<Contact>): Promise<string[]> {
  const ids: string[] = [];
  for await (const contact of iterable) ids.push(contact.contactId);
  return ids;
}

describe("listContactsInWindows", () => {
  const base = Date.UTC(2024, 0, 1);
  const range = {
    searchDateType: "CREATED_TIME" as const,
    startDateTime: formatApiDateTime(base, 540),
    endDateTime: formatApiDateTime(base + 30 * DAY, 540),
  };

  it("lists a 30-day range in 7-day windows and returns every contact once (shared bounds included)", async () => {
    const created = [0, 1, 7 * DAY, 7 * DAY + 1000, 14 * DAY, 20 * DAY, 29 * DAY, 30 * DAY].map((t) => base + t);
    const api = fakeApi(created, 50_000);
    const ids = await collect(listContactsInWindows(api.list, range, { cap: 50_000, maxWindowMs: WEEK, now: () => 0 }));
    expect(ids.sort()).toEqual(created.map((_, i) => `c${i}`).sort());
    expect(api.requests.length).toBe(5);
  });

  it("bisects a window that reaches the cap until nothing is cut off", async () => {
    // 40 contacts spread over 2 days, but the API stops at 8 per filter.
    const created = Array.from({ length: 40 }, (_, i) => base + i * 4321 * 1000);
    const api = fakeApi(created, 8);
    const ids = await collect(listContactsInWindows(api.list, range, { cap: 8, maxWindowMs: WEEK, now: () => 0 }));
    expect(new Set(ids).size).toBe(40);
    expect(ids).toHaveLength(40);
    expect(api.requests.some((request) => request.end - request.start < DAY)).toBe(true);
  });

  it("reads a window it cannot split any further to its end", async () => {
    const created = Array.from({ length: 12 }, () => base + 5 * DAY);
    const api = fakeApi(created, 50_000);
    const warned: string[] = [];
    const ids = await collect(
      listContactsInWindows(api.list, range, {
        cap: 5,
        maxWindowMs: WEEK,
        now: () => 0,
        onUnsplittable: (start, end) => warned.push(`${start}..${end}`),
      }),
    );
    expect(ids).toHaveLength(12);
    expect(warned.length).toBeGreaterThan(0);
  });

  it("without a start bound makes one plain listing", async () => {
    const api = fakeApi([base, base + 40 * DAY], 50_000);
    const ids = await collect(listContactsInWindows(api.list, {}, { cap: 50_000, maxWindowMs: WEEK, now: () => 0 }));
    expect(ids).toHaveLength(2);
    expect(api.requests).toEqual([{ start: -Infinity, end: Infinity }]);
  });

  it("with only a start bound lists up to now", async () => {
    const now = base + 10 * DAY + 500;
    const api = fakeApi([base + DAY, base + 9 * DAY, base + 11 * DAY], 50_000);
    const ids = await collect(
      listContactsInWindows(api.list, { startDateTime: range.startDateTime }, { cap: 50_000, maxWindowMs: WEEK, now: () => now }),
    );
    expect(ids.sort()).toEqual(["c0", "c1"]);
    expect(api.requests.at(-1)!.end).toBe(Math.ceil(now / 1000) * 1000);
  });

  it("refuses a range that ends before it starts", async () => {
    const api = fakeApi([], 10);
    const reversed = { startDateTime: range.endDateTime, endDateTime: range.startDateTime };
    await expect(collect(listContactsInWindows(api.list, reversed, { cap: 10, maxWindowMs: WEEK, now: () => 0 }))).rejects.toThrow(
      /before/,
    );
  });
});
