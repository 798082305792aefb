/**
 * The query of the contact lists (GET /contacts, GET /users/{userId}/contacts):
 * filters, date windows and ordering, parsed and validated.
 */
import {
  ACCESSIBLE_RANGES,
  CONTACT_ORDER_FIELDS,
  DEFAULT_CONTACT_ORDER,
  DATE_BOUNDS_INCLUSIVE,
  EMAIL_FILTER_CASE_INSENSITIVE,
  LIMITS,
  MISSING_PARAMETER_CODE,
  NAME_SORT_KEY,
  SEARCH_DATE_TYPES,
  SEARCH_FILTER_TYPES,
  TELEPHONE_FILTER_MIN_DIGITS,
  UNKNOWN_TAG_FILTER_IS_EMPTY,
} from "./assumptions";
import { ApiError, invalidParameter } from "./errors";
import { queryParam, type SortKey } from "./listing";
import type { ContactRecord, Domain, Member } from "./store";
import { parseApiTime, toSecond } from "./time";

export interface ContactQuery {
  matches(record: ContactRecord): boolean;
  keyOf(record: ContactRecord): SortKey;
  descending: boolean;
  /** The normalized query, which a cursor is bound to. */
  fingerprintParts: Record<string, unknown>;
}

type Query = Record<string, string | string[] | undefined>;

function oneOf<T extends string>(query: Query, name: string, allowed: readonly T[]): T | undefined {
  const value = queryParam(query, name);
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw invalidParameter(`${name} must be one of ${allowed.join(", ")}`);
  return value as T;
}

function dateWindow(query: Query): { type: (typeof SEARCH_DATE_TYPES)[number]; from: number; to: number } | undefined {
  const type = oneOf(query, "searchDateType", SEARCH_DATE_TYPES);
  const startText = queryParam(query, "startDateTime");
  const endText = queryParam(query, "endDateTime");
  if (startText === undefined && endText === undefined) return undefined;
  if (type === undefined) {
    throw new ApiError(400, "searchDateType is required when startDateTime or endDateTime is given", MISSING_PARAMETER_CODE);
  }
  const parse = (name: string, text: string) => {
    const value = parseApiTime(text);
    if (value === undefined) {
      throw invalidParameter(`${name} must be YYYY-MM-DDThh:mm:ss[.SSS]TZD (encode + as %2B): ${JSON.stringify(text)}`);
    }
    return value;
  };
  const start = startText === undefined ? undefined : parse("startDateTime", startText);
  const end = endText === undefined ? undefined : parse("endDateTime", endText);
  const from = start ?? end! - LIMITS.dateWindowMs;
  const to = end ?? start! + LIMITS.dateWindowMs;
  if (to < from) throw invalidParameter("endDateTime must not be before startDateTime");
  if (to - from > LIMITS.dateWindowMs) throw invalidParameter("the date window is at most 7 days");
  return { type, from, to };
}

function order(query: Query): { field: (typeof CONTACT_ORDER_FIELDS)[number]; descending: boolean } {
  const text = queryParam(query, "orderBy");
  if (text === undefined) return { field: DEFAULT_CONTACT_ORDER.field, descending: false };
  const match = /^(\w+)(?:\s+(asc|desc))?$/i.exec(text.trim());
  const field = CONTACT_ORDER_FIELDS.find((candidate) => candidate === match?.[1]);
  if (!match || !field) throw invalidParameter("orderBy must be name, createdTime or modifiedTime, then asc or desc");
  return { field, descending: (match[2] ?? "asc").toLowerCase() === "desc" };
}

function memberCanAccess(domain: Domain, member: Member, record: ContactRecord): boolean {
  const permission = record.fields.permission as {
    accessibleRange: string;
    masterUserId: string;
    accessibleMembers?: Array<{ id: string; type: string }> | null;
  };
  if (permission.accessibleRange === "ALL") return true;
  if (domain.member(permission.masterUserId)?.userId === member.userId) return true;
  return (permission.accessibleMembers ?? []).some(
    (entry) => entry.type === "USER" && domain.member(entry.id)?.userId === member.userId,
  );
}

