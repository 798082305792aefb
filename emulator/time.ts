import { RENDER_UTC_OFFSET_MINUTES } from "./assumptions";

const pad = (value: number, width = 2) => String(value).padStart(width, "0");

/** Formats epoch milliseconds as `YYYY-MM-DDThh:mm:ssTZD` in the emulator's offset. */
export function formatApiTime(epochMs: number, offsetMinutes = RENDER_UTC_OFFSET_MINUTES): string {
  const shifted = new Date(epochMs + offsetMinutes * 60_000);
  const sign = offsetMinutes >= 0 ? "+" : "-";
  const abs = Math.abs(offsetMinutes);
  return (
    `${shifted.getUTCFullYear()}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}` +
    `T${pad(shifted.getUTCHours())}:${pad(shifted.getUTCMinutes())}:${pad(shifted.getUTCSeconds())}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

const API_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Parses `YYYY-MM-DDThh:mm:ss[.SSS]TZD` into epoch milliseconds, truncated to the
 * second (the fraction is accepted and dropped); undefined when malformed or not a real date.
 */
export function parseApiTime(text: string): number | undefined {
  const match = API_TIME.exec(text);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s, zone] = match as unknown as string[];
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return undefined;
  const utc = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(utc);
  if (check.getUTCDate() !== day) return undefined;
  let offsetMinutes = 0;
  if (zone !== "Z" && zone !== undefined) {
    const sign = zone.startsWith("-") ? -1 : 1;
    const oh = Number(zone.slice(1, 3));
    const om = Number(zone.slice(4, 6));
    if (oh > 23 || om > 59) return undefined;
    offsetMinutes = sign * (oh * 60 + om);
  }
  return utc - offsetMinutes * 60_000;
}

/** Validates a calendar date `YYYY-MM-DD`. */
export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12) return false;
  return new Date(Date.UTC(year, month - 1, day)).getUTCDate() === day;
}

/** Truncates epoch milliseconds to whole seconds (the API's time precision). */
export const toSecond = (epochMs: number) => Math.floor(epochMs / 1000) * 1000;
