/** Company and user contact tags. Creates tell a taken name (400 or 409) apart through a lookup by name. */
import { CREATE_SUCCESS_STATUSES, USER_TAG_DELETE_PATH } from "../assumptions";
import type { ContactTag, ListContactTagsQuery } from "../contact-api";
import type { Transport } from "../transport";
import { asContactTag, contactTagListResponse, contactTagRequest, contactTagResponse } from "../wire";
import { checkBody, parseBody } from "./bodies";
import { cursorPages, deleteIgnoringGone, findFirst, getOrUndefined } from "./calls";

const TAG = "/contact-tags/{contactTagId}";
const USER_TAGS = "/users/{userId}/contact-tags";

export class TagsEndpoint {
  constructor(private readonly transport: Transport) {}

  async createCompanyTag(contactTagName: string): Promise<ContactTag> {
    checkBody(contactTagRequest, { contactTagName }, "POST", "/contact-tags");
    const naturalKey = `contact tag name "${contactTagName}"`;
    const find = () => findFirst(this.list("/contact-tags", {}, { type: "COMPANY" }), (tag) => tag.contactTagName === contactTagName);
    return this.transport.create(
      { method: "POST", template: "/contact-tags", json: { contactTagName }, expect: CREATE_SUCCESS_STATUSES, naturalKey },
      (response) => asContactTag(parseBody(contactTagResponse, response, "POST", "/contact-tags")),
      find,
      { naturalKey, findHolder: async () => (await find())?.contactTagId },
    );
  }

  async createUserTag(userId: string, contactTagName: string): Promise<ContactTag> {
    checkBody(contactTagRequest, { contactTagName }, "POST", USER_TAGS);
    const naturalKey = `user contact tag name "${contactTagName}" of user ${userId}`;
    // The docs' example response omits userId: a USER tag without one counts as this user's.
    const find = () =>
      findFirst(
        this.list(USER_TAGS, { userId }, {}),
        (tag) => tag.type === "USER" && tag.contactTagName === contactTagName && (tag.userId === undefined || tag.userId === userId),
      );
    return this.transport.create(
      { method: "POST", template: USER_TAGS, params: { userId }, json: { contactTagName }, expect: CREATE_SUCCESS_STATUSES, naturalKey },
      (response) => asContactTag(parseBody(contactTagResponse, response, "POST", USER_TAGS)),
      find,
      { naturalKey, findHolder: async () => (await find())?.contactTagId },
    );
  }

  async get(contactTagId: string): Promise<ContactTag | undefined> {
    const response = await getOrUndefined(this.transport, { method: "GET", template: TAG, params: { contactTagId } });
    return response && asContactTag(parseBody(contactTagResponse, response, "GET", TAG));
  }

  async rename(contactTagId: string, contactTagName: string): Promise<ContactTag> {
    checkBody(contactTagRequest, { contactTagName }, "PATCH", TAG);
    const response = await this.transport.call({
      method: "PATCH",
      template: TAG,
      params: { contactTagId },
      json: { contactTagName },
      naturalKey: `contact tag name "${contactTagName}"`,
    });
    return asContactTag(parseBody(contactTagResponse, response, "PATCH", TAG));
  }

  async delete(contactTagId: string): Promise<void> {
    await deleteIgnoringGone(this.transport, { method: "DELETE", template: USER_TAG_DELETE_PATH, params: { contactTagId } });
  }

  list(template: string, params: Record<string, string>, query: ListContactTagsQuery): AsyncIterable<ContactTag> {
    return cursorPages(this.transport, template, params, query, (response) => {
      const page = parseBody(contactTagListResponse, response, "GET", template);
      return { items: page.contactTags.map(asContactTag), nextCursor: page.responseMetaData?.nextCursor };
    });
  }
}
