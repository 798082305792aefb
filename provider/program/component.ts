import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { CompanyContactTag, Contact, ContactCustomProperty, StackTenant, UserContactTag, type ContactArgs } from "./classes";
import { NAME_FROM_STACK_INPUT } from "../seam/preview-notes";
import { assertStateKeys } from "../loader/keys";
import { loadDesiredStateOrThrow, type LoadOptions } from "../loader/load";
import type { ContactEntry, CustomPropertyEntry, DesiredState, EntryOptions, TagEntry, UserTagEntry } from "../loader/model";
import { declaredInputs } from "../schema/derive";
import { resourceOf } from "../schema/resources";
import { secretWhereUsed } from "./secret-values";
import { pulumiResourceOptions, type OptionSection, type SecretFieldName } from "../loader/resource-options";

export const COMPONENT_TYPE = "lineworks-contacts:index:LineWorksContacts";

export type LineWorksContactsArgs =
  /** An already loaded state (see loadDesiredState). */
  | { state: DesiredState; files?: never }
  /** Desired-state files to load; a problem throws a DesiredStateError listing all of them. */
  | ({ files: string[]; vars?: Record<string, string>; state?: never } & LoadOptions);

export interface LineWorksContactsOptions extends pulumi.ComponentResourceOptions {
  /** Contact fields stored as Pulumi secrets for every contact (CONTRACT §5); entries may add theirs. */
  secretFields?: readonly SecretFieldName[];
  /** Values of secure vars: every input whose text holds one is registered as a secret (./secret-values.ts). */
  secretValues?: readonly string[];
  /**
   * Keys of entries taking a name another entry of the stack gives up in this run
   * (./stack-held-names.ts): the preview does not refuse their create as taken outside the stack.
   */
  namesFromStack?: Partial<Record<OptionSection, ReadonlySet<string>>>;
}

/**
 * The resources of a desired state, as children of one component. Each resource is named by
 * its YAML key (stable across runs); `previousKeys` become aliases; contacts get their tags'
 * ids and their custom values under each property's propertyName.
 */
export class LineWorksContacts extends pulumi.ComponentResource {
  readonly tags: Record<string, CompanyContactTag> = {};
  readonly userTags: Record<string, UserContactTag> = {};
  readonly customProperties: Record<string, ContactCustomProperty> = {};
  readonly contacts: Record<string, Contact> = {};
  /** The API origin and domain id the stack's objects live in (recorded once per stack). */
  readonly tenant: StackTenant;
  /** key → contactTagId */
  readonly tagIds: pulumi.Output<Record<string, string>>;
  readonly userTagIds: pulumi.Output<Record<string, string>>;
  /** key → customPropertyId */
  readonly customPropertyIds: pulumi.Output<Record<string, string>>;
  /** key → contactId */
  readonly contactIds: pulumi.Output<Record<string, string>>;

