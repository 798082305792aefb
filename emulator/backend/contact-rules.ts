/**
 * Contact rules that need the domain's data (members, tags, custom property
 * definitions) and the merge of PUT/PATCH bodies; the contact backend applies them
 * to every write.
 */
import {
  NON_MEMBER_IN_BODY_STATUS,
  UNKNOWN_TAG_IN_BODY_STATUS,
} from "../assumptions";
import { ApiError, invalidParameter } from "../errors";
import type { ContactFields, Domain } from "../store";
import { CONTACT_FIELDS, customPropertyValueSchema, describeIssue } from "../validation";

/** Drops null/undefined top-level fields (unset) and keeps the writable ones in API order. */
export function definedFields(parsed: Record<string, unknown>): ContactFields {
  const fields: ContactFields = {};
  for (const name of CONTACT_FIELDS) {
    const value = parsed[name];
    if (value === undefined || value === null) continue;
    fields[name] = name === "customProperties" ? withoutNullValues(value as Record<string, unknown>) : value;
  }
  return fields;
}

/** A custom property set to null has no value: it is not stored. */
function withoutNullValues(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== null));
}

/** PATCH: every sent field replaces the stored one; `null` removes it. */
export function mergePatch(stored: ContactFields, patch: Record<string, unknown>): ContactFields {
  const merged: ContactFields = { ...stored };
  for (const name of CONTACT_FIELDS) {
    if (!(name in patch) || patch[name] === undefined) continue;
    if (patch[name] === null) delete merged[name];
    else merged[name] = patch[name];
  }
  return definedFields(merged);
}

const nonEmptyList = (value: unknown) => Array.isArray(value) && value.length > 0;

/** The rules a whole contact (after POST, PUT or PATCH) must satisfy in its domain. */
export function checkContact(domain: Domain, fields: ContactFields): void {
  if (!nonEmptyList(fields.emails) && !nonEmptyList(fields.telephones)) {
    throw invalidParameter("emails or telephones is required");
  }
  const permission = fields.permission as { masterUserId: string; accessibleMembers?: Array<{ id: string; type: string }> | null };
  if (!domain.member(permission.masterUserId)) {
    throw new ApiError(NON_MEMBER_IN_BODY_STATUS, `permission.masterUserId: ${permission.masterUserId} is not a member of the domain`);
  }
  (permission.accessibleMembers ?? []).forEach((member, index) => {
    if (member.type === "USER" && !domain.member(member.id)) {
      throw new ApiError(
        NON_MEMBER_IN_BODY_STATUS,
        `permission.accessibleMembers[${index}].id: ${member.id} is not a member of the domain`,
      );
    }
  });
  const tagIds = (fields.contactTagIds as string[] | undefined) ?? [];
  tagIds.forEach((tagId, index) => {
    if (!domain.data.tags.has(tagId)) {
      throw new ApiError(UNKNOWN_TAG_IN_BODY_STATUS, `contactTagIds[${index}]: ${tagId} is not a contact tag of the domain`);
    }
  });
  checkCustomPropertyValues(domain, fields);
}

function checkCustomPropertyValues(domain: Domain, fields: ContactFields): void {
  const values = fields.customProperties as Record<string, unknown> | undefined;
  if (!values) return;
  const definitions = [...domain.data.customProperties.values()];
  for (const [propertyName, value] of Object.entries(values)) {
    const definition = definitions.find((candidate) => candidate.propertyName === propertyName);
    if (!definition) throw invalidParameter(`customProperties.${propertyName}: no such custom property`);
    const result = customPropertyValueSchema(definition.propertyType, definition.multiValued).safeParse(value);
    if (!result.success) {
      const issue = result.error.issues[0];
      const shape = `${definition.propertyType}${definition.multiValued ? " multi-valued" : ""}`;
      throw invalidParameter(`customProperties.${propertyName} (${shape}): ${describeIssue(issue)}`);
    }
  }
}
