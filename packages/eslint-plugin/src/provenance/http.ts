/** Raw token requests, read as `http-clients.ts` describes each client: their URL, method and form fields. */
import { AST_NODE_TYPES as T, type TSESTree } from '@typescript-eslint/types';
import { CLOUD_NAMES, CLOUDS } from '#catalogue';
import { endpointVersion, type FileContext } from './file-context.js';
import {
  HTTP_GLOBALS,
  HTTP_MODULES,
  JSON_METHOD_ONLY,
  RECEIVER_METHODS,
  httpCallShape,
  isSibling,
  type HttpCallShape,
  type ReplyShape,
  type Slot,
} from './http-clients.js';
import type { AuthorityInfo, FormField, HttpTokenRequest, ObjectShape, RequestBody, StringTemplate } from './types.js';
import { mergeParts, propertyName, templateOf, unwrap } from './values.js';
import { bySourceOrder } from './walk.js';

const LOGIN_HOSTS = CLOUD_NAMES.flatMap((c) => CLOUDS[c].loginHosts);

/** Does this request look like one to a token endpoint? */
function isTokenRequest(url: StringTemplate | undefined, body: RequestBody | undefined): boolean {
  const text =
    url?.parts
      .filter((p): p is string => typeof p === 'string')
      .join('\u0000')
      .toLowerCase() ?? '';
  return (
    text.includes('/oauth2/') || LOGIN_HOSTS.some((h) => text.includes(h)) || body?.fields.has('grant_type') === true
  );
}

