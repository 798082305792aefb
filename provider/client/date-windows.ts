/**
 * Date windows for contact listings: the API answers at most 7 days per request
 * and at most 50,000 contacts per filter, so a long range is cut into windows of
 * at most 7 days, and a window that still hits the cap is cut in halves.
 */
import { DATE_TIME_RESOLUTION_MS } from "./assumptions";

export interface DateWindow {
  startMs: number;
  endMs: number;
}

const API_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/;

export interface ParsedDateTime {
  ms: number;
  /** Minutes east of UTC, as written in the input (kept for the windows we send). */
  offsetMinutes: number;
}

/** Parses `YYYY-MM-DDThh:mm:ssTZD`; throws a RangeError naming the field on anything else. */
export function parseApiDateTime(text: string, field: string): ParsedDateTime {
  const match = API_DATE_TIME.exec(text.trim());
  const ms = match ? Date.parse(text.trim()) : NaN;
  if (!match || Number.isNaN(ms)) {
    throw new RangeError(`${field} must look like 2024-04-05T00:00:00+09:00, got ${JSON.stringify(text)}`);
  }
  const zone = match[8] as string;
  let offsetMinutes = 0;
  if (zone !== "Z") {
    const digits = zone.replace(":", "");
    const sign = digits.startsWith("-") ? -1 : 1;
    offsetMinutes = sign * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
  }
  return { ms, offsetMinutes };
}

/** Formats epoch ms as `YYYY-MM-DDThh:mm:ss±hh:mm` in the given offset (whole seconds, rounded down). */
export function formatApiDateTime(ms: number, offsetMinutes: number): string {
  const local = new Date(Math.floor(ms / 1000) * 1000 + offsetMinutes * 60_000);
  const pad = (value: number) => String(value).padStart(2, "0");
  const sign = offsetMinutes < 0 ? "-" : "+";
  const abs = Math.abs(offsetMinutes);
  return (
    `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
    `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

/** Cuts [start, end] into consecutive windows of at most `maxWindowMs`; adjacent windows share a bound. */
export function splitDateRange(startMs: number, endMs: number, maxWindowMs: number): DateWindow[] {
  if (!(maxWindowMs > 0)) throw new RangeError("maxWindowMs must be positive");
  if (endMs < startMs) throw new RangeError("the date range ends before it starts");
  const windows: DateWindow[] = [];
  let start = startMs;
  do {
    const end = Math.min(endMs, start + maxWindowMs);
    windows.push({ startMs: start, endMs: end });
    start = end;
  } while (start < endMs);
  return windows;
}

/** Halves a window on a whole second, or returns undefined when it is too short to split. */
export function bisectWindow(window: DateWindow): [DateWindow, DateWindow] | undefined {
  const span = window.endMs - window.startMs;
  if (span < 2 * DATE_TIME_RESOLUTION_MS) return undefined;
  const middle =
    window.startMs + Math.floor(span / 2 / DATE_TIME_RESOLUTION_MS) * DATE_TIME_RESOLUTION_MS;
  return [
    { startMs: window.startMs, endMs: middle },
    { startMs: middle, endMs: window.endMs },
  ];
}
