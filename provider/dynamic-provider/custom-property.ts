/**
 * ContactCustomProperty: propertyName is the natural key. propertyName,
 * propertyType and multiValued cannot change in the API, so changing them
 * replaces the property (delete first: the domain holds at most 5).
 */
import type { CustomProperty, CustomPropertyPatch, NewCustomProperty } from "../client/contact-api";
import { customPropertyDefinitionFacts, customPropertyStateFacts, type CustomPropertyDefinition } from "../schema/custom-property";
import { createBody, patchBody, replacedFields as replacedByDeclaration, stateOf } from "../schema/derive";
import { uniqueNameScope } from "../schema/resources";
import { isDuplicateName } from "../client/errors";
import { isConflict, type ProviderContext } from "./context";
import { checkWith, GONE, type ResourceHandlers } from "./handlers";
import { createOrAdopt, plannedCreate, type NaturalKeyKind } from "./kit";
import { containsUnknown } from "./pulumi-values";
import { nameMoves, writeWithHandoff } from "./name-handoff";
import type { ContactCustomPropertyInputs, ContactCustomPropertyState } from "../seam/types";

/** Display names are unique in the domain; a swap between two properties is handed off (name-handoff.ts). */
const DISPLAY_NAMES = uniqueNameScope("ContactCustomProperty", {});
const isTaken = (error: unknown) => isDuplicateName(error) || isConflict(error);

/** The definition's fields, each fact declared once in provider/schema/custom-property.ts. */
type PropertyFields = CustomPropertyDefinition;
const FIELDS = customPropertyDefinitionFacts;

/** Immutable fields (propertyName, propertyType, multiValued) whose desired value differs from the current one. */
export function replacedFields(current: PropertyFields, desired: PropertyFields): string[] {
  return replacedByDeclaration(FIELDS, current, desired, containsUnknown);
}

/**
 * The PATCH body that turns current into desired: the mutable fields whose canonical values differ
 * (displayOrder only where the desired state sets it: declared `onlyWhereSet`).
 */
export function propertyPatch(current: PropertyFields, desired: PropertyFields): CustomPropertyPatch {
  return patchBody(FIELDS, current, desired, containsUnknown) as CustomPropertyPatch;
}

/** Flatten: state from the live object, keeping the desired spelling of every value that means the same. */
function propertyState(live: CustomProperty, reference: ContactCustomPropertyInputs): ContactCustomPropertyState {
  return stateOf(customPropertyStateFacts.fields, live, reference) as ContactCustomPropertyState;
}

/** Expand: the POST body of the desired property. */
function propertyBody(inputs: ContactCustomPropertyInputs) {
  return createBody(FIELDS, inputs) as Omit<NewCustomProperty, "domainId">;
}

function withDisplayName(properties: Map<string, CustomProperty>, displayName: string): CustomProperty | undefined {
  return [...properties.values()].find((p) => p.displayName === displayName);
}

