/** CompanyContactTag and UserContactTag: name is the natural key; rename is an update. */
import type { ContactTag } from "../client/contact-api";
import { USER_TAG_REPLACING_FIELDS } from "../schema/tags";
import { uniqueNameScope } from "../schema/resources";
import { type ProviderContext } from "./context";
import { checkWith, GONE, type ResourceHandlers } from "./handlers";
import { createOrAdopt, immutableChanges, plannedCreate, withConflictNamed, type NaturalKeyKind } from "./kit";
import { userTagNaturalKey } from "../stack/stack-ids";
import { nameMoves, writeWithHandoff } from "./name-handoff";
import { containsUnknown } from "./pulumi-values";
import { isDuplicateName } from "../client/errors";
import { isConflict } from "./context";
import type {
  CompanyContactTagInputs,
  CompanyContactTagState,
  UserContactTagInputs,
  UserContactTagState,
} from "../seam/types";

function withName(tags: Map<string, ContactTag>, name: string): ContactTag[] {
  return [...tags.values()].filter((tag) => tag.contactTagName === name);
}

function nameChanged(olds: { contactTagName: string }, news: { contactTagName: string }): boolean {
  return containsUnknown(news.contactTagName) || olds.contactTagName !== news.contactTagName;
}

const isTaken = (error: unknown) => isDuplicateName(error) || isConflict(error);
/** Tag names are unique within their kind: among company tags, and among one member's tags. */
const COMPANY_NAMES = uniqueNameScope("CompanyContactTag", {});
const userNames = (userId: string) => uniqueNameScope("UserContactTag", { userId });

/** Diff's side of the name hand-off: a rename that this run will apply is announced. */
function announceRename(namespace: string, id: string, olds: { contactTagName: string }, news: { contactTagName: string }): void {
  if (typeof news.contactTagName === "string" && olds.contactTagName !== news.contactTagName) {
    nameMoves.announce(namespace, id, olds.contactTagName, news.contactTagName);
  } else {
    nameMoves.settle(namespace, id);
  }
}

/** A rename that waits for, or swaps with, other renames of this run (name-handoff.ts). */
async function renameWithHandoff(
  namespace: string,
  describe: string,
  id: string,
  olds: { contactTagName: string },
  name: string,
  write: (name: string) => Promise<ContactTag>,
): Promise<ContactTag> {
  try {
    return await writeWithHandoff({ namespace, name, self: { id, current: olds.contactTagName }, write, isTaken, describe });
  } finally {
    nameMoves.settle(namespace, id);
  }
}

/** Flatten: the state of a tag is its id and name (and, for user tags, the owner as written). */
function companyState(tag: Pick<ContactTag, "contactTagId" | "contactTagName">): CompanyContactTagState {
  return { contactTagId: tag.contactTagId, contactTagName: tag.contactTagName, type: "COMPANY" };
}

function userState(tag: Pick<ContactTag, "contactTagId" | "contactTagName">, userId: string): UserContactTagState {
  // The tag's userId may come back in another form (email vs id); keep the one the user wrote.
  return { contactTagId: tag.contactTagId, userId, contactTagName: tag.contactTagName, type: "USER" };
}

