/** Contact custom property definitions: POST, GET list, GET/PATCH/DELETE by id or propertyName. */
import type { FastifyInstance } from "fastify";
import { CREATE_CUSTOM_PROPERTY_STATUS, CUSTOM_PROPERTY_DOMAIN_ID_REQUIRED } from "../assumptions";
import { registerApiRoute, type ApiCall } from "../api-route";
import type { EmulatorContext } from "../context";
import { invalidParameter } from "../errors";
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

/** The `domainId` query parameter, checked by the backend when given. */
function checkQueryDomainId(call: ApiCall, required: boolean): void {
  const text = queryParam(call.query, "domainId");
  if (text !== undefined && !/^\d+$/.test(text)) throw invalidParameter("domainId must be an integer");
  call.backend.customProperties.checkDomainId(text === undefined ? undefined : Number(text), required);
}

export function registerCustomPropertyRoutes(app: FastifyInstance, context: EmulatorContext): void {
  registerApiRoute(app, context, "POST", "/contacts/custom-properties", "write", ({ backend, domain, body }) => {
    const { domainId, ...input } = parseBody(customPropertyBodySchema, body);
    backend.customProperties.checkDomainId(domainId, true);
    return { status: CREATE_CUSTOM_PROPERTY_STATUS, body: render(domain, backend.customProperties.create(input)) };
  });

  registerApiRoute(app, context, "GET", "/contacts/custom-properties", "read", (call) => {
    checkQueryDomainId(call, CUSTOM_PROPERTY_DOMAIN_ID_REQUIRED.get);
    const properties = call.backend.customProperties.list();
    return { status: 200, body: { customProperties: properties.map((property) => render(call.domain, property)) } };
  });

  registerApiRoute(app, context, "GET", "/contacts/custom-properties/:customPropertyId", "read", (call) => {
    checkQueryDomainId(call, CUSTOM_PROPERTY_DOMAIN_ID_REQUIRED.get);
    return { status: 200, body: render(call.domain, call.backend.customProperties.find(call.params.customPropertyId!)) };
  });

  // domainId in the body (docs example); the query still works.
  registerApiRoute(app, context, "PATCH", "/contacts/custom-properties/:customPropertyId", "write", (call) => {
    checkQueryDomainId(call, false);
    const { domainId, ...patch } = parseBody(customPropertyPatchSchema, call.body);
    call.backend.customProperties.checkDomainId(domainId, CUSTOM_PROPERTY_DOMAIN_ID_REQUIRED.patch && queryParam(call.query, "domainId") === undefined);
    return { status: 200, body: render(call.domain, call.backend.customProperties.patch(call.params.customPropertyId!, patch)) };
  });

  registerApiRoute(app, context, "DELETE", "/contacts/custom-properties/:customPropertyId", "write", (call) => {
    checkQueryDomainId(call, CUSTOM_PROPERTY_DOMAIN_ID_REQUIRED.delete);
    call.backend.customProperties.delete(call.params.customPropertyId!);
    return { status: 204 };
  });
}
