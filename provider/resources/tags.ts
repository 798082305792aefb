/** CompanyContactTag and UserContactTag: name is the natural key; rename is an update. */
import type { ContactTag } from "../client/contact-api";
import { checkCompanyContactTag, checkUserContactTag } from "../rules";
import { defined, isConflict, type ProviderContext } from "./context";
import { checkWith, GONE, type ResourceHandlers } from "./handlers";
import { containsUnknown } from "./pulumi-values";
import type {
  CompanyContactTagInputs,
  CompanyContactTagState,
  UserContactTagInputs,
  UserContactTagState,
} from "./types";

function findByName(tags: Map<string, ContactTag>, name: string): ContactTag | undefined {
  return [...tags.values()].find((tag) => tag.contactTagName === name);
}

function nameChanged(olds: { contactTagName: string }, news: { contactTagName: string }): boolean {
  return containsUnknown(news.contactTagName) || olds.contactTagName !== news.contactTagName;
}

function conflictMessage(what: string, existing: ContactTag | undefined): string {
  const id = existing ? ` (contactTagId ${existing.contactTagId})` : "";
  return (
    `${what} already exists${id}. Set adopt: true on this resource to take it over ` +
    `(Pulumi cannot import dynamic resources), or choose another contactTagName.`
  );
}

function companyState(tag: ContactTag, inputs: CompanyContactTagInputs): CompanyContactTagState {
  return defined({ ...inputs, contactTagId: tag.contactTagId, contactTagName: tag.contactTagName, type: "COMPANY" as const });
}

export function companyContactTagHandlers(ctx: ProviderContext): ResourceHandlers<CompanyContactTagInputs, CompanyContactTagState> {
  const describe = (name: string) => `Company contact tag "${name}"`;

  async function rename(id: string, name: string): Promise<ContactTag> {
    try {
      const tag = await ctx.api().renameContactTag(id, name);
      await ctx.cache.rememberTag(tag);
      return tag;
    } catch (error) {
      if (!isConflict(error)) throw error;
      throw new Error(conflictMessage(describe(name), findByName(await ctx.cache.companyTags(), name)));
    }
  }

  return {
    check: checkWith(checkCompanyContactTag),

    async diff(_id, olds, news) {
      return { changes: nameChanged(olds, news) };
    },

    async create(inputs) {
      const name = inputs.contactTagName;
      if (inputs.adopt) {
        const existing = findByName(await ctx.cache.companyTags(), name);
        if (existing) return { id: existing.contactTagId, outs: companyState(existing, inputs) };
      }
      try {
        const tag = await ctx.api().createCompanyTag(name);
        await ctx.cache.rememberTag(tag);
        return { id: tag.contactTagId, outs: companyState(tag, inputs) };
      } catch (error) {
        if (!isConflict(error)) throw error;
        throw new Error(conflictMessage(describe(name), findByName(await ctx.cache.companyTags(), name)));
      }
    },

    async read(id, props) {
      const tag = (await ctx.cache.companyTags()).get(id) ?? (await ctx.api().getContactTag(id));
      if (!tag) return GONE;
      return { id, props: companyState(tag, props) };
    },

    async update(id, olds, news) {
      const tag = nameChanged(olds, news) ? await rename(id, news.contactTagName) : undefined;
      return { outs: defined({ ...news, contactTagId: id, type: "COMPANY" as const, contactTagName: tag?.contactTagName ?? news.contactTagName }) };
    },

    async delete(id) {
      await ctx.api().deleteContactTag(id);
      await ctx.cache.forgetTag(id);
    },
  };
}

function userState(tag: ContactTag, inputs: UserContactTagInputs): UserContactTagState {
  // The tag's userId may come back in another form (email vs id); keep the one the user wrote.
  return defined({ ...inputs, contactTagId: tag.contactTagId, contactTagName: tag.contactTagName, type: "USER" as const });
}

export function userContactTagHandlers(ctx: ProviderContext): ResourceHandlers<UserContactTagInputs, UserContactTagState> {
  const describe = (userId: string, name: string) => `User contact tag "${name}" of user ${userId}`;

  return {
    check: checkWith(checkUserContactTag),

    async diff(_id, olds, news) {
      const userChanged = containsUnknown(news.userId) || olds.userId !== news.userId;
      if (userChanged) return { changes: true, replaces: ["userId"] };
      return { changes: nameChanged(olds, news) };
    },

    async create(inputs) {
      const { userId, contactTagName: name } = inputs;
      if (inputs.adopt) {
        const existing = findByName(await ctx.cache.userTags(userId), name);
        if (existing) return { id: existing.contactTagId, outs: userState(existing, inputs) };
      }
      try {
        const tag = await ctx.api().createUserTag(userId, name);
        await ctx.cache.rememberTag({ ...tag, userId });
        return { id: tag.contactTagId, outs: userState(tag, inputs) };
      } catch (error) {
        if (!isConflict(error)) throw error;
        throw new Error(conflictMessage(describe(userId, name), findByName(await ctx.cache.userTags(userId), name)));
      }
    },

    async read(id, props) {
      const tag = (await ctx.cache.userTags(props.userId)).get(id) ?? (await ctx.api().getContactTag(id));
      if (!tag) return GONE;
      return { id, props: userState(tag, props) };
    },

    async update(id, olds, news) {
      let name = news.contactTagName;
      if (nameChanged(olds, news)) {
        try {
          const tag = await ctx.api().renameContactTag(id, news.contactTagName);
          await ctx.cache.rememberTag({ ...tag, userId: news.userId });
          name = tag.contactTagName;
        } catch (error) {
          if (!isConflict(error)) throw error;
          const existing = findByName(await ctx.cache.userTags(news.userId), news.contactTagName);
          throw new Error(conflictMessage(describe(news.userId, news.contactTagName), existing));
        }
      }
      return { outs: defined({ ...news, contactTagId: id, type: "USER" as const, contactTagName: name }) };
    },

    async delete(id) {
      await ctx.api().deleteContactTag(id);
      await ctx.cache.forgetTag(id);
    },
  };
}
