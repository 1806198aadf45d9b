/**
 * What every analysis of one file shares: its values, its syntax index, the module exports its
 * nodes refer to, and authority URLs read from them. Value flow, HTTP requests and JWT builds all
 * stand on it, and it stands on none of them.
 */
import { AST_NODE_TYPES as T, type TSESTree } from '@typescript-eslint/types';
import type { TSESLint } from '@typescript-eslint/utils';
import { CLOUDS, V1_TOKEN_PATH, V2_TOKEN_PATH, cloudOfHost } from '#catalogue';
import type { FileImports } from './export-value.js';
import { findModuleReferences, mentionsTrackedModule, type ModuleExport } from './modules.js';
import { AUTHORITY_HOST_CLOUDS } from './sdk.js';
import type { AuthorityInfo, StringTemplate } from './types.js';
import { propertyName, templateOf, unwrap, Values, type FunctionNode } from './values.js';
import { FileIndex } from './walk.js';

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
    this.values = new Values(sourceCode, index, imports);
    this.refs = refs;
    this.index = index;
    this.text = sourceCode.text;
  }

  /**
   * The context of a file: module references only when its text mentions a tracked module, the syntax
   * index then too, or always (`indexAlways`: a summary follows the file's exports whatever it imports).
   */
  static of(
    sourceCode: Readonly<TSESLint.SourceCode>,
    imports: FileImports,
    { indexAlways }: { indexAlways: boolean },
  ): FileContext {
    const tracked = mentionsTrackedModule(sourceCode.text);
    return new FileContext(
      sourceCode,
      tracked ? findModuleReferences(sourceCode) : new Map(),
      new FileIndex(tracked || indexAlways ? sourceCode : undefined),
      imports,
    );
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

  /** `Global.name` on a global the file does not shadow (`Buffer.from`, `JSON.stringify`). */
  isGlobalMember(node: TSESTree.Node, global: string, name: string): boolean {
    const n = unwrap(node);
    return (
      n.type === T.MemberExpression &&
      propertyName(n) === name &&
      n.object.type === T.Identifier &&
      n.object.name === global &&
      this.values.isGlobal(n.object)
    );
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
    return this.authorityOf(this.urlTemplate(node));
  }

  /** A URL with each `x ?? 'fallback'` / `x || 'fallback'` part read as its constant fallback: the URL the code shows. */
  urlTemplate(node: TSESTree.Node): StringTemplate {
    return this.#withFallbacks(this.values.template(node));
  }

  #withFallbacks(template: StringTemplate): StringTemplate {
    let replaced = false;
    const parts = template.parts.flatMap((part) => {
      const n = typeof part === 'string' ? undefined : this.values.resolve(part);
      if (n?.type !== T.LogicalExpression || n.operator === '&&') return [part];
      const fallback = this.#withFallbacks(this.values.template(n.right));
      if (!fallback.parts.some((p) => typeof p === 'string')) return [part];
      replaced = true;
      return fallback.parts;
    });
    return replaced ? templateOf(template.node, parts) : template;
  }

  /** Host, tenant and cloud of a URL template whose host is constant, or the tenant of one whose path is a v2 token endpoint's. */
  authorityOf(template: StringTemplate): AuthorityInfo | undefined {
    const { node, parts } = template;
    const head = typeof parts[0] === 'string' ? parts[0] : '';
    const complete = template.value !== undefined;
    const match = /^https?:\/\/([^/?#]+)/i.exec(head);
    const rest = match ? head.slice(match[0].length) : '';
    // Without a constant end, the host or tenant may go on in the next, dynamic, part.
    if (!match?.[1] || (!complete && rest === '')) return this.#tokenEndpoint(template);
    const host = match[1].toLowerCase();
    const segment = /^\/([^/?#]+)([/?#]?)/.exec(rest);
    const tenant = segment && (complete || segment[2] !== '') ? segment[1] : undefined;
    // `https://host/${tenant}` or `https://host/${tenant}/…`: the dynamic part is the tenant segment.
    const next = parts[2];
    const tenantNode =
      rest === '/' &&
      typeof parts[1] !== 'string' &&
      (next === undefined || (typeof next === 'string' && /^[/?#]/.test(next)))
        ? parts[1]
        : undefined;
    const after =
      tenant !== undefined ? rest.slice(1 + tenant.length) : tenantNode && typeof next === 'string' ? next : '';
    const tokenEndpoint = endpointVersion(after);
    const cloud = cloudOfHost(host.replace(/:\d+$/, ''));
    return {
      node,
      ...(complete && { value: template.value }),
      host,
      ...(tenant && { tenant }),
      ...(tenantNode && { tenantNode }),
      ...(tokenEndpoint && { tokenEndpoint }),
      ...(cloud && { cloud }),
    };
  }

  /** A URL whose host is not constant, when its path is a v2 token endpoint's: `${base}/${tenant}/oauth2/v2.0/token`. */
  #tokenEndpoint(template: StringTemplate): AuthorityInfo | undefined {
    const { parts } = template;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      if (typeof part !== 'string') continue;
      const at = part.toLowerCase().indexOf(V2_TOKEN_PATH);
      if (at < 0 || endpointVersion(part.slice(at)) !== 'v2') continue;
      const before = part.slice(0, at);
      const slash = before.lastIndexOf('/');
      const tenant = slash >= 0 && slash < before.length - 1 ? before.slice(slash + 1) : undefined;
      const previous = parts[i - 1];
      const beforePrevious = parts[i - 2];
      // The dynamic part is the tenant when a `/` comes before it: `${base}/${tenant}/oauth2/…`.
      const tenantNode =
        before === '' &&
        previous !== undefined &&
        typeof previous !== 'string' &&
        typeof beforePrevious === 'string' &&
        beforePrevious.endsWith('/')
          ? previous
          : undefined;
      return {
        node: template.node,
        ...(tenant && !/[?#]/.test(tenant) && { tenant }),
        ...(tenantNode && { tenantNode }),
        tokenEndpoint: 'v2',
      };
    }
    return undefined;
  }
}

/** The token endpoint a path after the tenant is: `/oauth2/v2.0/token` or `/oauth2/token`, then nothing, a query or a fragment. */
export function endpointVersion(path: string): 'v1' | 'v2' | undefined {
  const lower = path.toLowerCase();
  const ends = (prefix: string) => lower.startsWith(prefix) && /^(?:[?#]|$)/.test(lower.slice(prefix.length));
  return ends(V2_TOKEN_PATH) ? 'v2' : ends(V1_TOKEN_PATH) ? 'v1' : undefined;
}
