/**
 * The four Pulumi resources (type tokens `pulumi-nodejs:dynamic/lineworks:<Type>`).
 * Inputs and outputs use the API's field names. The provider of each is the
 * tiny stub of ./dynamic-stub.ts that loads ../dynamic-provider (package export ./h) at run time.
 */
import * as pulumi from "@pulumi/pulumi";
import type { AccessibleMember } from "../client/contact-api";
import type {
  CompanyContactTagInputs,
  CompanyContactTagState,
  ContactCustomPropertyInputs,
  ContactCustomPropertyState,
  ContactInputs,
  UserContactTagInputs,
  UserContactTagState,
} from "../seam/types";
import { SECRET_CONTACT_FIELD_NAMES, type SecretContactFieldName } from "../schema/contact";
import type { ResourceTypeName } from "../schema/resources";
import { providerStub, StubbedDynamicResource } from "./dynamic-stub";

/** A value, or a value of which any part may come from another resource's output. */
export type DeepInput<T> = T extends string | number | boolean | null | undefined
  ? pulumi.Input<T>
  : T extends ReadonlyArray<infer U>
    ? pulumi.Input<DeepInput<U>[]>
    : pulumi.Input<{ [K in keyof T]: DeepInput<T[K]> }>;

/**
 * A resource's args: each field of its declared inputs (provider/schema) as a Pulumi input,
 * nested values too, optional where the declaration says so. `adopt` is declared there as
 * well: on create, take over an existing object with the same natural key and update it to
 * these inputs, instead of failing on the conflict.
 */
export type ArgsOf<T> = { [K in keyof T]: DeepInput<T[K]> };

/** A resource's outputs: each field of its declared state (provider/schema) as a Pulumi output. */
export type OutputsOf<T> = { readonly [K in keyof T]-?: pulumi.Output<T[K]> };

/** `lineworks-contacts-pulumi/h` is provider/dynamic-handlers (package.json `exports`). */
const stubFor = (type: ResourceTypeName | "StackTenant") => providerStub("h", type);

/**
 * What `@pulumi/policy` needs to match a class (`validateResourceOfType`, `args.isType`): each
 * class carries its type token as a static `__pulumiType`, as generated SDK classes do, and an
 * `isInstance` that compares tokens (instances carry `__pulumiType` too, set by the SDK).
 */
export const lineworksType = <T extends string>(type: T) => `pulumi-nodejs:dynamic/lineworks:${type}` as const;
const hasType = (obj: unknown, token: string): boolean =>
  typeof obj === "object" && obj !== null && (obj as { __pulumiType?: unknown }).__pulumiType === token;

// ---------------------------------------------------------------------------

/**
 * The tenant a stack's objects live in: the API origin and domain id, recorded once per stack
 * (./stack-tenant.ts). It takes no args: the provider fills them from its own settings. Declare
 * it before the other resources, so that a run pointed at another tenant stops before any call.
 */
export class StackTenant extends StubbedDynamicResource {
  static readonly __pulumiType = lineworksType("StackTenant");
  static override isInstance(obj: unknown): obj is StackTenant {
    return hasType(obj, StackTenant.__pulumiType);
  }

  declare readonly apiOrigin: pulumi.Output<string>;
  declare readonly domainId: pulumi.Output<number | undefined>;

  constructor(name: string, opts?: pulumi.CustomResourceOptions) {
    super("StackTenant", name, stubFor("StackTenant"), { apiOrigin: undefined, domainId: undefined }, opts);
  }
}

// ---------------------------------------------------------------------------

/** contactTagName: 1..30 characters, unique among company tags. */
export type CompanyContactTagArgs = ArgsOf<CompanyContactTagInputs>;

/** The outputs: the declared state (provider/schema/tags.ts). */
export interface CompanyContactTag extends OutputsOf<CompanyContactTagState> {}

/** A company contact tag (POST /contact-tags). Renaming is an in-place update. */
export class CompanyContactTag extends StubbedDynamicResource {
  static readonly __pulumiType = lineworksType("CompanyContactTag");
  static override isInstance(obj: unknown): obj is CompanyContactTag {
    return hasType(obj, CompanyContactTag.__pulumiType);
  }

  constructor(name: string, args: CompanyContactTagArgs, opts?: pulumi.CustomResourceOptions) {
    super("CompanyContactTag", name, stubFor("CompanyContactTag"), { ...args, contactTagId: undefined, type: undefined }, opts);
  }
}

// ---------------------------------------------------------------------------

/** userId: the member who owns the tag; changing it replaces the tag (declared `immutable`). */
export type UserContactTagArgs = ArgsOf<UserContactTagInputs>;

/** The outputs: the declared state (provider/schema/tags.ts). */
export interface UserContactTag extends OutputsOf<UserContactTagState> {}

