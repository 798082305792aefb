/** Contact custom property definitions: POST, GET list, GET/PATCH/DELETE by id or propertyName. */
import type { FastifyInstance } from "fastify";
import {
  CASCADE_TOUCHES_MODIFIED_TIME,
  CREATE_CUSTOM_PROPERTY_STATUS,
  CUSTOM_PROPERTY_DOMAIN_ID_REQUIRED,
  DISPLAY_NAME_UNIQUE,
  DUPLICATE_NAME_STATUS,
  FOREIGN_DOMAIN_STATUS,
  IMMUTABLE_PROPERTY_FIELDS,
  LIMITS,
  TOO_MANY_CUSTOM_PROPERTIES_STATUS,
  newCustomPropertyId,
} from "../assumptions";
import { registerApiRoute, type ApiCall } from "../api-route";
import type { EmulatorContext } from "../context";
import { ApiError, invalidParameter, notFound } from "../errors";
import { queryParam } from "../listing";
import type { CustomPropertyRecord, Domain } from "../store";
import { customPropertyBodySchema, customPropertyPatchSchema, parseBody } from "../validation";

function render(domain: Domain, property: CustomPropertyRecord): Record<string, unknown> {
  return {
    domainId: domain.domainId,
    customPropertyId: property.customPropertyId,
    propertyName: property.propertyName,
    displayName: property.displayName,
    i18nDisplayNames: property.i18nDisplayNames,
    propertyType: property.propertyType,
    displayOrder: property.displayOrder,
    multiValued: property.multiValued,
  };
}

function checkDomainId(domain: Domain, domainId: number | undefined, required: boolean): void {
  if (domainId === undefined) {
    if (required) throw invalidParameter("domainId is required");
    return;
  }
  if (domainId !== domain.domainId) {
    throw new ApiError(FOREIGN_DOMAIN_STATUS, `domainId ${domainId} is not the domain of the access token`);
  }
}

function queryDomainId(call: ApiCall, required: boolean): void {
  const text = queryParam(call.query, "domainId");
  if (text !== undefined && !/^\d+$/.test(text)) throw invalidParameter("domainId must be an integer");
  checkDomainId(call.domain, text === undefined ? undefined : Number(text), required);
}

/** By customPropertyId or by propertyName. */
function findProperty(domain: Domain, idOrName: string): CustomPropertyRecord {
  const byId = domain.data.customProperties.get(idOrName);
  if (byId) return byId;
  for (const property of domain.data.customProperties.values()) if (property.propertyName === idOrName) return property;
  throw notFound(`custom property ${idOrName} does not exist`);
}

function assertUniqueDisplayName(domain: Domain, displayName: string, exceptId?: string): void {
  if (!DISPLAY_NAME_UNIQUE) return;
  for (const property of domain.data.customProperties.values()) {
    if (property.customPropertyId !== exceptId && property.displayName === displayName) {
      throw new ApiError(DUPLICATE_NAME_STATUS, `a custom property with displayName ${JSON.stringify(displayName)} already exists`);
    }
  }
}

export function registerCustomPropertyRoutes(app: FastifyInstance, context: EmulatorContext): void {
  const { store } = context;

  registerApiRoute(app, context, "POST", "/contacts/custom-properties", "write", ({ domain, body }) => {
    const input = parseBody(customPropertyBodySchema, body);
    checkDomainId(domain, input.domainId, true);
    const properties = [...domain.data.customProperties.values()];
    if (properties.some((property) => property.propertyName === input.propertyName)) {
      throw new ApiError(DUPLICATE_NAME_STATUS, `a custom property named ${input.propertyName} already exists`);
    }
    assertUniqueDisplayName(domain, input.displayName);
    if (properties.length >= LIMITS.customPropertiesPerDomain) {
      throw new ApiError(TOO_MANY_CUSTOM_PROPERTIES_STATUS, `at most ${LIMITS.customPropertiesPerDomain} custom properties per domain`);
    }
    const property: CustomPropertyRecord = {
      customPropertyId: newCustomPropertyId(),
      propertyName: input.propertyName,
      displayName: input.displayName,
      i18nDisplayNames: input.i18nDisplayNames ?? [],
      propertyType: input.propertyType,
      displayOrder: input.displayOrder ?? null,
      multiValued: input.multiValued ?? false,
      seq: store.nextSeq(),
    };
    domain.data.customProperties.set(property.customPropertyId, property);
    store.changed();
    return { status: CREATE_CUSTOM_PROPERTY_STATUS, body: render(domain, property) };
  });

  registerApiRoute(app, context, "GET", "/contacts/custom-properties", "read", (call) => {
    queryDomainId(call, CUSTOM_PROPERTY_DOMAIN_ID_REQUIRED.get);
    const properties = [...call.domain.data.customProperties.values()].sort((a, b) => a.seq - b.seq);
    return { status: 200, body: { customProperties: properties.map((property) => render(call.domain, property)) } };
  });

  registerApiRoute(app, context, "GET", "/contacts/custom-properties/:customPropertyId", "read", (call) => {
    queryDomainId(call, CUSTOM_PROPERTY_DOMAIN_ID_REQUIRED.get);
    return { status: 200, body: render(call.domain, findProperty(call.domain, call.params.customPropertyId!)) };
  });

  registerApiRoute(app, context, "PATCH", "/contacts/custom-properties/:customPropertyId", "write", (call) => {
    queryDomainId(call, CUSTOM_PROPERTY_DOMAIN_ID_REQUIRED.patch);
    const { domain } = call;
    const property = findProperty(domain, call.params.customPropertyId!);
    const patch = parseBody(customPropertyPatchSchema, call.body);
    checkDomainId(domain, patch.domainId, false);
    for (const field of IMMUTABLE_PROPERTY_FIELDS) {
      if (patch[field] !== undefined && patch[field] !== property[field]) {
        throw invalidParameter(`${field} cannot be changed`);
      }
    }
    if (patch.displayName !== undefined) {
      assertUniqueDisplayName(domain, patch.displayName, property.customPropertyId);
      property.displayName = patch.displayName;
    }
    if (patch.i18nDisplayNames !== undefined) property.i18nDisplayNames = patch.i18nDisplayNames ?? [];
    if (patch.displayOrder !== undefined) property.displayOrder = patch.displayOrder;
    store.changed();
    return { status: 200, body: render(domain, property) };
  });

  registerApiRoute(app, context, "DELETE", "/contacts/custom-properties/:customPropertyId", "write", (call) => {
    queryDomainId(call, CUSTOM_PROPERTY_DOMAIN_ID_REQUIRED.delete);
    const { domain } = call;
    const property = findProperty(domain, call.params.customPropertyId!);
    domain.data.customProperties.delete(property.customPropertyId);
    // The docs remove the values asynchronously; the emulator removes them at once.
    for (const contact of domain.data.contacts.values()) {
      const values = contact.fields.customProperties as Record<string, unknown> | undefined;
      if (!values || !(property.propertyName in values)) continue;
      const { [property.propertyName]: _removed, ...rest } = values;
      contact.fields.customProperties = rest;
      if (CASCADE_TOUCHES_MODIFIED_TIME) contact.modifiedAt = Date.now();
    }
    store.changed();
    return { status: 204 };
  });
}