  constructor(name: string, args: LineWorksContactsArgs, options: LineWorksContactsOptions = {}) {
    const { secretFields: stackSecretFields = [], secretValues = [], namesFromStack = {}, ...opts } = options;
    // Set only where true, and dropped by the provider's check: never part of the stored inputs.
    const handoff = (section: OptionSection, key: string) => (namesFromStack[section]?.has(key) ? { [NAME_FROM_STACK_INPUT]: true } : {});
    const secret = secretWhereUsed(secretValues);
    const secretEach = <T extends object>(fields: T): T => Object.fromEntries(Object.entries(fields).map(([name, value]) => [name, secret(value)])) as T;
    // Loaded and checked before anything is registered: a key Pulumi cannot carry throws here.
    const state = args.state ? assertStateKeys(args.state) : loadDesiredStateOrThrow(args.files, args.vars ?? {}, args);
    super(COMPONENT_TYPE, name, {}, opts);
    const child = (section: OptionSection, entry: EntryOptions, extra: pulumi.CustomResourceOptions = {}): pulumi.CustomResourceOptions => ({
      parent: this,
      ...(entry.previousKeys.length > 0 ? { aliases: entry.previousKeys.map((previous) => ({ name: previous })) } : {}),
      ...pulumiResourceOptions(section, entry),
      ...extra,
    });
    const adopt = (entry: EntryOptions) => (entry.adopt ? { adopt: true } : {});
    // First: the engine checks it before any other resource, so a run pointed at another tenant calls nothing.
    this.tenant = new StackTenant("tenant", { parent: this });

    // Each entry's declared inputs (provider/schema), secret where they hold a secure var's value.
    const inputs = (section: OptionSection, entry: object) => secretEach(declaredInputs(resourceOf(section).inputs.fields, entry));
    for (const [key, entry] of Object.entries(state.tags)) {
      this.tags[key] = new CompanyContactTag(key, { ...(inputs("tags", entry) as TagEntry), ...adopt(entry), ...handoff("tags", key) }, child("tags", entry));
    }
    for (const [key, entry] of Object.entries(state.userTags)) {
      this.userTags[key] = new UserContactTag(key, { ...(inputs("userTags", entry) as UserTagEntry), ...adopt(entry), ...handoff("userTags", key) }, child("userTags", entry));
    }
    for (const [key, entry] of Object.entries(state.customProperties)) {
      // The API keeps displayName unique: a replacement must free it before taking it again.
      this.customProperties[key] = new ContactCustomProperty(key, { ...(inputs("customProperties", entry) as CustomPropertyEntry), ...adopt(entry), ...handoff("customProperties", key) }, child("customProperties", entry, { deleteBeforeReplace: true }));
    }
    for (const [key, entry] of Object.entries(state.contacts)) {
      const properties = Object.keys(entry.customProperties).map((propertyKey) => this.customProperties[propertyKey]!);
      const secretFields = [...new Set([...stackSecretFields, ...(entry.secretFields ?? [])])];
      this.contacts[key] = new Contact(key, { ...this.contactArgs(state, entry, secret), ...(secretFields.length > 0 ? { secretFields } : {}), ...handoff("contacts", key) }, child("contacts", entry, properties.length > 0 ? { dependsOn: properties } : {}));
    }

    const ids = <T extends pulumi.Resource>(resources: Record<string, T>, id: (resource: T) => pulumi.Output<string>) =>
      pulumi.output(Object.fromEntries(Object.entries(resources).map(([key, resource]) => [key, id(resource)]))) as pulumi.Output<
        Record<string, string>
      >;
    this.tagIds = ids(this.tags, (tag) => tag.contactTagId);
    this.userTagIds = ids(this.userTags, (tag) => tag.contactTagId);
    this.customPropertyIds = ids(this.customProperties, (property) => property.customPropertyId);
    this.contactIds = ids(this.contacts, (contact) => contact.contactId);
    this.registerOutputs({
      tagIds: this.tagIds,
      userTagIds: this.userTagIds,
      customPropertyIds: this.customPropertyIds,
      contactIds: this.contactIds,
    });
  }

  private contactArgs(state: DesiredState, entry: ContactEntry, secret: <T>(value: T) => T): ContactArgs {
    const args = Object.fromEntries(Object.entries(entry.fields).map(([name, value]) => [name, secret(value)])) as unknown as ContactArgs;
    if (entry.tags.length > 0) {
      // The resource id (known during a preview of a tag rename), not the contactTagId output (unknown then).
      args.contactTagIds = entry.tags.map((key) => (this.tags[key] ?? this.userTags[key])!.id);
    }
    const values = Object.entries(entry.customProperties);
    if (values.length > 0) {
      args.customProperties = secret(Object.fromEntries(values.map(([propertyKey, value]) => [state.customProperties[propertyKey]!.propertyName, value])));
    }
    // The resource reads the photo relative to the program's folder.
    if (entry.photo) args.photo = path.relative(process.cwd(), entry.photo);
    if (entry.forceDelete) args.forceDelete = true;
    if (entry.adopt) args.adopt = true;
    return args;
  }
}