/** A member's own contact tag (POST /users/{userId}/contact-tags). */
export class UserContactTag extends StubbedDynamicResource {
  static readonly __pulumiType = lineworksType("UserContactTag");
  static override isInstance(obj: unknown): obj is UserContactTag {
    return hasType(obj, UserContactTag.__pulumiType);
  }

  constructor(name: string, args: UserContactTagArgs, opts?: pulumi.CustomResourceOptions) {
    super("UserContactTag", name, stubFor("UserContactTag"), { ...args, contactTagId: undefined, type: undefined }, opts);
  }
}

// ---------------------------------------------------------------------------

/**
 * propertyName, propertyType and multiValued (default false) are immutable in the API: changing
 * one replaces the property and loses its values on contacts.
 */
export type ContactCustomPropertyArgs = ArgsOf<ContactCustomPropertyInputs>;

/** The outputs: the declared state (provider/schema/custom-property.ts). */
export interface ContactCustomProperty extends OutputsOf<ContactCustomPropertyState> {}

/** A contact custom property definition of the domain (at most 5 per domain). */
export class ContactCustomProperty extends StubbedDynamicResource {
  static readonly __pulumiType = lineworksType("ContactCustomProperty");
  static override isInstance(obj: unknown): obj is ContactCustomProperty {
    return hasType(obj, ContactCustomProperty.__pulumiType);
  }

  constructor(name: string, args: ContactCustomPropertyArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      "ContactCustomProperty",
      name,
      stubFor("ContactCustomProperty"),
      { ...args, customPropertyId: undefined, domainId: undefined },
      opts,
    );
  }
}

// ---------------------------------------------------------------------------

/**
 * The contact's API fields (contactTagIds: ids of CompanyContactTag / UserContactTag resources,
 * use their `id`, known during a preview of a rename; customProperties: values keyed by
 * propertyName), and ours: `photo`, a local image file relative to the Pulumi program's folder,
 * uploaded and tracked by its sha256; `forceDelete`, delete through DELETE
 * /contacts/{id}/forcedelete instead of moving the contact to the trash; `adopt`.
 */
export interface ContactArgs extends ArgsOf<ContactInputs> {
  /**
   * Fields stored as Pulumi secrets (encrypted in the state, `[secret]` in previews), also when
   * empty, so a value someone adds in the app stays encrypted after a refresh. Default: none; a
   * value that is already a secret (e.g. from a secure config value) stays one regardless.
   */
  secretFields?: readonly SecretContactField[];
}

/** @deprecated the outputs hold no field value or print any more; kept for programs that import it. */
export const CONTACT_SECRET_OUTPUTS = SECRET_CONTACT_FIELD_NAMES;

/** The contact fields a user may make secret (CONTRACT §5 `secretFields`): those declared `secret`. */
export type SecretContactField = SecretContactFieldName;

/**
 * memo and the custom values are registered as secrets even when empty (as null): the engine
 * keeps a value secret in the state by the name the old inputs held secret, so a memo someone
 * adds in the app is encrypted when a refresh records it (see contact-state.ts).
 */
function alwaysSecret<T>(value: pulumi.Input<T> | undefined): pulumi.Output<pulumi.Unwrap<T> | null> {
  return pulumi.secret(value ?? null) as pulumi.Output<pulumi.Unwrap<T> | null>;
}

/** A customer/client contact (POST /contacts). */
export class Contact extends StubbedDynamicResource {
  static readonly __pulumiType = lineworksType("Contact");
  static override isInstance(obj: unknown): obj is Contact {
    return hasType(obj, Contact.__pulumiType);
  }

  declare readonly contactId: pulumi.Output<string>;
  /** @deprecated always undefined: memo is kept (secret) in the state's inputs only. */
  declare readonly memo: pulumi.Output<string | undefined>;
  /** @deprecated always undefined: the custom values are kept (secret) in the state's inputs only. */
  declare readonly customProperties: pulumi.Output<string | undefined>;
  declare readonly photo: pulumi.Output<string | undefined>;
  /** sha256 (hex) of the uploaded photo. */
  declare readonly photoSha256: pulumi.Output<string | undefined>;
  declare readonly forceDelete: pulumi.Output<boolean | undefined>;

  constructor(name: string, args: ContactArgs, opts?: pulumi.CustomResourceOptions) {
    // The state keeps the canonical inputs (the secretFields encrypted) and, as outputs,
    // only the photo facts and forceDelete: see ./contact-state.ts.
    const { secretFields = [], ...inputs } = args;
    const secret = new Set<string>(secretFields);
    super(
      "Contact",
      name,
      stubFor("Contact"),
      {
        ...inputs,
        ...Object.fromEntries(SECRET_CONTACT_FIELD_NAMES.filter((field) => secret.has(field)).map((field) => [field, alwaysSecret(args[field])])),
        photoSha256: undefined,
      },
      opts,
    );
    // The resource id is the contactId: not stored a second time in the state's outputs.
    this.contactId = this.id;
  }
}

export type { AccessibleMember };
