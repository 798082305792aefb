/**
 * The Pulumi resource options an entry may carry (CONTRACT §7): `protect`, `retainOnDelete`
 * and `ignoreChanges: [FIELD...]`, where FIELD is a field name of the entry as written in
 * YAML, mapped here to the resource input that carries it.
 */
import { SECRET_CONTACT_FIELD_NAMES, type SecretContactFieldName } from "../schema/contact";
import { ignorableFields } from "../schema/derive";
import { RESOURCES, RESOURCE_TYPE_NAMES, type SectionName } from "../schema/resources";
import type { PathSegment } from "./located";
import type { ProblemSink } from "./paths";
import { didYouMean } from "../schema/suggest";

export const PROTECT = "protect";
export const RETAIN_ON_DELETE = "retainOnDelete";
export const IGNORE_CHANGES = "ignoreChanges";
/** A contact's fields stored as Pulumi secrets, besides the stack's `lineworks-contacts:secretFields`. */
export const SECRET_FIELDS = "secretFields";
/** Fields of every entry that are resource options, not resource inputs. */
export const RESOURCE_OPTION_FIELDS = [PROTECT, RETAIN_ON_DELETE, IGNORE_CHANGES, SECRET_FIELDS] as const;
/** The contact fields `secretFields` may name: those declared `secret` (SECRET_CONTACT_FIELD_NAMES). */
export type SecretFieldName = SecretContactFieldName;

export type OptionSection = SectionName;

/**
 * YAML field name → resource input name, per section: the fields ignoreChanges accepts, from each
 * resource's declaration (the compared fields; `tags` for contactTagIds; the photo).
 */
export const IGNORABLE_FIELDS = Object.fromEntries(
  RESOURCE_TYPE_NAMES.map((type) => {
    const resource = RESOURCES[type];
    return [resource.section, ignorableFields(resource.inputs.fields, "yamlOnly" in resource ? resource.yamlOnly : {})];
  }),
) as Record<OptionSection, Readonly<Record<string, string>>>;

export interface ResourceOptionsEntry {
  protect: boolean;
  retainOnDelete: boolean;
  /** The entry's YAML field names, as written. */
  ignoreChanges: string[];
  /** Contacts only: fields stored as secrets (absent when the entry names none). */
  secretFields?: SecretFieldName[];
}

/** Reads the three options of one entry; reports each problem at its position. Undefined when any is wrong. */
export function readResourceOptions(
  sink: ProblemSink,
  section: OptionSection,
  base: readonly PathSegment[],
  entry: Readonly<Record<string, unknown>>,
): ResourceOptionsEntry | undefined {
  let ok = true;
  const flag = (name: string): boolean => {
    const value = entry[name];
    if (value === undefined) return false;
    if (typeof value !== "boolean") {
      sink.at([...base, name], `must be true or false, not ${describeValue(value)}`);
      ok = false;
      return false;
    }
    return value;
  };
  const protect = flag(PROTECT);
  const retainOnDelete = flag(RETAIN_ON_DELETE);
  const ignoreChanges: string[] = [];
  const raw = entry[IGNORE_CHANGES];
  const allowed = IGNORABLE_FIELDS[section];
  if (raw !== undefined) {
    if (!Array.isArray(raw)) {
      sink.at([...base, IGNORE_CHANGES], `must be a list of field names of this entry, not ${describeValue(raw)}`);
      ok = false;
    } else {
      raw.forEach((field, index) => {
        if (typeof field !== "string" || !Object.prototype.hasOwnProperty.call(allowed, field)) {
          const known = Object.keys(allowed).join(", ");
          const suggestion = typeof field === "string" ? didYouMean(field, Object.keys(allowed)) : "";
          sink.at([...base, IGNORE_CHANGES, index], `unknown field ${describeValue(field)} for ${section}${suggestion} (expected one of ${known})`);
          ok = false;
        } else if (ignoreChanges.includes(field)) {
          sink.at([...base, IGNORE_CHANGES, index], `"${field}" is listed twice`);
          ok = false;
        } else {
          ignoreChanges.push(field);
        }
      });
    }
  }
  const secretFields = readSecretFields(sink, section, base, entry[SECRET_FIELDS]);
  if (secretFields === false) ok = false;
  return ok ? { protect, retainOnDelete, ignoreChanges, ...(secretFields ? { secretFields } : {}) } : undefined;
}

/**
 * A list of SECRET_CONTACT_FIELD_NAMES, without repeats; `where` names it in messages. Undefined when
 * absent, false when wrong (each problem reported at its position through `report`).
 */
export function secretFieldList(value: unknown, report: (index: number | undefined, message: string) => void): SecretFieldName[] | undefined | false {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) {
    report(undefined, `must be a list of contact fields (${SECRET_CONTACT_FIELD_NAMES.join(", ")}), not ${describeValue(value)}`);
    return false;
  }
  const fields: SecretFieldName[] = [];
  let ok = true;
  value.forEach((field, index) => {
    if (typeof field !== "string" || !(SECRET_CONTACT_FIELD_NAMES as readonly string[]).includes(field)) {
      report(index, `${describeValue(field)} cannot be made secret (expected one of ${SECRET_CONTACT_FIELD_NAMES.join(", ")})`);
      ok = false;
    } else if (!fields.includes(field as SecretFieldName)) {
      fields.push(field as SecretFieldName);
    }
  });
  return ok ? fields : false;
}

function readSecretFields(
  sink: ProblemSink,
  section: OptionSection,
  base: readonly PathSegment[],
  value: unknown,
): SecretFieldName[] | undefined | false {
  if (value === undefined) return undefined;
  if (section !== "contacts") {
    sink.at([...base, SECRET_FIELDS], `secretFields applies to contacts only (memo and custom values); ${section} hold no secret text`);
    return false;
  }
  return secretFieldList(value, (index, message) => sink.at(index === undefined ? [...base, SECRET_FIELDS] : [...base, SECRET_FIELDS, index], message));
}

/**
 * The resource input names that Pulumi's ignoreChanges takes for an entry's YAML field names.
 * A state built in TypeScript skips the loader: an unknown name is refused here too.
 */
export function ignoredInputs(section: OptionSection, fields: readonly string[]): string[] {
  return fields.map((field) => {
    const input = Object.prototype.hasOwnProperty.call(IGNORABLE_FIELDS[section], field) ? IGNORABLE_FIELDS[section][field] : undefined;
    if (input === undefined) {
      throw new Error(`${section}: ignoreChanges: unknown field "${field}" (expected one of ${Object.keys(IGNORABLE_FIELDS[section]).join(", ")})`);
    }
    return input;
  });
}

/** The Pulumi resource options of an entry (only those it sets). */
export function pulumiResourceOptions(
  section: OptionSection,
  entry: Partial<ResourceOptionsEntry>,
): { protect?: boolean; retainOnDelete?: boolean; ignoreChanges?: string[] } {
  return {
    ...(entry.protect ? { protect: true } : {}),
    ...(entry.retainOnDelete ? { retainOnDelete: true } : {}),
    ...(entry.ignoreChanges && entry.ignoreChanges.length > 0 ? { ignoreChanges: ignoredInputs(section, entry.ignoreChanges) } : {}),
  };
}

function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a map";
  if (typeof value === "string") return `"${value}"`;
  return `${typeof value} ${String(value)}`;
}
