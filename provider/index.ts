/**
 * lineworks-contacts-pulumi: Pulumi resources for the LINE WORKS Contact API.
 *
 *   import { CompanyContactTag, Contact } from "lineworks-contacts-pulumi";
 *
 * A program that declares resources loads only the classes (a dozen modules). The YAML loader,
 * the component and the API rules (yaml, zod: ~200 modules, ~200 ms) load when first used: the
 * exports below are getters, typed as the modules they come from.
 */
import type * as DesiredStateModule from "./desired-state/index";
import type * as RulesModule from "./rules";

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
export type * from "./client/contact-api";
export type { DesiredState, LineWorksContactsArgs, LoadResult, Problem } from "./desired-state/index";

/** Each name becomes a getter of `exports` that loads `path` on first use. */
function exportLazily(path: string, names: readonly string[], pick: (module: any, name: string) => unknown = (module, name) => module[name]): void {
  let loaded: unknown;
  for (const name of names) {
    Object.defineProperty(exports, name, { enumerable: true, get: () => pick((loaded ??= require(path)), name) });
  }
}
// The names as Node's ESM loader can see them (cjs-module-lexer reads `exports.NAME =`), so that
// `import { loadDesiredState } from "lineworks-contacts-pulumi"` works from ESM; the getters replace them.
exports.rules = exports.DesiredStateError = exports.LineWorksContacts = exports.loadDesiredState = exports.loadDesiredStateOrThrow = exports.runRootProgram = undefined;
exportLazily("./rules", ["rules"], (module) => module);
exportLazily("./desired-state/index", ["DesiredStateError", "LineWorksContacts", "loadDesiredState", "loadDesiredStateOrThrow", "runRootProgram"]);

export declare const rules: typeof RulesModule;
export declare const DesiredStateError: typeof DesiredStateModule.DesiredStateError;
export type DesiredStateError = DesiredStateModule.DesiredStateError;
export declare const LineWorksContacts: typeof DesiredStateModule.LineWorksContacts;
export type LineWorksContacts = DesiredStateModule.LineWorksContacts;
export declare const loadDesiredState: typeof DesiredStateModule.loadDesiredState;
export declare const loadDesiredStateOrThrow: typeof DesiredStateModule.loadDesiredStateOrThrow;
export declare const runRootProgram: typeof DesiredStateModule.runRootProgram;
