/** Pure rules of the transport chain: which redirects are followed, where the token goes, what counts as a refused token or a duplicate. */
import { describe, expect, it } from "vitest";
import { PHOTO_UPLOAD_FIELD } from "../../../provider/client/assumptions";
import { multipartFile } from "../../../provider/client/endpoints/multipart";
import { withSearchDateType } from "../../../provider/client/contact-listing";
import { DuplicateNameError, hintFor, isDuplicateName, isRejectedToken, LineWorksApiError, mayBeDuplicateName } from "../../../provider/client/errors";
import { mayReceiveToken, redirectDecision } from "../../../provider/client/redirects";

const API = "https://www.worksapis.com/v1.0/contacts?count=500";

describe("redirectDecision", () => {
  it("follows 307 and 308 to a same-origin Location, relative or absolute", () => {
    expect(redirectDecision(307, "/v1.0/contacts?count=500", API, 0, undefined)).toEqual({ follow: true, url: API });
    expect(redirectDecision(308, "https://www.worksapis.com/v1.0/x", API, 2, undefined)).toEqual({
      follow: true,
      url: "https://www.worksapis.com/v1.0/x",
    });
  });

  it("refuses a fourth hop", () => {
    expect(redirectDecision(307, API, API, 3, undefined)).toMatchObject({ follow: "refuse", code: "TOO_MANY_REDIRECTS" });
  });

  it("refuses another origin (host, port or scheme), naming it, and says what to set", () => {
    for (const location of ["https://evil.example/v1.0/contacts", "https://www.worksapis.com:8443/v1.0", "http://www.worksapis.com/v1.0"]) {
      const decision = redirectDecision(307, location, API, 0, undefined);
      expect(decision).toMatchObject({ follow: "refuse", code: "REDIRECT_TO_OTHER_ORIGIN" });
      if (decision.follow === "refuse") {
        expect(decision.description).toContain(new URL(location).origin);
        expect(decision.hint).toContain("lineworks:apiBaseUrl");
      }
    }
  });

  it("leaves other statuses alone, and a redirect the call expects (the photo's 302) is an answer", () => {
    expect(redirectDecision(302, "https://storage.worksmobile.com/x", API, 0, [200, 302])).toEqual({ follow: false });
    expect(redirectDecision(200, undefined, API, 0, undefined)).toEqual({ follow: false });
    expect(redirectDecision(307, API, API, 0, [307])).toEqual({ follow: false });
    expect(redirectDecision(307, undefined, API, 0, undefined)).toMatchObject({ follow: "refuse", code: "MISSING_LOCATION" });
  });
});

describe("mayReceiveToken", () => {
  const apiOrigin = "http://127.0.0.1:4000";
  it("is true for the API origin and https LINE WORKS hosts only", () => {
    expect(mayReceiveToken("http://127.0.0.1:4000/v1.0/contacts", apiOrigin)).toBe(true);
    expect(mayReceiveToken("https://apis-storage.worksmobile.com/k/upload", apiOrigin)).toBe(true);
    expect(mayReceiveToken("http://apis-storage.worksmobile.com/k/upload", apiOrigin)).toBe(false);
    expect(mayReceiveToken("http://127.0.0.1:4001/v1.0/contacts", apiOrigin)).toBe(false);
    expect(mayReceiveToken("https://worksmobile.com.evil.example/x", apiOrigin)).toBe(false);
  });
});

describe("a refused token", () => {
  it("is 401, or 403 with code UNAUTHORIZED; 403 FORBIDDEN and ACCESS_DENIED are permissions", () => {
    expect(isRejectedToken(401, undefined)).toBe(true);
    expect(isRejectedToken(403, "UNAUTHORIZED")).toBe(true);
    expect(isRejectedToken(403, "FORBIDDEN")).toBe(false);
    expect(isRejectedToken(403, "ACCESS_DENIED")).toBe(false);
    expect(isRejectedToken(403, undefined)).toBe(false);
    expect(isRejectedToken(400, "UNAUTHORIZED")).toBe(false);
  });

  it("a 403 UNAUTHORIZED gets the credentials hint, a 403 FORBIDDEN the scope hint", () => {
    expect(hintFor({ method: "POST", status: 403, code: "UNAUTHORIZED", authMode: "jwt" })).toMatch(/lineworks:privateKey/);
    expect(hintFor({ method: "GET", status: 403, code: "UNAUTHORIZED", authMode: "accessToken" })).toMatch(/lineworks:accessToken/);
    expect(hintFor({ method: "POST", status: 403, code: "FORBIDDEN", authMode: "jwt" })).toMatch(/scope/);
    expect(hintFor({ method: "DELETE", status: 410, code: "DELETED", authMode: "jwt" })).toMatch(/does not exist/);
  });
});

describe("duplicate names", () => {
  const details = { code: "BAD_REQUEST", description: "dup", method: "POST", path: "/contact-tags" };
  it("a DuplicateNameError is a conflict whatever its status, and names the holder", () => {
    const error = new DuplicateNameError({ ...details, status: 400, naturalKey: 'contact tag name "VIP"', existingId: "t-1" });
    expect(isDuplicateName(error)).toBe(true);
    expect(error.isConflict).toBe(true);
    expect(error).toBeInstanceOf(LineWorksApiError);
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ status: 400, existingId: "t-1" });
  });
  it("a plain 400 or 409 error is not a duplicate name; 400 and 409 may be", () => {
    expect(isDuplicateName(new LineWorksApiError({ ...details, status: 409 }))).toBe(false);
    expect(isDuplicateName(new Error("x"))).toBe(false);
    expect([400, 409, 403, 500].map(mayBeDuplicateName)).toEqual([true, true, false, false]);
  });
  it("410 reads as not found", () => {
    expect(new LineWorksApiError({ ...details, status: 410 }).isNotFound).toBe(true);
  });
});

describe("withSearchDateType", () => {
  it("adds searchDateType whenever a bound is sent, and keeps the caller's", () => {
    expect(withSearchDateType({ startDateTime: "2024-01-01T00:00:00+09:00" }).searchDateType).toBe("MODIFIED_TIME");
    expect(withSearchDateType({ endDateTime: "2024-01-01T00:00:00Z" }).searchDateType).toBe("MODIFIED_TIME");
    expect(withSearchDateType({ startDateTime: "2024-01-01T00:00:00Z", searchDateType: "CREATED_TIME" }).searchDateType).toBe("CREATED_TIME");
    expect(withSearchDateType({ email: "a@b" })).toEqual({ email: "a@b" });
  });
});

describe("photo upload body", () => {
  it("sends the file in the multipart field Filedata", () => {
    const form = multipartFile(PHOTO_UPLOAD_FIELD, "face.png", new Uint8Array([1, 2, 3]));
    expect(form.contentType).toMatch(/^multipart\/form-data; boundary=/);
    expect(form.body.toString("latin1")).toContain('Content-Disposition: form-data; name="Filedata"; filename="face.png"');
  });
});
