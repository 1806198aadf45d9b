/** What crosses from one file to another (cross-file.ts): values with no syntax, and what a file asks of its imports. */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { SinkKind, SourceTokenKind } from './types.js';

/** An argument of a function or class whose tokens it sends to Entra: argument `index`, read at `path`, is a credential. */
export interface CredentialParameter {
  readonly index: number;
  readonly path: readonly string[];
  readonly sink: SinkKind;
  /** How the function's file hands the token over (`getAssertion`, `auth.clientAssertion`, `client_assertion`). */
  readonly api: string;
}

/** What an export holds, in the terms the rules need. */
export type ExportValue =
  | { readonly kind: 'token'; readonly token: SourceTokenKind; readonly api: string }
  | { readonly kind: 'string'; readonly value: string }
  /** A function or class: what its calls return (a promise is its value), the string it builds from its arguments, and the credentials it sends. */
  | {
      readonly kind: 'function';
      readonly returns: readonly ExportValue[];
      readonly template?: ExportTemplate;
      readonly credentials?: readonly CredentialParameter[];
    }
  /** An object (a module, a token result, an object literal): its properties. */
  | { readonly kind: 'object'; readonly members: ReadonlyMap<string, readonly ExportValue[]> };

/** The one string a function returns, as constant parts and the positions of the parameters read in it. */
export type ExportTemplate = readonly (string | number)[];

/** The properties named `name` of the objects among `values`. */
export function membersOf(values: readonly ExportValue[], name: string): ExportValue[] {
  return values.flatMap((v) => (v.kind === 'object' ? (v.members.get(name) ?? []) : []));
}

/** What the scope analysis of the importing file tells its imports (`Values` has it). */
export interface ScopeReader {
  variableOf(id: TSESTree.Identifier): TSESLint.Scope.Variable | undefined;
  otherWrites(variable: TSESLint.Scope.Variable): readonly TSESLint.Scope.Reference[];
  isGlobal(id: TSESTree.Identifier): boolean;
}

/** The values one file imports from other local files; empty whenever a file cannot be resolved or read. */
export interface FileImports {
  /** What an import binding stands for (`import { a }`, `import a`, `import * as a`, `import a = require()`). */
  binding(def: TSESLint.Scope.Definition): readonly ExportValue[];
  /** The module `require('./x')` loads (with no `require` of the file's own); undefined for any other call. */
  required(call: TSESTree.CallExpression, scope: ScopeReader): readonly ExportValue[] | undefined;
  /** The module `import('./x')` loads. */
  dynamic(node: TSESTree.ImportExpression): readonly ExportValue[];
  /** The constant string an imported name, or a property of one, stands for (`import { A }`, `const { A } = require()`, `ns.A`). */
  constant(node: TSESTree.Identifier | TSESTree.MemberExpression, scope: ScopeReader): string | undefined;
  /** The string an imported function builds from its arguments (`tokenUrl(tenant)` with `tokenUrl` imported). */
  returnTemplate(callee: TSESTree.Node, scope: ScopeReader): ExportTemplate | undefined;
}