const digitsOf = (text: string) => text.replace(/\D/g, "");

/** The primary email: the one marked primary, else the first (ASSUMED). */
function primaryEmail(emails: unknown): string | undefined {
  const list = Array.isArray(emails) ? (emails as Array<{ email?: unknown; primary?: unknown }>) : [];
  const chosen = list.find((entry) => entry.primary === true) ?? list[0];
  return typeof chosen?.email === "string" ? chosen.email : undefined;
}

/** Documented (kr `contact-list`): with `@`, a prefix of the address; without, a partial match of the local part. */
function emailMatches(email: string | undefined, needle: string, fold: (text: string) => string): boolean {
  if (email === undefined) return false;
  const address = fold(email);
  if (needle.includes("@")) return address.startsWith(needle);
  const at = address.lastIndexOf("@");
  return (at < 0 ? address : address.slice(0, at)).includes(needle);
}

export function parseContactQuery(domain: Domain, query: Query, member?: Member): ContactQuery {
  const window = dateWindow(query);
  const accessibleRange = oneOf(query, "accessibleRange", ACCESSIBLE_RANGES);
  const contactTagId = queryParam(query, "contactTagId");
  const email = queryParam(query, "email");
  const telephone = queryParam(query, "telephone");
  const searchFilterType = oneOf(query, "searchFilterType", SEARCH_FILTER_TYPES);
  const { field, descending } = order(query);
  if (email !== undefined && email === "") throw invalidParameter("email must not be empty");
  const telephoneDigits = telephone === undefined ? undefined : digitsOf(telephone);
  if (telephoneDigits !== undefined && telephoneDigits.length < TELEPHONE_FILTER_MIN_DIGITS) {
    throw invalidParameter(`telephone needs at least ${TELEPHONE_FILTER_MIN_DIGITS} digits`);
  }
  const foldEmail = (text: string) => (EMAIL_FILTER_CASE_INSENSITIVE ? text.toLowerCase() : text);
  const emailNeedle = email === undefined ? undefined : foldEmail(email);
  if (contactTagId !== undefined && !UNKNOWN_TAG_FILTER_IS_EMPTY && !domain.data.tags.has(contactTagId)) {
    throw invalidParameter(`contactTagId ${contactTagId} is not a contact tag of the domain`);
  }

  const matches = (record: ContactRecord): boolean => {
    if (record.trashed) return false;
    const fields = record.fields;
    if (member && !memberCanAccess(domain, member, record)) return false;
    if (window) {
      const time = toSecond(window.type === "CREATED_TIME" ? record.createdAt : record.modifiedAt);
      if (time < window.from || time > window.to || (!DATE_BOUNDS_INCLUSIVE && time === window.to)) return false;
    }
    if (accessibleRange && (fields.permission as { accessibleRange: string }).accessibleRange !== accessibleRange) return false;
    if (contactTagId !== undefined && !((fields.contactTagIds as string[] | undefined) ?? []).includes(contactTagId)) return false;
    if (emailNeedle !== undefined && !emailMatches(primaryEmail(fields.emails), emailNeedle, foldEmail)) return false;
    if (telephoneDigits !== undefined) {
      const telephones = (fields.telephones as Array<{ telephone: string }> | undefined) ?? [];
      if (!telephones.some((entry) => digitsOf(entry.telephone).includes(telephoneDigits))) return false;
    }
    // Only customer/client contacts exist here: none is linked to an external user.
    if (searchFilterType === "LINKED_EXTERNAL_USER") return false;
    return true;
  };

  const keyOf = (record: ContactRecord): SortKey => {
    if (field === "name") return [NAME_SORT_KEY(record.fields.contactName as Record<string, unknown>), record.seq];
    return [toSecond(field === "createdTime" ? record.createdAt : record.modifiedAt), record.seq];
  };

  return {
    matches,
    keyOf,
    descending,
    fingerprintParts: {
      member: member?.userId,
      window,
      accessibleRange,
      contactTagId,
      email: emailNeedle,
      telephone: telephoneDigits,
      searchFilterType,
      field,
      descending,
    },
  };
}
