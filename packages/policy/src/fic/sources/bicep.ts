/**
 * Bicep sources: `resource x 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@…'`
 * declarations, with `parent:` or nested inside the identity's body (`resource x 'federatedIdentityCredentials' = {…}`),
 * conditions (`= if (…) {…}`) and loops (`= [for … : {…}]`). No Bicep parser runs on Node, so this is a
 * small reader of Bicep's declaration and literal syntax: strings, numbers, objects and arrays are
 * values; every other expression is unknown and not checked.
 */
import type { FicField } from '../check.js';
import { NO_FIELDS, type LocatedFic, type SourceResult } from './located.js';

type TokenKind = 'string' | 'template' | 'number' | 'word' | 'punct' | 'newline' | 'eof';

interface Token {
  kind: TokenKind;
  text: string;
  /** The decoded value of a string; for a template, its literal parts with `*` for each `${…}`. */
  value?: string;
  offset: number;
}

class BicepSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '\\': '\\', "'": "'", $: '$' };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '\n') {
      tokens.push({ kind: 'newline', text: ch, offset: i++ });
    } else if (ch === ' ' || ch === '\t' || ch === '\r') {
      i++;
    } else if (text.startsWith('//', i)) {
      i = text.indexOf('\n', i) === -1 ? text.length : text.indexOf('\n', i);
    } else if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      if (end === -1) throw new BicepSyntaxError('unterminated comment', i);
      i = end + 2;
    } else if (text.startsWith("'''", i)) {
      const end = text.indexOf("'''", i + 3);
      if (end === -1) throw new BicepSyntaxError('unterminated multi-line string', i);
      tokens.push({
        kind: 'string',
        text: text.slice(i, end + 3),
        value: text.slice(i + 3, end).replace(/^\r?\n/, ''),
        offset: i,
      });
      i = end + 3;
    } else if (ch === "'") {
      let value = '';
      let interpolated = false;
      let j = i + 1;
      for (;;) {
        const c = text[j];
        if (c === undefined || c === '\n') throw new BicepSyntaxError('unterminated string', i);
        if (c === "'") break;
        if (c === '\\') {
          value += ESCAPES[text[j + 1] ?? ''] ?? text[j + 1] ?? '';
          j += 2;
        } else if (c === '$' && text[j + 1] === '{') {
          interpolated = true;
          value += '*';
          let depth = 0;
          for (j += 1; j < text.length; j++) {
            if (text[j] === '{') depth++;
            else if (text[j] === '}' && --depth === 0) break;
          }
          j++;
        } else {
          value += c;
          j++;
        }
      }
      tokens.push({ kind: interpolated ? 'template' : 'string', text: text.slice(i, j + 1), value, offset: i });
      i = j + 1;
    } else if (/[0-9]/.test(ch)) {
      const m = /^[0-9]+(?:\.[0-9]+)?/.exec(text.slice(i))!;
      tokens.push({ kind: 'number', text: m[0], offset: i });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(ch)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i))!;
      tokens.push({ kind: 'word', text: m[0], offset: i });
      i += m[0].length;
    } else {
      const two = text.slice(i, i + 2);
      const op = ['==', '!=', '<=', '>=', '&&', '||', '??', '.?', '=~', '!~', '::'].includes(two) ? two : ch;
      tokens.push({ kind: 'punct', text: op, offset: i });
      i += op.length;
    }
  }
  tokens.push({ kind: 'eof', text: '', offset: text.length });
  return tokens;
}

const UNKNOWN = Symbol('unknown');
/** A string with `${…}` parts: unknown, but its shape is known. */
interface Template {
  kind: 'template';
  pattern: string;
}
interface Member {
  value: BicepValue;
  offset: number;
  end: number;
}
interface BicepObject {
  kind: 'object';
  offset: number;
  members: Map<string, Member>;
  resources: ResourceDecl[];
}
type BicepValue = string | number | boolean | null | BicepValue[] | BicepObject | Template | typeof UNKNOWN;

interface ResourceDecl {
  symbol: string;
  type: string;
  offset: number;
  body: BicepObject | undefined;
}

const OPEN: Record<string, string> = { '{': '}', '[': ']', '(': ')' };

class Reader {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(ahead = 0): Token {
    return this.tokens[Math.min(this.i + ahead, this.tokens.length - 1)]!;
  }
  private next(): Token {
    return this.tokens[Math.min(this.i++, this.tokens.length - 1)]!;
  }
  private skipNewlines(): void {
    while (this.peek().kind === 'newline') this.i++;
  }
  private expect(text: string): Token {
    const t = this.next();
    if (t.text !== text)
      throw new BicepSyntaxError(`expected \`${text}\`, found \`${t.text || 'end of file'}\``, t.offset);
    return t;
  }