export function companyContactTagHandlers(ctx: ProviderContext): ResourceHandlers<CompanyContactTagInputs, CompanyContactTagState> {
  async function rename(id: string, name: string): Promise<ContactTag> {
    const tag = await ctx.api().renameContactTag(id, name);
    await ctx.cache.rememberTag(tag);
    return tag;
  }

  const kind: NaturalKeyKind<CompanyContactTagInputs, ContactTag> = {
    describe: (inputs) => `Company contact tag "${inputs.contactTagName}"`,
    keyField: "contactTagName",
    idName: "contactTagId",
    idOf: (tag) => tag.contactTagId,
    findByKey: async (inputs) => withName(await ctx.cache.companyTags(), inputs.contactTagName),
    converge: async (existing) => existing,
    apiRefusesDuplicates: true,
  };

  return {
    plannedCreate: plannedCreate(kind, "contactTagName", (inputs) => inputs.contactTagName),
    check: checkWith((rules) => rules.checkCompanyContactTag),

    async diff(id, olds, news) {
      announceRename(COMPANY_NAMES, id, olds, news);
      return { changes: nameChanged(olds, news) };
    },

    async create(inputs) {
      const { live } = await createOrAdopt(kind, inputs, async () => {
        const tag = await writeWithHandoff({
          namespace: COMPANY_NAMES,
          name: inputs.contactTagName,
          write: (name) => ctx.api().createCompanyTag(name),
          isTaken,
          describe: kind.describe(inputs),
        });
        await ctx.cache.rememberTag(tag);
        return tag;
      });
      return { id: live.contactTagId, outs: companyState(live) };
    },

    async read(id) {
      const tag = (await ctx.cache.companyTags()).get(id) ?? (await ctx.api().getContactTag(id));
      if (!tag) return GONE;
      return { id, props: companyState(tag) };
    },

    async update(id, olds, news) {
      const tag = nameChanged(olds, news)
        ? await withConflictNamed(kind, news, () =>
            renameWithHandoff(COMPANY_NAMES, kind.describe(news), id, olds, news.contactTagName, (name) => rename(id, name)),
          )
        : undefined;
      return { outs: companyState(tag ?? { contactTagId: id, contactTagName: news.contactTagName }) };
    },

    async delete(id) {
      await ctx.api().deleteContactTag(id);
      await ctx.cache.forgetTag(id);
    },
  };
}

export function userContactTagHandlers(ctx: ProviderContext): ResourceHandlers<UserContactTagInputs, UserContactTagState> {
  const kind: NaturalKeyKind<UserContactTagInputs, ContactTag> = {
    describe: (inputs) => `User contact tag "${inputs.contactTagName}" of user ${inputs.userId}`,
    keyField: "contactTagName",
    idName: "contactTagId",
    idOf: (tag) => tag.contactTagId,
    findByKey: async (inputs) => withName(await ctx.cache.userTags(inputs.userId), inputs.contactTagName),
    converge: async (existing) => existing,
    apiRefusesDuplicates: true,
  };

  return {
    plannedCreate: plannedCreate(
      kind,
      "contactTagName",
      (inputs) => userTagNaturalKey(inputs.userId, inputs.contactTagName),
      (inputs) => [{ field: "userId", userId: inputs.userId }],
    ),
    check: checkWith((rules) => rules.checkUserContactTag),

    async diff(id, olds, news) {
      const replaces = immutableChanges(USER_TAG_REPLACING_FIELDS as ReadonlyArray<"userId">, olds, news);
      if (replaces.length > 0) return { changes: true, replaces };
      announceRename(userNames(news.userId), id, olds, news);
      return { changes: nameChanged(olds, news) };
    },

    async create(inputs) {
      const { userId } = inputs;
      const { live } = await createOrAdopt(kind, inputs, async () => {
        const tag = await writeWithHandoff({
          namespace: userNames(userId),
          name: inputs.contactTagName,
          write: (name) => ctx.api().createUserTag(userId, name),
          isTaken,
          describe: kind.describe(inputs),
        });
        await ctx.cache.rememberTag({ ...tag, userId });
        return tag;
      });
      return { id: live.contactTagId, outs: userState(live, userId) };
    },

    async read(id, props) {
      const tag = (await ctx.cache.userTags(props.userId)).get(id) ?? (await ctx.api().getContactTag(id));
      if (!tag) return GONE;
      return { id, props: userState(tag, props.userId) };
    },

    async update(id, olds, news) {
      let tag: Pick<ContactTag, "contactTagId" | "contactTagName"> = { contactTagId: id, contactTagName: news.contactTagName };
      if (nameChanged(olds, news)) {
        tag = await withConflictNamed(kind, news, () =>
          renameWithHandoff(userNames(news.userId), kind.describe(news), id, olds, news.contactTagName, (name) => ctx.api().renameContactTag(id, name)),
        );
        await ctx.cache.rememberTag({ ...tag, userId: news.userId });
      }
      return { outs: userState(tag, news.userId) };
    },

    async delete(id) {
      await ctx.api().deleteContactTag(id);
      await ctx.cache.forgetTag(id);
    },
  };
}