function endpointOf(url: StringTemplate | undefined): HttpTokenRequest['endpoint'] {
  const tail = url?.parts.at(-1);
  if (typeof tail !== 'string') return undefined;
  const at = tail.toLowerCase().lastIndexOf('/oauth2/');
  // A trailing `/` before the query is the same path to a raw request.
  return at === -1 ? undefined : endpointVersion(tail.slice(at).replace(/\/(?=[?#]|$)/, ''));
}

/** The names of a URL's query parameters, when the template shows every one (a dynamic part may only be a value). */
function queryKeysOf(url: StringTemplate): string[] | undefined {
  const text = url.parts.map((p) => (typeof p === 'string' ? p : '\u0000')).join('');
  const at = text.indexOf('?');
  if (at === -1) return url.value === undefined ? undefined : [];
  const keys: string[] = [];
  for (const pair of text
    .slice(at + 1)
    .split('#')[0]!
    .split('&')) {
    const key = pair.split('=')[0]!;
    if (key.includes('\u0000')) return undefined;
    if (key !== '') keys.push(decode(key));
  }
  return keys;
}

function upper(value: string | undefined): string | undefined {
  return value?.toUpperCase();
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** The methods whose calls are indexed by receiver: `URLSearchParams` writes, and the table's receiver methods. */
const INDEXED_METHODS: ReadonlySet<string> = new Set(['append', 'set', ...RECEIVER_METHODS]);

export class HttpRequests {
  readonly #file: FileContext;
  #onReceiver?: Map<string, Map<TSESTree.Node, TSESTree.CallExpression[]>>;
  readonly #shapes = new Map<TSESTree.CallExpression, HttpCallShape>();

  constructor(file: FileContext) {
    this.#file = file;
  }

  readonly #cache = new Map<TSESTree.CallExpression, HttpTokenRequest | null>();

  /** Every raw token request among the file's calls. */
  find(): HttpTokenRequest[] {
    if (!this.#file.refersTo(HTTP_MODULES) && !HTTP_GLOBALS.some((g) => this.#file.values.refersToGlobal(g))) return [];
    return this.#file.calls.flatMap((call) => {
      const request = this.at(call);
      return request && isTokenRequest(request.url, request.body) ? [request] : [];
    });
  }

  /** The HTTP request a call sends, whatever its URL. */
  at(call: TSESTree.CallExpression): HttpTokenRequest | undefined {
    const cached = this.#cache.get(call);
    if (cached !== undefined) return cached ?? undefined;
    const request = this.#request(call);
    this.#cache.set(call, request ?? null);
    return request;
  }

  /** How the JSON reply of a request this file sends is read. */
  replyOf(request: HttpTokenRequest): ReplyShape {
    return this.#shapes.get(request.node)?.reply ?? JSON_METHOD_ONLY;
  }

  /** Is the reply read from the object the request is sent on (`xhr.response`), not from what the call gives? */
  repliesOnReceiver(request: HttpTokenRequest): boolean {
    return this.#shapes.get(request.node)?.receiver !== undefined;
  }

  /** The request sent on an object a `new` builds (`xhr.send(body)` on `new XMLHttpRequest()`), if any. */
  sentOn(receiver: TSESTree.NewExpression): HttpTokenRequest | undefined {
    if (receiver.callee.type !== T.Identifier || !HTTP_GLOBALS.includes(receiver.callee.name)) return undefined;
    for (const method of RECEIVER_METHODS)
      for (const call of this.#callsOn(receiver, method)) {
        const request = this.at(call);
        if (request) return request;
      }
    return undefined;
  }

  /** The shape of the call, when it is one of the table's; for a method, with the `new` it is called on. */
  #shapeOf(call: TSESTree.CallExpression): { shape: HttpCallShape; receiver?: TSESTree.NewExpression } | undefined {
    const { values } = this.#file;
    const ref = this.#file.moduleExport(call);
    const callee = unwrap(call.callee);
    if (ref) {
      const shape = httpCallShape(ref.module, ref.name);
      return shape && { shape };
    }
    // Most calls are none of these: decide before resolving anything.
    if (callee.type === T.Identifier) {
      const shape =
        HTTP_GLOBALS.includes(callee.name) && values.isGlobal(callee)
          ? httpCallShape(undefined, callee.name)
          : undefined;
      return shape && { shape };
    }
    const method = callee.type === T.MemberExpression ? propertyName(callee) : undefined;
    if (callee.type !== T.MemberExpression || method === undefined || !RECEIVER_METHODS.includes(method))
      return undefined;
    const receiver = values.resolve(callee.object);
    if (receiver.type !== T.NewExpression || receiver.callee.type !== T.Identifier || !values.isGlobal(receiver.callee))
      return undefined;
    const shape = httpCallShape(undefined, method, receiver.callee.name);
    return shape && { shape, receiver };
  }

  #request(call: TSESTree.CallExpression): HttpTokenRequest | undefined {
    const { values } = this.#file;
    const found = this.#shapeOf(call);
    if (!found) return undefined;
    const { shape, receiver } = found;
    this.#shapes.set(call, shape);
    const args = call.arguments;
    const argument = (index: number) => {
      const arg = args[index];
      return arg && arg.type !== T.SpreadElement ? arg : undefined;
    };
    const optionsIndex = shape.options.find((i) => {
      const arg = argument(i);
      return arg !== undefined && values.objectShape(arg) !== undefined;
    });
    const options = optionsIndex === undefined ? undefined : values.objectShape(argument(optionsIndex)!);
    const read = (slot: Slot) => {
      if ('option' in slot) return values.property(options, slot.option);
      if (!isSibling(slot)) return argument(slot.arg);
      // The last such call before this one: `xhr.open(method, url)` before `xhr.send(body)`.
      const sibling = receiver && this.#callsOn(receiver, slot.sibling).findLast((c) => c.range[0] < call.range[0]);
      const arg = sibling?.arguments[slot.arg];
      return arg && arg.type !== T.SpreadElement ? arg : undefined;
    };

    let url: StringTemplate | undefined;
    let urlNode: TSESTree.Node | undefined;
    let authority: AuthorityInfo | undefined;
    for (const slot of shape.url) {
      if (slot === 'host-and-path') {
        if (!options) continue;
        url = this.#optionsUrl(options);
        authority = this.#file.authorityOf(url);
        break;
      }
      const node = read(slot);
      if (!node || values.objectShape(node)) continue;
      url = this.#file.urlTemplate(node);
      urlNode = node;
      authority = this.#file.authority(node);
      break;
    }
    // Options the code does not show may add parameters, as may a `URL` object changed after it is built.
    const queryShown =
      urlNode !== undefined &&
      values.resolve(urlNode).type !== T.NewExpression &&
      (shape.query === undefined ||
        shape.options.every((i) => {
          const arg = argument(i);
          if (arg === undefined) return args[i] === undefined;
          if (arg === urlNode) return true;
          const own = values.objectShape(arg);
          return own !== undefined && own.complete && shape.query!.every((name) => !own.properties.has(name));
        }));
    const queryKeys = queryShown && url ? queryKeysOf(url) : undefined;
    const method =
      shape.method === 'option'
        ? (upper(this.#string(values.property(options, 'method'))) ?? 'GET')
        : typeof shape.method === 'string'
          ? shape.method
          : upper(this.#string(read(shape.method)));
    let body: RequestBody | undefined;
    for (const source of shape.body) {
      const node = source.from === 'written' ? this.#written(call) : read(source.from);
      if (!node) continue;
      body = this.body(node, source.encoding);
      break;
    }
    const endpoint = endpointOf(url);
    return {
      node: call,
      client: shape.client,
      ...(url && { url }),
      ...(authority && { authority }),
      ...(method !== undefined && { method }),
      ...(body && { body }),
      ...(endpoint && { endpoint }),
      ...(queryKeys && { queryKeys }),
      // A computed host is Entra's when the path is the v2 token endpoint's (`${base}/${tenant}/oauth2/v2.0/token`).
      entra: authority?.host !== undefined ? authority.cloud !== undefined : endpoint === 'v2',
    };
  }

  #string(node: TSESTree.Node | undefined): string | undefined {
    return node && this.#file.values.staticString(node);
  }

  /** `https.request` options as a URL: `protocol//hostname:port/path`. */
  #optionsUrl(options: ObjectShape): StringTemplate {
    const { values } = this.#file;
    const host = values.property(options, 'hostname') ?? values.property(options, 'host');
    const path = values.property(options, 'path');
    const protocol = this.#string(values.property(options, 'protocol')) ?? 'https:';
    return templateOf(options.node, [
      `${protocol}//`,
      ...(host ? values.template(host).parts : []),
      ...(path ? values.template(path).parts : []),
    ]);
  }

  /** The argument of `req.write(body)` or `req.end(body)` on the request this call returns. */
  #written(call: TSESTree.CallExpression): TSESTree.Node | undefined {
    const { values } = this.#file;
    for (const other of this.#file.calls) {
      const callee = unwrap(other.callee);
      const name = callee.type === T.MemberExpression ? propertyName(callee) : undefined;
      if (
        (name === 'write' || name === 'end') &&
        callee.type === T.MemberExpression &&
        other.arguments[0] &&
        values.resolve(callee.object) === call
      )
        return other.arguments[0];
    }
    return undefined;
  }

  /** The fields of a request body; `fallback` is the encoding of a plain object for this client. */
  body(node: TSESTree.Node, fallback: RequestBody['encoding']): RequestBody | undefined {
    const { values } = this.#file;
    const target = values.resolve(node);
    if (
      target.type === T.NewExpression &&
      target.callee.type === T.Identifier &&
      target.callee.name === 'URLSearchParams' &&
      values.isGlobal(target.callee)
    )
      return this.#searchParams(node, target);
    if (target.type === T.CallExpression) {
      const callee = unwrap(target.callee);
      const ref = this.#file.moduleExport(target);
      if (ref?.name === 'stringify' && target.arguments[0]) return this.#objectBody(node, target.arguments[0], 'form');
      if (callee.type === T.MemberExpression && propertyName(callee) === 'toString' && target.arguments.length === 0) {
        const inner = this.body(callee.object, fallback);
        return inner && { ...inner, node };
      }
      if (
        callee.type === T.MemberExpression &&
        callee.object.type === T.Identifier &&
        callee.object.name === 'JSON' &&
        propertyName(callee) === 'stringify' &&
        target.arguments[0]
      )
        return this.#objectBody(node, target.arguments[0], 'json');
    }
    if (values.objectShape(target)) return this.#objectBody(node, target, fallback);
    const template = values.template(node);
    if (template.parts.some((p) => typeof p === 'string' && p.includes('='))) return this.#formString(node, template);
    return undefined;
  }

  #objectBody(
    node: TSESTree.Node,
    objectNode: TSESTree.Node,
    encoding: RequestBody['encoding'],
  ): RequestBody | undefined {
    const shape = this.#file.values.objectShape(objectNode);
    if (!shape) return undefined;
    const fields = new Map<string, FormField>();
    for (const [name, entry] of shape.properties) fields.set(name, this.#field(name, entry.value));
    return { node, encoding, fields, complete: shape.complete };
  }

  #field(name: string, value: TSESTree.Node): FormField {
    const template = this.#file.values.template(value);
    return { name, node: value, parts: template.parts, ...(template.value !== undefined && { value: template.value }) };
  }

  /**
   * The calls `x.method(…)` whose `x` resolves to `receiver`, in source order, for the indexed methods
   * (`URLSearchParams` writes, `open` and `send`): one pass over the file's calls, not one per body.
   */
  #callsOn(receiver: TSESTree.Node, method: string): readonly TSESTree.CallExpression[] {
    if (!this.#onReceiver) {
      const index = new Map<string, Map<TSESTree.Node, TSESTree.CallExpression[]>>();
      for (const call of this.#file.calls) {
        const callee = unwrap(call.callee);
        if (callee.type !== T.MemberExpression) continue;
        const name = propertyName(callee);
        if (name === undefined || !INDEXED_METHODS.has(name)) continue;
        const target = this.#file.values.resolve(callee.object);
        let byTarget = index.get(name);
        if (!byTarget) index.set(name, (byTarget = new Map()));
        const calls = byTarget.get(target);
        if (calls) calls.push(call);
        else byTarget.set(target, [call]);
      }
      this.#onReceiver = index;
    }
    return this.#onReceiver.get(method)?.get(receiver) ?? [];
  }

  #searchParams(node: TSESTree.Node, construction: TSESTree.NewExpression): RequestBody {
    const { values } = this.#file;
    const init = construction.arguments[0];
    const base =
      init && init.type !== T.SpreadElement
        ? values.objectShape(init)
          ? this.#objectBody(node, init, 'form')
          : this.#formString(node, values.template(init))
        : undefined;
    const fields = new Map(base?.fields);
    let complete = init === undefined || (base?.complete ?? false);
    // Every `append`/`set` on it, in source order: the last write of a name wins.
    const writes = [...this.#callsOn(construction, 'append'), ...this.#callsOn(construction, 'set')].sort(
      bySourceOrder,
    );
    for (const call of writes) {
      const [key, value] = call.arguments;
      const name = key && this.#string(key);
      if (name === undefined || !value) complete = false;
      else fields.set(name, this.#field(name, value));
    }
    return { node, encoding: 'form', fields, complete };
  }

  /** `a=1&b=${x}` as fields; a value's dynamic parts are unwrapped from `encodeURIComponent`. */
  #formString(node: TSESTree.Node, template: StringTemplate): RequestBody {
    const fields = new Map<string, FormField>();
    let complete = true;
    let key = '';
    let inValue = false;
    let parts: (string | TSESTree.Node)[] = [];
    const finish = () => {
      if (inValue || key !== '') {
        if (key === '') complete = false;
        else {
          const name = decode(key);
          const dynamic = parts.find((p): p is TSESTree.Node => typeof p !== 'string');
          const value = parts.every((p) => typeof p === 'string') ? parts.join('') : undefined;
          fields.set(name, {
            name,
            node: parts.length === 1 && dynamic ? dynamic : node,
            parts,
            ...(value !== undefined && { value }),
          });
        }
      }
      key = '';
      inValue = false;
      parts = [];
    };
    for (const part of template.parts) {
      if (typeof part !== 'string') {
        if (inValue) parts.push(this.#unencoded(part));
        else complete = false;
        continue;
      }
      const pieces = part.split(/([&=])/);
      for (const piece of pieces) {
        if (piece === '&') finish();
        else if (piece === '=' && !inValue) inValue = true;
        else if (inValue) {
          if (piece !== '') parts.push(decode(piece));
        } else key += piece;
      }
    }
    finish();
    const merged = [...fields.values()].map((f) => ({ ...f, parts: mergeParts(f.parts) }));
    return { node, encoding: 'form', fields: new Map(merged.map((f) => [f.name, f])), complete };
  }

  #unencoded(node: TSESTree.Node): TSESTree.Node {
    const n = unwrap(node);
    if (
      n.type === T.CallExpression &&
      n.callee.type === T.Identifier &&
      (n.callee.name === 'encodeURIComponent' || n.callee.name === 'encodeURI') &&
      n.arguments[0]
    )
      return n.arguments[0];
    return n;
  }
}
