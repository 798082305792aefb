/**
 * Custom property definitions: at most 5 per domain, unique propertyName and
 * displayName, immutable fields, the documented list order, and the cascade of a
 * delete (contacts lose the property's values).
 */
import {
  CASCADE_TOUCHES_MODIFIED_TIME,
  CONSOLE_FIELD_GOES_LAST,
  DISPLAY_NAME_UNIQUE,
  FOREIGN_DOMAIN_STATUS,
  IMMUTABLE_PROPERTY_FIELDS,
  LIMIT_EXCEEDED_CODE,
  LIMITS,
  TOO_MANY_CUSTOM_PROPERTIES_STATUS,
  newCustomPropertyId,
  randomPropertyName,
} from "../assumptions";
import { ApiError, invalidParameter, notFound } from "../errors";
import type { CustomPropertyRecord } from "../store";
import { BackendPart } from "./base";

export interface NewCustomProperty {
  propertyName: string;
  displayName: string;
  i18nDisplayNames?: Array<{ language: string; name: string }> | null | undefined;
  propertyType: "STRING" | "LINK";
  displayOrder?: number | null | undefined;
  multiValued?: boolean | null | undefined;
}

export interface CustomPropertyPatch {
  displayName?: string | undefined;
  i18nDisplayNames?: Array<{ language: string; name: string }> | null | undefined;
  displayOrder?: number | null | undefined;
  propertyName?: unknown;
  propertyType?: unknown;
  multiValued?: unknown;
}

/** Documented order (`contact-custom-property-list`): displayOrder ascending, null last; ties by creation (ASSUMED). */
function listOrder(a: CustomPropertyRecord, b: CustomPropertyRecord): number {
  if (a.displayOrder !== b.displayOrder) {
    if (a.displayOrder === null) return 1;
    if (b.displayOrder === null) return -1;
    return a.displayOrder - b.displayOrder;
  }
  return a.seq - b.seq;
}

export class CustomPropertyBackend extends BackendPart {
  /** A `domainId` given by the caller must be the token's domain; `required` when it must be given. */
  checkDomainId(domainId: number | undefined, required = false): void {
    if (domainId === undefined) {
      if (required) throw invalidParameter("domainId is required");
      return;
    }
    if (domainId !== this.domain.domainId) {
      throw new ApiError(FOREIGN_DOMAIN_STATUS, `domainId ${domainId} is not the domain of the access token`);
    }
  }

  list(): CustomPropertyRecord[] {
    return [...this.domain.data.customProperties.values()].sort(listOrder);
  }

  /** By customPropertyId or by propertyName. */
  find(idOrName: string): CustomPropertyRecord {
    const byId = this.domain.data.customProperties.get(idOrName);
    if (byId) return byId;
    for (const property of this.domain.data.customProperties.values()) if (property.propertyName === idOrName) return property;
    throw notFound(`custom property ${idOrName} does not exist`);
  }

  private assertUniqueDisplayName(displayName: string, onCreate: boolean, exceptId?: string): void {
    if (!DISPLAY_NAME_UNIQUE) return;
    for (const property of this.domain.data.customProperties.values()) {
      if (property.customPropertyId !== exceptId && property.displayName === displayName) {
        throw this.duplicate(`a custom property with displayName ${JSON.stringify(displayName)} already exists`, onCreate);
      }
    }
  }

  create(input: NewCustomProperty): CustomPropertyRecord {
    const properties = [...this.domain.data.customProperties.values()];
    if (properties.some((property) => property.propertyName === input.propertyName)) {
      throw this.duplicate(`a custom property named ${input.propertyName} already exists`, true);
    }
    this.assertUniqueDisplayName(input.displayName, true);
    if (properties.length >= LIMITS.customPropertiesPerDomain) {
      throw new ApiError(
        TOO_MANY_CUSTOM_PROPERTIES_STATUS,
        `at most ${LIMITS.customPropertiesPerDomain} custom properties per domain`,
        LIMIT_EXCEEDED_CODE,
      );
    }
    const property: CustomPropertyRecord = {
      customPropertyId: newCustomPropertyId(),
      propertyName: input.propertyName,
      displayName: input.displayName,
      i18nDisplayNames: input.i18nDisplayNames ?? [],
      propertyType: input.propertyType,
      displayOrder: input.displayOrder ?? null,
      multiValued: input.multiValued ?? false,
      seq: this.store.nextSeq(),
    };
    this.domain.data.customProperties.set(property.customPropertyId, property);
    this.emit("customProperty", "created", property.customPropertyId);
    return property;
  }

