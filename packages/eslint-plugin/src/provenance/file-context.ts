/**
 * What every analysis of one file shares: its values, its syntax index, the module exports its
 * nodes refer to, and authority URLs read from them. Value flow, HTTP requests and JWT builds all
 * stand on it, and it stands on none of them.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { CLOUDS, cloudOfHost } from '@entra-guard/policy/catalogue';
import type { FileImports } from './export-value.js';
import type { ModuleExport } from './modules.js';
import { AUTHORITY_HOST_CLOUDS } from './sdk.js';
import type { AuthorityInfo, StringTemplate } from './types.js';
import { unwrap, Values, type FunctionNode } from './values.js';
import type { FileIndex } from './walk.js';

export class FileContext {
  readonly values: Values;
  readonly index: FileIndex;
  /** The nodes that name an export of a tracked module. */
  readonly refs: ReadonlyMap<TSESTree.Node, ModuleExport>;
  readonly text: string;
  /** What the file imports from other local files. */
  readonly imports: FileImports;

  constructor(
    sourceCode: Readonly<TSESLint.SourceCode>,
    refs: ReadonlyMap<TSESTree.Node, ModuleExport>,
    index: FileIndex,
    imports: FileImports,
  ) {
    this.imports = imports;
    this.values = new Values(sourceCode, imports);
    this.refs = refs;
    this.index = index;
    this.text = sourceCode.text;
  }

  /** Every call in the file. */
  get calls(): readonly TSESTree.CallExpression[] {
    return this.index.calls;
  }

  moduleExport(node: TSESTree.Node): ModuleExport | undefined {
    return this.refs.get(node);
  }

  /** Does the file use an export of one of `modules`? */
  refersTo(modules: readonly string[]): boolean {
    for (const ref of this.refs.values()) if (modules.includes(ref.module)) return true;
    return false;
  }

  /** The expressions a function returns. */
  returnsOf(fn: FunctionNode): readonly TSESTree.Node[] {
    return this.index.returnsOf(fn);
  }

  /** The authority (msal) or authority host (identity) a node names, when at least its host is constant. */
  authority(node: TSESTree.Node): AuthorityInfo | undefined {
    const ref = this.refs.get(unwrap(node));
    const hostCloud = ref?.name.startsWith('AzureAuthorityHosts.')
      ? AUTHORITY_HOST_CLOUDS[ref.name.slice('AzureAuthorityHosts.'.length)]
      : undefined;
    if (hostCloud) {
      const value = CLOUDS[hostCloud].authorityHost;
      return { node, value, host: new URL(value).host, cloud: hostCloud };
    }
    return this.authorityOf(this.values.template(node));
  }

  /** Host, tenant and cloud of a URL template whose host is constant. */
  authorityOf(template: StringTemplate): AuthorityInfo | undefined {
    const { node } = template;
    const head = typeof template.parts[0] === 'string' ? template.parts[0] : '';
    const complete = template.value !== undefined;
    const match = /^https?:\/\/([^/?#]+)/i.exec(head);
    const rest = match ? head.slice(match[0].length) : '';
    // Without a constant end, the host or tenant may go on in the next, dynamic, part.
    if (!match?.[1] || (!complete && rest === '')) return undefined;
    const host = match[1].toLowerCase();
    const segment = /^\/([^/?#]+)([/?#]?)/.exec(rest);
    const tenant = segment && (complete || segment[2] !== '') ? segment[1] : undefined;
    const cloud = cloudOfHost(host.replace(/:\d+$/, ''));
    return {
      node,
      ...(complete && { value: template.value }),
      host,
      ...(tenant && { tenant }),
      ...(cloud && { cloud }),
    };
  }
}
