/**
 * lineworks-contacts-pulumi: Pulumi resources for the LINE WORKS Contact API.
 *
 *   import { CompanyContactTag, Contact } from "lineworks-contacts-pulumi";
 */
export {
  CompanyContactTag,
  Contact,
  ContactCustomProperty,
  StackTenant,
  UserContactTag,
  type CompanyContactTagArgs,
  type ContactArgs,
  type ContactCustomPropertyArgs,
  type DeepInput,
  type UserContactTagArgs,
} from "./program/classes";
export * as rules from "./rules";
export type * from "./client/contact-api";
export {
  DesiredStateError,
  LineWorksContacts,
  loadDesiredState,
  loadDesiredStateOrThrow,
  runRootProgram,
  type DesiredState,
  type LineWorksContactsArgs,
  type LoadResult,
  type Problem,
} from "./desired-state/index";