  /** Only displayName, i18nDisplayNames and displayOrder change; an immutable field may repeat its value. */
  patch(idOrName: string, patch: CustomPropertyPatch): CustomPropertyRecord {
    const property = this.find(idOrName);
    for (const field of IMMUTABLE_PROPERTY_FIELDS) {
      if (patch[field] !== undefined && patch[field] !== property[field]) throw invalidParameter(`${field} cannot be changed`);
    }
    if (patch.displayName !== undefined) {
      this.assertUniqueDisplayName(patch.displayName, false, property.customPropertyId);
      property.displayName = patch.displayName;
    }
    if (patch.i18nDisplayNames !== undefined) property.i18nDisplayNames = patch.i18nDisplayNames ?? [];
    if (patch.displayOrder !== undefined) property.displayOrder = patch.displayOrder;
    this.emit("customProperty", "updated", property.customPropertyId);
    return property;
  }

  /** Deletes a definition; its values leave every contact at once (the docs: asynchronously). */
  delete(idOrName: string): void {
    const property = this.find(idOrName);
    this.domain.data.customProperties.delete(property.customPropertyId);
    this.emit("customProperty", "deleted", property.customPropertyId);
    for (const contact of this.domain.data.contacts.values()) {
      const values = contact.fields.customProperties as Record<string, unknown> | undefined;
      if (!values || !(property.propertyName in values)) continue;
      const { [property.propertyName]: _removed, ...rest } = values;
      contact.fields.customProperties = rest;
      if (CASCADE_TOUCHES_MODIFIED_TIME) contact.modifiedAt = Date.now();
      this.emit("contact", "updated", contact.contactId);
    }
  }

  /**
   * The admin console's "add field": propertyName is optional there and a random one is generated
   * when it is left empty; the new field goes to the end of the list (ASSUMED, assumptions-app.ts).
   */
  createInConsole(input: Omit<NewCustomProperty, "propertyName" | "displayOrder"> & { propertyName?: string | undefined }): CustomPropertyRecord {
    let propertyName = input.propertyName || undefined;
    while (propertyName === undefined || (!input.propertyName && this.taken(propertyName))) propertyName = randomPropertyName();
    const orders = this.list().flatMap((property) => (property.displayOrder === null ? [] : [property.displayOrder]));
    const displayOrder = CONSOLE_FIELD_GOES_LAST ? Math.max(0, ...orders) + 1 : null;
    return this.create({ ...input, propertyName, displayOrder });
  }

  private taken(propertyName: string): boolean {
    return [...this.domain.data.customProperties.values()].some((property) => property.propertyName === propertyName);
  }

  /**
   * The admin console's drag: `order` names every field (by customPropertyId or propertyName) in its
   * new place, and each gets displayOrder 1..n (ASSUMED, assumptions-app.ts). Returns the new list.
   */
  reorder(order: string[]): CustomPropertyRecord[] {
    const fields = order.map((idOrName) => this.find(idOrName));
    const ids = new Set(fields.map((field) => field.customPropertyId));
    if (ids.size !== fields.length) throw invalidParameter("order names a field twice");
    if (ids.size !== this.domain.data.customProperties.size) {
      throw invalidParameter(`order must name every field of the domain (${this.domain.data.customProperties.size}), in the new order`);
    }
    fields.forEach((field, index) => {
      if (field.displayOrder === index + 1) return;
      field.displayOrder = index + 1;
      this.emit("customProperty", "updated", field.customPropertyId);
    });
    return this.list();
  }
}