  /** Skips a balanced bracket group starting at the current `(`, `[` or `{`. */
  private skipGroup(): void {
    const stack = [OPEN[this.next().text]!];
    while (stack.length > 0) {
      const t = this.next();
      if (t.kind === 'eof') throw new BicepSyntaxError(`expected \`${stack.at(-1)}\``, t.offset);
      if (t.kind === 'punct' && OPEN[t.text] !== undefined) stack.push(OPEN[t.text]!);
      else if (t.kind === 'punct' && t.text === stack.at(-1)) stack.pop();
    }
  }

  /** Skips the rest of an expression: up to a newline, `,` or closing bracket outside brackets. */
  private skipExpression(): void {
    for (;;) {
      const t = this.peek();
      if (t.kind === 'eof' || t.kind === 'newline' || (t.kind === 'punct' && [',', '}', ']', ')'].includes(t.text)))
        return;
      if (t.kind === 'punct' && OPEN[t.text] !== undefined) this.skipGroup();
      else this.i++;
    }
  }

  private decorators(): void {
    while (this.peek().text === '@') {
      this.next();
      this.next();
      if (this.peek().text === '.') {
        this.next();
        this.next();
      }
      if (this.peek().text === '(') this.skipGroup();
      this.skipNewlines();
    }
  }

  file(): ResourceDecl[] {
    const resources: ResourceDecl[] = [];
    for (;;) {
      this.skipNewlines();
      this.decorators();
      const t = this.peek();
      if (t.kind === 'eof') return resources;
      if (t.kind === 'word' && t.text === 'resource') resources.push(this.resource());
      else {
        // param, var, module, output, import, type, func, metadata, targetScope: not credentials.
        this.skipStatement();
      }
    }
  }

  private skipStatement(): void {
    for (;;) {
      const t = this.peek();
      if (t.kind === 'eof' || t.kind === 'newline') return;
      if (t.kind === 'punct' && OPEN[t.text] !== undefined) this.skipGroup();
      else this.i++;
    }
  }

  private resource(): ResourceDecl {
    const start = this.next();
    const symbol = this.next().text;
    const type = this.next();
    if (type.kind !== 'string') throw new BicepSyntaxError('expected the resource type string', type.offset);
    if (this.peek().text === 'existing') this.next();
    this.expect('=');
    let body: BicepObject | undefined;
    if (this.peek().text === 'if') {
      this.next();
      this.skipGroup();
    }
    if (this.peek().text === '[') {
      // [for item in list: { … }] or [for (item, i) in list: { … }]
      this.next();
      this.skipNewlines();
      this.expect('for');
      while (this.peek().text !== ':' && this.peek().kind !== 'eof') {
        if (OPEN[this.peek().text] !== undefined) this.skipGroup();
        else this.next();
      }
      this.expect(':');
      this.skipNewlines();
      if (this.peek().text === 'if') {
        this.next();
        this.skipGroup();
      }
      const v = this.value();
      body = typeof v === 'object' && v !== null && !Array.isArray(v) && v.kind === 'object' ? v : undefined;
      this.skipNewlines();
      this.expect(']');
    } else {
      const v = this.value();
      body = typeof v === 'object' && v !== null && !Array.isArray(v) && v.kind === 'object' ? v : undefined;
    }
    return { symbol, type: type.value!, offset: start.offset, body };
  }

  private value(): BicepValue {
    const t = this.peek();
    if (t.text === '{' && t.kind === 'punct') return this.object();
    if (t.text === '[' && t.kind === 'punct') {
      let ahead = 1;
      while (this.peek(ahead).kind === 'newline') ahead++;
      if (this.peek(ahead).text === 'for') {
        this.skipGroup();
        return UNKNOWN;
      }
      return this.array();
    }
    const after = this.peek(1);
    const ends =
      after.kind === 'newline' ||
      after.kind === 'eof' ||
      (after.kind === 'punct' && [',', '}', ']', ')'].includes(after.text));
    if (ends && t.kind === 'string') return this.next().value!;
    if (ends && t.kind === 'template') return { kind: 'template', pattern: this.next().value! };
    if (ends && t.kind === 'number') return Number(this.next().text);
    if (ends && t.kind === 'word' && ['true', 'false', 'null'].includes(t.text)) {
      const w = this.next().text;
      return w === 'null' ? null : w === 'true';
    }
    this.skipExpression();
    return UNKNOWN;
  }

  private array(): BicepValue[] | typeof UNKNOWN {
    this.expect('[');
    const items: BicepValue[] = [];
    for (;;) {
      this.skipNewlines();
      if (this.peek().text === ']') {
        this.next();
        return items.includes(UNKNOWN) ? UNKNOWN : items;
      }
      items.push(this.value());
      if (this.peek().text === ',') this.next();
      else if (this.peek().kind !== 'newline' && this.peek().text !== ']')
        throw new BicepSyntaxError(`unexpected \`${this.peek().text}\` in an array`, this.peek().offset);
    }
  }

