/**
 * ContactCustomProperty: propertyName is the natural key. propertyName,
 * propertyType and multiValued cannot change in the API, so changing them
 * replaces the property (delete first: the domain holds at most 5).
 */
import type { CustomProperty, CustomPropertyPatch } from "../client/contact-api";
import { checkContactCustomProperty } from "../rules";
import { defined, isConflict, type ProviderContext } from "./context";
import { checkWith, GONE, type ResourceHandlers } from "./handlers";
import { normalizeDisplayOrder, normalizeI18nNames, sameCanonical } from "./normalize";
import { containsUnknown } from "./pulumi-values";
import type { ContactCustomPropertyInputs, ContactCustomPropertyState } from "./types";

const IMMUTABLE_FIELDS = ["propertyName", "propertyType", "multiValued"] as const;

type PropertyFields = Pick<ContactCustomPropertyInputs, "propertyName" | "displayName" | "i18nDisplayNames" | "propertyType" | "multiValued" | "displayOrder">;

function immutableValue(props: PropertyFields, field: (typeof IMMUTABLE_FIELDS)[number]): unknown {
  return field === "multiValued" ? props.multiValued ?? false : props[field];
}

/** Immutable fields whose desired value differs from the current one. */
export function replacedFields(current: PropertyFields, desired: PropertyFields): string[] {
  return IMMUTABLE_FIELDS.filter(
    (field) => containsUnknown(desired[field]) || immutableValue(current, field) !== immutableValue(desired, field),
  );
}

/** The PATCH body that turns current into desired (only the mutable fields that differ). */
export function propertyPatch(current: PropertyFields, desired: PropertyFields): CustomPropertyPatch {
  const patch: CustomPropertyPatch = {};
  if (containsUnknown(desired.displayName) || current.displayName !== desired.displayName) patch.displayName = desired.displayName;
  if (containsUnknown(desired.i18nDisplayNames) || !sameCanonical(normalizeI18nNames(current.i18nDisplayNames), normalizeI18nNames(desired.i18nDisplayNames))) {
    patch.i18nDisplayNames = desired.i18nDisplayNames ?? [];
  }
  if (!sameCanonical(normalizeDisplayOrder(current.displayOrder), normalizeDisplayOrder(desired.displayOrder))) {
    patch.displayOrder = desired.displayOrder ?? null;
  }
  return patch;
}

/** State from the live object, keeping the desired spelling of every value that means the same. */
function propertyState(live: CustomProperty, reference: ContactCustomPropertyInputs): ContactCustomPropertyState {
  const differs = propertyPatch(live, reference);
  return defined({
    ...reference,
    customPropertyId: live.customPropertyId,
    domainId: live.domainId,
    propertyName: live.propertyName,
    propertyType: live.propertyType,
    multiValued: live.multiValued === (reference.multiValued ?? false) ? reference.multiValued : live.multiValued,
    displayName: live.displayName,
    i18nDisplayNames: "i18nDisplayNames" in differs ? live.i18nDisplayNames : reference.i18nDisplayNames,
    displayOrder: "displayOrder" in differs ? live.displayOrder : reference.displayOrder,
  });
}

function findByName(properties: Map<string, CustomProperty>, desired: PropertyFields): CustomProperty | undefined {
  const all = [...properties.values()];
  return all.find((p) => p.propertyName === desired.propertyName) ?? all.find((p) => p.displayName === desired.displayName);
}

export function contactCustomPropertyHandlers(
  ctx: ProviderContext,
): ResourceHandlers<ContactCustomPropertyInputs, ContactCustomPropertyState> {
  async function patch(id: string, body: CustomPropertyPatch, desired: PropertyFields): Promise<CustomProperty | undefined> {
    if (Object.keys(body).length === 0) return undefined;
    try {
      const updated = await ctx.api().patchCustomProperty(id, body);
      await ctx.cache.rememberProperty(updated);
      return updated;
    } catch (error) {
      if (!isConflict(error)) throw error;
      const other = findByName(await ctx.cache.customProperties(), { ...desired, propertyName: "" });
      const owner = other ? ` by custom property "${other.propertyName}" (customPropertyId ${other.customPropertyId})` : "";
      throw new Error(`displayName "${desired.displayName}" is already used${owner}; display names must be unique in the domain.`);
    }
  }

  async function adopt(inputs: ContactCustomPropertyInputs): Promise<CustomProperty | undefined> {
    const existing = [...(await ctx.cache.customProperties()).values()].find((p) => p.propertyName === inputs.propertyName);
    if (!existing) return undefined;
    const immutable = replacedFields(existing, inputs);
    if (immutable.length > 0) {
      throw new Error(
        `Cannot adopt custom property "${existing.propertyName}" (customPropertyId ${existing.customPropertyId}): ` +
          `it has propertyType ${existing.propertyType} and multiValued ${existing.multiValued}, which the API cannot change. ` +
          `Make this resource match, or delete the existing property first (its values on contacts are lost).`,
      );
    }
    return (await patch(existing.customPropertyId, propertyPatch(existing, inputs), inputs)) ?? existing;
  }

  return {
    check: checkWith(checkContactCustomProperty),

    async diff(_id, olds, news) {
      const replaces = replacedFields(olds, news);
      if (replaces.length > 0) {
        ctx.warn(
          `ContactCustomProperty "${olds.propertyName}": changing ${replaces.join(", ")} replaces the property ` +
            `(the API cannot change ${replaces.length > 1 ? "them" : "it"}). The old property is deleted first, ` +
            `and the values stored on contacts under "${olds.propertyName}" will be lost.`,
        );
        return { changes: true, replaces, deleteBeforeReplace: true };
      }
      return { changes: Object.keys(propertyPatch(olds, news)).length > 0 };
    },

    async create(inputs) {
      const adopted = inputs.adopt ? await adopt(inputs) : undefined;
      if (adopted) return { id: adopted.customPropertyId, outs: propertyState(adopted, inputs) };
      try {
        const created = await ctx.api().createCustomProperty(
          defined({
            propertyName: inputs.propertyName,
            displayName: inputs.displayName,
            i18nDisplayNames: inputs.i18nDisplayNames,
            propertyType: inputs.propertyType,
            multiValued: inputs.multiValued,
            displayOrder: inputs.displayOrder,
          }),
        );
        await ctx.cache.rememberProperty(created);
        return { id: created.customPropertyId, outs: propertyState(created, inputs) };
      } catch (error) {
        if (!isConflict(error)) throw error;
        const existing = findByName(await ctx.cache.customProperties(), inputs);
        const id = existing ? ` (customPropertyId ${existing.customPropertyId})` : "";
        const what = existing && existing.propertyName !== inputs.propertyName
          ? `A custom property with displayName "${inputs.displayName}" already exists: "${existing.propertyName}"${id}. Choose another displayName.`
          : `Custom property "${inputs.propertyName}" already exists${id}. Set adopt: true on this resource to take it over ` +
            `(Pulumi cannot import dynamic resources), or choose another propertyName.`;
        throw new Error(what);
      }
    },

    async read(id, props) {
      const live = (await ctx.cache.customProperties()).get(id) ?? (await ctx.api().getCustomProperty(id));
      if (!live) return GONE;
      return { id, props: propertyState(live, props) };
    },

    async update(id, olds, news) {
      const updated = await patch(id, propertyPatch(olds, news), news);
      const outs = updated
        ? propertyState(updated, news)
        : defined({ ...news, customPropertyId: id, domainId: olds.domainId });
      return { outs };
    },

    async delete(id) {
      await ctx.api().deleteCustomProperty(id);
      await ctx.cache.forgetProperty(id);
    },
  };
}
