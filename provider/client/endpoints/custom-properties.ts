/**
 * Custom properties of the configured domain. A create refused with 400 or 409 is a
 * duplicate when another property holds its propertyName or displayName.
 */
import { CREATE_SUCCESS_STATUSES, CUSTOM_PROPERTY_PATCH_SENDS_DOMAIN_ID } from "../assumptions";
import { ClientConfigError } from "../config";
import type { CustomProperty, CustomPropertyPatch, NewCustomProperty } from "../contact-api";
import type { Transport } from "../transport";
import {
  asCustomProperty,
  customPropertyListResponse,
  customPropertyPatchRequest,
  customPropertyResponse,
  newCustomPropertyRequest,
} from "../wire";
import { checkBody, parseBody } from "./bodies";
import { deleteIgnoringGone, getOrUndefined } from "./calls";

const PROPERTIES = "/contacts/custom-properties";
const PROPERTY = "/contacts/custom-properties/{idOrPropertyName}";

export class CustomPropertiesEndpoint {
  constructor(
    private readonly transport: Transport,
    private readonly domainId: number | undefined,
  ) {}

  async create(property: Omit<NewCustomProperty, "domainId">): Promise<CustomProperty> {
    const body: NewCustomProperty = { domainId: this.requireDomainId(), ...property };
    checkBody(newCustomPropertyRequest, body, "POST", PROPERTIES);
    const naturalKey = `custom property propertyName "${property.propertyName}" or displayName "${property.displayName}"`;
    return this.transport.create(
      { method: "POST", template: PROPERTIES, json: body, expect: CREATE_SUCCESS_STATUSES, naturalKey },
      (response) => asCustomProperty(parseBody(customPropertyResponse, response, "POST", PROPERTIES)),
      () => this.get(property.propertyName),
      {
        naturalKey,
        findHolder: async () =>
          (await this.list()).find((p) => p.propertyName === property.propertyName || p.displayName === property.displayName)
            ?.customPropertyId,
      },
    );
  }

  async get(idOrPropertyName: string): Promise<CustomProperty | undefined> {
    const response = await getOrUndefined(this.transport, {
      method: "GET",
      template: PROPERTY,
      params: { idOrPropertyName },
      query: { domainId: this.requireDomainId() },
    });
    return response && asCustomProperty(parseBody(customPropertyResponse, response, "GET", PROPERTY));
  }

  async list(): Promise<CustomProperty[]> {
    const response = await this.transport.call({ method: "GET", template: PROPERTIES, query: { domainId: this.requireDomainId() } });
    return parseBody(customPropertyListResponse, response, "GET", PROPERTIES).customProperties.map(asCustomProperty);
  }

  async patch(idOrPropertyName: string, patch: CustomPropertyPatch): Promise<CustomProperty> {
    checkBody(customPropertyPatchRequest, patch, "PATCH", PROPERTY);
    const domainId = this.requireDomainId();
    const response = await this.transport.call({
      method: "PATCH",
      template: PROPERTY,
      params: { idOrPropertyName },
      ...(CUSTOM_PROPERTY_PATCH_SENDS_DOMAIN_ID && { query: { domainId } }),
      // The docs' example puts domainId in the body; the query form is kept for servers reading it there.
      json: { domainId, ...patch },
      ...(patch.displayName !== undefined && { naturalKey: `custom property displayName "${patch.displayName}"` }),
    });
    return asCustomProperty(parseBody(customPropertyResponse, response, "PATCH", PROPERTY));
  }

  async delete(idOrPropertyName: string): Promise<void> {
    await deleteIgnoringGone(this.transport, {
      method: "DELETE",
      template: PROPERTY,
      params: { idOrPropertyName },
      query: { domainId: this.requireDomainId() },
    });
  }

  private requireDomainId(): number {
    if (this.domainId === undefined) {
      throw new ClientConfigError("custom properties need the domain id: set lineworks:domainId (LINEWORKS_DOMAIN_ID)");
    }
    return this.domainId;
  }
}
