/**
 * CustomProperty and the four shapes of a custom value, declared once (lineworks-api.md
 * "Objects", CustomProperty; seed 000 for the values).
 */
import * as L from "./limits";
import { fieldNames, flag, integer, listOf, object, oneOf, patchFields, sentFields, text, type ListFact, type Fact, type FieldsValue, type ObjectFact, type ResponseValue, type Value } from "./facts";

export const i18nDisplayNameFact = object({ language: oneOf(L.I18N_LANGUAGES), name: text({ min: 1, max: L.I18N_NAME_MAX }) });

/** The fields that define a property (what a create sends, a PATCH changes, diff and audit compare). */
export const customPropertyDefinitionFacts = {
  propertyName: text({
    min: 1,
    max: L.PROPERTY_NAME_MAX,
    pattern: L.PROPERTY_NAME_PATTERN,
    patternMessage: "must start with a letter or _ and contain only letters, digits and _",
    immutable: true,
  }),
  displayName: text({ min: 1, max: L.DISPLAY_NAME_MAX }),
  i18nDisplayNames: listOf(i18nDisplayNameFact, { optional: true, max: L.I18N_LANGUAGES.length, set: true, unique: "language", itemLabel: "language" }),
  propertyType: oneOf(L.PROPERTY_TYPES, { immutable: true }),
  multiValued: flag({ optional: true, default: false, immutable: true }),
  /** Administrators reorder fields by dragging them in the admin console: managed only where set. */
  displayOrder: integer({ optional: true, min: 1, nullable: true, onlyWhereSet: true }),
} as const;
const definition = customPropertyDefinitionFacts;

/** A property as the API returns it. */
export const customPropertyFact = object(
  {
    domainId: integer({ readOnly: true }),
    customPropertyId: text({ min: 1, key: true, readOnly: true }),
    ...definition,
    propertyName: { ...definition.propertyName, needed: true },
    displayName: { ...definition.displayName, needed: true },
    propertyType: { ...definition.propertyType, needed: true },
  },
  { open: true },
);

export const customPropertyInputFacts = object({ ...definition, adopt: flag({ optional: true, local: true }) });

/** The state of the resource: its inputs, its id and the domain it belongs to (read-only). */
export const customPropertyStateFacts = object({
  customPropertyId: customPropertyFact.fields.customPropertyId,
  domainId: integer({ optional: true, readOnly: true }),
  ...customPropertyInputFacts.fields,
});

/** POST /contacts/custom-properties: the definition and the domain it belongs to. */
export const newCustomPropertyRequestFact = object({ domainId: integer({}), ...sentFields(definition) });
/** PATCH /contacts/custom-properties/{id}: the fields the API lets change (not `immutable`), each optional. */
export const customPropertyPatchRequestFact = object(patchFields(definition));

/** The fields the API refuses to change (`immutable`): changing one replaces the property. */
export const CUSTOM_PROPERTY_REPLACING_FIELDS = fieldNames(customPropertyInputFacts.fields, (fact) => fact.immutable === true);

const represent = flag({ optional: true, default: false });
const content = text({ min: 1, max: L.CUSTOM_VALUE_TEXT_MAX });
const linkFields = { text: text({ optional: true, max: L.CUSTOM_VALUE_TEXT_MAX }), link: text({ min: 1, max: L.CUSTOM_VALUE_LINK_MAX }) };
const values = <const I extends Parameters<typeof listOf>[0]>(item: I) => listOf(item, { max: L.CUSTOM_PROPERTY_MAX_VALUES });

/** The value shape of a property, by propertyType and multiValued (seed 000). */
export const customValueFacts = {
  STRING: { single: object({ content }), multi: values(object({ content, represent })) },
  LINK: { single: object(linkFields), multi: values(object({ ...linkFields, represent })) },
} as const;

type ValueShape = { single: ObjectFact; multi: ListFact };
const shapeFields = (fact: ObjectFact) => Object.keys(fact.fields);
const shapesOf = (): ValueShape[] => Object.values(customValueFacts) as ValueShape[];

/** The fields of any custom value shape, in declaration order (content, represent, text, link). */
export const CUSTOM_VALUE_FIELD_NAMES: readonly string[] = [
  ...new Set(shapesOf().flatMap((shape) => [shape.single, shape.multi.item as ObjectFact]).flatMap(shapeFields)),
];

/** The fact of a custom value field (the first shape that declares it). */
export function customValueFieldFact(name: string): Fact | undefined {
  return shapesOf().flatMap((shape) => [shape.single, shape.multi.item as ObjectFact]).find((fact) => name in fact.fields)?.fields[name];
}

/** A value shape as messages write it: `{content}`, `a list of {text, link, represent}`. */
export function describeValueShape(propertyType: CustomPropertyType, multiValued: boolean, list = "a list of "): string {
  const shape = customValueFacts[propertyType] as ValueShape;
  const fields = (fact: ObjectFact) => `{${shapeFields(fact).join(", ")}}`;
  return multiValued ? `${list}${fields(shape.multi.item as ObjectFact)}` : fields(shape.single);
}

/** The property types in declaration order (STRING, LINK). */
export const CUSTOM_VALUE_TYPES = Object.keys(customValueFacts) as CustomPropertyType[];

export type CustomPropertyType = (typeof L.PROPERTY_TYPES)[number];
export type I18nLanguage = (typeof L.I18N_LANGUAGES)[number];
export type I18nDisplayName = Value<typeof i18nDisplayNameFact>;
export type ContactCustomPropertyInputs = Value<typeof customPropertyInputFacts>;
export type CustomProperty = ResponseValue<typeof customPropertyFact>;
export type NewCustomProperty = Value<typeof newCustomPropertyRequestFact>;
export type ContactCustomPropertyState = Value<typeof customPropertyStateFacts>;
/** The definition fields of a property (inputs, live object or state alike). */
export type CustomPropertyDefinition = FieldsValue<typeof definition>;
export type CustomPropertyPatch = Value<typeof customPropertyPatchRequestFact>;
export type StringSingleValue = Value<typeof customValueFacts.STRING.single>;
export type StringMultiValue = Value<typeof customValueFacts.STRING.multi>;
export type LinkSingleValue = Value<typeof customValueFacts.LINK.single>;
export type LinkMultiValue = Value<typeof customValueFacts.LINK.multi>;
export type CustomPropertyValue = StringSingleValue | StringMultiValue | LinkSingleValue | LinkMultiValue;