export function contactCustomPropertyHandlers(
  ctx: ProviderContext,
): ResourceHandlers<ContactCustomPropertyInputs, ContactCustomPropertyState> {
  async function displayNameTaken(desired: PropertyFields): Promise<Error | undefined> {
    const other = withDisplayName(await ctx.cache.customProperties(), desired.displayName);
    if (!other || other.propertyName === desired.propertyName) return undefined;
    return new Error(
      `displayName "${desired.displayName}" is already used by custom property "${other.propertyName}" ` +
        `(customPropertyId ${other.customPropertyId}); display names must be unique in the domain.`,
    );
  }

  async function patch(id: string, body: CustomPropertyPatch, desired: PropertyFields, current?: string): Promise<CustomProperty | undefined> {
    if (Object.keys(body).length === 0) return undefined;
    try {
      const updated =
        body.displayName === undefined
          ? await ctx.api().patchCustomProperty(id, body)
          : await writeWithHandoff({
              namespace: DISPLAY_NAMES,
              name: body.displayName,
              ...(current !== undefined ? { self: { id, current } } : {}),
              write: (displayName) => ctx.api().patchCustomProperty(id, displayName === body.displayName ? body : { displayName }),
              isTaken,
              describe: `Custom property "${desired.propertyName}"`,
            });
      await ctx.cache.rememberProperty(updated);
      return updated;
    } catch (error) {
      if (!isDuplicateName(error) && !isConflict(error)) throw error;
      throw (await displayNameTaken({ ...desired, propertyName: "" })) ?? error;
    }
  }

  const kind: NaturalKeyKind<ContactCustomPropertyInputs, CustomProperty> = {
    describe: (inputs) => `Custom property "${inputs.propertyName}"`,
    keyField: "propertyName",
    idName: "customPropertyId",
    idOf: (property) => property.customPropertyId,
    findByKey: async (inputs) => [...(await ctx.cache.customProperties()).values()].filter((p) => p.propertyName === inputs.propertyName),
    async converge(existing, inputs) {
      const immutable = replacedFields(existing, inputs);
      if (immutable.length > 0) {
        throw new Error(
          `Cannot adopt custom property "${existing.propertyName}" (customPropertyId ${existing.customPropertyId}): ` +
            `it has propertyType ${existing.propertyType} and multiValued ${existing.multiValued}, which the API cannot change. ` +
            `Make this resource match, or delete the existing property first (its values on contacts are lost).`,
        );
      }
      return (await patch(existing.customPropertyId, propertyPatch(existing, inputs), inputs)) ?? existing;
    },
    apiRefusesDuplicates: true,
    otherConflict: displayNameTaken,
  };

  return {
    plannedCreate: plannedCreate(kind, "propertyName", (inputs) => inputs.propertyName),
    check: checkWith((rules) => rules.checkContactCustomProperty),

    async diff(id, olds, news) {
      const replaces = replacedFields(olds, news);
      if (replaces.length > 0) {
        ctx.warn(
          `ContactCustomProperty "${olds.propertyName}": changing ${replaces.join(", ")} replaces the property ` +
            `(the API cannot change ${replaces.length > 1 ? "them" : "it"}). The old property is deleted first, ` +
            `and the values stored on contacts under "${olds.propertyName}" will be lost.`,
        );
        return { changes: true, replaces, deleteBeforeReplace: true };
      }
      if (typeof news.displayName === "string" && news.displayName !== olds.displayName) {
        nameMoves.announce(DISPLAY_NAMES, id, olds.displayName, news.displayName);
      } else {
        nameMoves.settle(DISPLAY_NAMES, id);
      }
      return { changes: Object.keys(propertyPatch(olds, news)).length > 0 };
    },

    async create(inputs) {
      const { live } = await createOrAdopt(kind, inputs, async () => {
        const created = await writeWithHandoff({
          namespace: DISPLAY_NAMES,
          name: inputs.displayName,
          write: () => ctx.api().createCustomProperty(propertyBody(inputs)),
          isTaken,
          describe: kind.describe(inputs),
        });
        await ctx.cache.rememberProperty(created);
        return created;
      });
      return { id: live.customPropertyId, outs: propertyState(live, inputs) };
    },

    async read(id, props) {
      const live = (await ctx.cache.customProperties()).get(id) ?? (await ctx.api().getCustomProperty(id));
      if (!live) return GONE;
      const state = propertyState(live, props);
      // The live values are the inputs the next diff starts from, so ignoreChanges keeps what the
      // admin console changed (e.g. displayOrder) after `pulumi up --refresh`.
      const { customPropertyId: _id, domainId: _domain, ...inputs } = state;
      return { id, props: state, inputs: inputs as ContactCustomPropertyState };
    },

    async update(id, olds, news) {
      let updated: CustomProperty | undefined;
      try {
        updated = await patch(id, propertyPatch(olds, news), news, olds.displayName);
      } finally {
        nameMoves.settle(DISPLAY_NAMES, id);
      }
      const outs = updated
        ? propertyState(updated, news)
        : propertyState({ ...news, customPropertyId: id, domainId: olds.domainId } as CustomProperty, news);
      return { outs };
    },

    async delete(id) {
      await ctx.api().deleteCustomProperty(id);
      await ctx.cache.forgetProperty(id);
    },
  };
}
