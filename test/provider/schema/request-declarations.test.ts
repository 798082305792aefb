/**
 * The request bodies the client checks before sending are derived from the declarations in
 * provider/schema (22.2): what a PATCH may send follows `immutable`, limits come from the one
 * limits module, and a body with a field the declaration lacks is refused before any call.
 */
import { describe, expect, it } from "vitest";
import { contactTagRequest, customPropertyPatchRequest, newCustomPropertyRequest, photoUploadRequest } from "../../../provider/client/wire";
import { customPropertyInputFacts, customPropertyPatchRequestFact, newCustomPropertyRequestFact } from "../../../provider/schema";
import { PHOTO_MAX_BYTES } from "../../../provider/schema/limits";

describe("request shapes derived from the declarations", () => {
  it("a custom property PATCH sends exactly the fields that are not immutable, each optional", () => {
    const mutable = Object.entries(customPropertyInputFacts.fields)
      .filter(([, fact]) => !("immutable" in fact) && !("local" in fact))
      .map(([name]) => name);
    expect(Object.keys(customPropertyPatchRequestFact.fields)).toEqual(mutable);
    expect(mutable).toEqual(["displayName", "i18nDisplayNames", "displayOrder"]);
    expect(customPropertyPatchRequest.safeParse({}).success).toBe(true);
    expect(customPropertyPatchRequest.safeParse({ propertyType: "LINK" }).success).toBe(false);
    expect(customPropertyPatchRequest.safeParse({ displayName: "" }).success).toBe(false);
  });

  it("a custom property POST sends the definition and the domain, never our own options", () => {
    expect(Object.keys(newCustomPropertyRequestFact.fields)).toEqual(["domainId", "propertyName", "displayName", "i18nDisplayNames", "propertyType", "multiValued", "displayOrder"]);
    const body = { domainId: 10000001, propertyName: "tier", displayName: "Tier", propertyType: "STRING" };
    expect(newCustomPropertyRequest.safeParse(body).success).toBe(true);
    expect(newCustomPropertyRequest.safeParse({ ...body, adopt: true }).success).toBe(false);
    expect(newCustomPropertyRequest.safeParse({ ...body, domainId: undefined }).success).toBe(false);
    expect(newCustomPropertyRequest.safeParse({ ...body, propertyName: "1tier" }).success).toBe(false);
  });

  it("a photo upload's size limit is the one in provider/schema/limits", () => {
    expect(photoUploadRequest.safeParse({ fileName: "a.png", fileSize: PHOTO_MAX_BYTES }).success).toBe(true);
    expect(photoUploadRequest.safeParse({ fileName: "a.png", fileSize: PHOTO_MAX_BYTES + 1 }).success).toBe(false);
    expect(photoUploadRequest.safeParse({ fileName: "a.png", fileSize: 0 }).success).toBe(false);
  });

  it("a tag request sends the name only", () => {
    expect(contactTagRequest.safeParse({ contactTagName: "VIP" }).success).toBe(true);
    expect(contactTagRequest.safeParse({ contactTagName: "" }).success).toBe(false);
    expect(contactTagRequest.safeParse({ contactTagName: "VIP", type: "COMPANY" }).success).toBe(false);
  });
});