  private object(): BicepObject {
    const open = this.expect('{');
    const obj: BicepObject = { kind: 'object', offset: open.offset, members: new Map(), resources: [] };
    for (;;) {
      this.skipNewlines();
      this.decorators();
      const t = this.peek();
      if (t.text === '}') {
        this.next();
        return obj;
      }
      if (t.kind === 'word' && t.text === 'resource' && this.peek(1).kind === 'word') {
        obj.resources.push(this.resource());
        continue;
      }
      if (t.kind !== 'word' && t.kind !== 'string')
        throw new BicepSyntaxError(`expected a property name, found \`${t.text || 'end of file'}\``, t.offset);
      const key = this.next();
      this.expect(':');
      this.skipNewlines();
      const valueStart = this.peek().offset;
      const value = this.value();
      obj.members.set(key.kind === 'string' ? key.value! : key.text, {
        value,
        offset: valueStart,
        end: this.peek().offset,
      });
      if (this.peek().text === ',') this.next();
    }
  }
}

const FIC_TYPE = 'microsoft.managedidentity/userassignedidentities/federatedidentitycredentials';
const FIELDS: readonly FicField[] = ['issuer', 'subject', 'audiences', 'description', 'claimsMatchingExpression'];

function plain(value: BicepValue): unknown {
  if (value === UNKNOWN) return UNKNOWN;
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === 'object' && value !== null && value.kind === 'template') return UNKNOWN;
  if (typeof value === 'object' && value !== null) {
    const entries = [...value.members].map(([k, m]) => [k, plain(m.value)] as const);
    return entries.some(([, v]) => v === UNKNOWN) ? UNKNOWN : Object.fromEntries(entries);
  }
  return value;
}

export function ficsFromBicep(file: string, text: string): SourceResult {
  let declarations: ResourceDecl[];
  try {
    declarations = new Reader(tokenize(text)).file();
  } catch (error) {
    if (!(error instanceof BicepSyntaxError)) throw error;
    return { records: [], problems: [{ file, offset: error.offset, message: `not valid Bicep: ${error.message}` }] };
  }
  const records: LocatedFic[] = [];
  const visit = (decl: ResourceDecl, parent: { type: string; symbol: string } | undefined) => {
    const bare = decl.type.split('@')[0]!;
    const type = (parent !== undefined && !bare.includes('/') ? `${parent.type}/${bare}` : bare).toLowerCase();
    if (type === FIC_TYPE && decl.body !== undefined)
      records.push(recordOf(decl, parent?.symbol, decl.body, file, text));
    for (const child of decl.body?.resources ?? []) visit(child, { type, symbol: decl.symbol });
  };
  for (const decl of declarations) visit(decl, undefined);
  return { records, problems: [] };
}

function recordOf(
  decl: ResourceDecl,
  parentSymbol: string | undefined,
  body: BicepObject,
  file: string,
  text: string,
): LocatedFic {
  const record: Record<string, unknown> = {};
  const dynamic = new Set<FicField>();
  const fields: LocatedFic['fields'] = {};
  const name = body.members.get('name');
  const parentRef = body.members.get('parent');
  if (name !== undefined) {
    fields.name = name.offset;
    // Without `parent:` or nesting, the name is `identity/credential`.
    if (typeof name.value === 'string')
      record.name = parentSymbol === undefined && parentRef === undefined ? name.value.split('/').pop() : name.value;
    else dynamic.add('name');
  }
  const properties = body.members.get('properties');
  const props =
    typeof properties?.value === 'object' &&
    properties.value !== null &&
    !Array.isArray(properties.value) &&
    properties.value.kind === 'object'
      ? properties.value
      : undefined;
  const patterns: LocatedFic['patterns'] = {};
  if (properties !== undefined && props === undefined) for (const f of FIELDS) dynamic.add(f);
  for (const field of FIELDS) {
    const member = props?.members.get(field);
    if (member === undefined) continue;
    fields[field] = member.offset;
    const value = plain(member.value);
    if (
      typeof member.value === 'object' &&
      member.value !== null &&
      !Array.isArray(member.value) &&
      member.value.kind === 'template'
    )
      patterns[field] = member.value.pattern;
    if (value === UNKNOWN) dynamic.add(field);
    else record[field] = value;
  }
  const group =
    parentSymbol ??
    (parentRef !== undefined
      ? text.slice(parentRef.offset, parentRef.end).trim()
      : typeof name?.value === 'string'
        ? name.value.split('/').slice(0, -1).join('/')
        : decl.symbol);
  return {
    file,
    kind: 'bicep',
    record,
    dynamic: dynamic.size === 0 ? NO_FIELDS : dynamic,
    ...(Object.keys(patterns).length === 0 ? {} : { patterns }),
    offset: decl.offset,
    fields,
    group: `bicep:${file}:${group}`,
    objectType: 'userAssignedIdentity',
  };
}
