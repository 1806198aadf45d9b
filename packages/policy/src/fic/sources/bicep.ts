/**
 * Bicep sources: `resource x 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@…'`
 * declarations, with `parent:` or nested inside the identity's body (`resource x 'federatedIdentityCredentials' = {…}`),
 * conditions (`= if (…) {…}`) and loops (`= [for … : {…}]`). No Bicep parser runs on Node, so this is a
 * small reader of Bicep's declaration and literal syntax: strings, numbers, objects and arrays are
 * values; every other expression is unknown and not checked.
 */
import type { FicField } from '../check.js';
import { NO_FIELDS, shared, type LocatedFic, type SourceResult } from './located.js';

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

const DIGITS = /[0-9]+(?:\.[0-9]+)?/y;
const WORD = /[A-Za-z_][A-Za-z0-9_]*/y;
const OPERATORS = new Set(['==', '!=', '<=', '>=', '&&', '||', '??', '.?', '=~', '!~', '::']);

/** Bicep's tokens, one at a time: nothing of the file is held but the token being read. */
class Lexer {
  private i = 0;
  constructor(private readonly text: string) {}

  /** The next token; `eof` at the end, and again after it. */
  next(): Token {
    const text = this.text;
    for (;;) {
      const i = this.i;
      if (i >= text.length) return { kind: 'eof', text: '', offset: text.length };
      const ch = text[i]!;
      if (ch === '\n') {
        this.i++;
        return { kind: 'newline', text: ch, offset: i };
      }
      if (ch === ' ' || ch === '\t' || ch === '\r') this.i++;
      else if (text.startsWith('//', i)) {
        const end = text.indexOf('\n', i);
        this.i = end === -1 ? text.length : end;
      } else if (text.startsWith('/*', i)) {
        const end = text.indexOf('*/', i + 2);
        if (end === -1) throw new BicepSyntaxError('unterminated comment', i);
        this.i = end + 2;
      } else if (text.startsWith("'''", i)) {
        const end = text.indexOf("'''", i + 3);
        if (end === -1) throw new BicepSyntaxError('unterminated multi-line string', i);
        this.i = end + 3;
        return {
          kind: 'string',
          text: text.slice(i, end + 3),
          value: text.slice(i + 3, end).replace(/^\r?\n/, ''),
          offset: i,
        };
      } else if (ch === "'") return this.string(i);
      else if (ch >= '0' && ch <= '9') return this.sticky(DIGITS, 'number', i);
      else if ((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || ch === '_') return this.sticky(WORD, 'word', i);
      else {
        const two = text.slice(i, i + 2);
        const op = OPERATORS.has(two) ? two : ch;
        this.i += op.length;
        return { kind: 'punct', text: op, offset: i };
      }
    }
  }

  /** The error the rest of the text holds, if any, read to its end. */
  error(): BicepSyntaxError | undefined {
    try {
      while (this.next().kind !== 'eof');
    } catch (error) {
      if (error instanceof BicepSyntaxError) return error;
      throw error;
    }
    return undefined;
  }

  private sticky(pattern: RegExp, kind: 'number' | 'word', i: number): Token {
    pattern.lastIndex = i;
    const match = pattern.exec(this.text)![0];
    this.i = i + match.length;
    return { kind, text: match, offset: i };
  }

  /** A quoted string from `i`: its value is sliced from the text in runs, not built a character at a time. */
  private string(i: number): Token {
    const text = this.text;
    let value = '';
    let interpolated = false;
    let j = i + 1;
    let run = j;
    for (;;) {
      const c = text[j];
      if (c === undefined || c === '\n') throw new BicepSyntaxError('unterminated string', i);
      if (c === "'") break;
      if (c === '\\') {
        value += text.slice(run, j) + (ESCAPES[text[j + 1] ?? ''] ?? text[j + 1] ?? '');
        j += 2;
        run = j;
      } else if (c === '$' && text[j + 1] === '{') {
        interpolated = true;
        value += `${text.slice(run, j)}*`;
        let depth = 0;
        for (j += 1; j < text.length; j++) {
          if (text[j] === '{') depth++;
          else if (text[j] === '}' && --depth === 0) break;
        }
        j++;
        run = j;
      } else j++;
    }
    value += text.slice(run, j);
    this.i = j + 1;
    return { kind: interpolated ? 'template' : 'string', text: text.slice(i, j + 1), value, offset: i };
  }
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
  /** Tokens read ahead of the current one, from `start`. */
  private ahead: Token[] = [];
  private start = 0;
  constructor(private readonly lexer: Lexer) {}

  private peek(ahead = 0): Token {
    while (this.ahead.length - this.start <= ahead) this.ahead.push(this.lexer.next());
    return this.ahead[this.start + ahead]!;
  }
  private next(): Token {
    const t = this.peek();
    // Drop consumed tokens once they are most of the buffer, so that reading on costs O(1) a token.
    if (++this.start > 64 && this.start * 2 > this.ahead.length) {
      this.ahead = this.ahead.slice(this.start);
      this.start = 0;
    }
    return t;
  }
  private skipNewlines(): void {
    while (this.peek().kind === 'newline') this.next();
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
      else this.next();
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

  /** Reads the file, handing over each top-level resource as it ends. */
  file(onResource: (decl: ResourceDecl) => void): void {
    for (;;) {
      this.skipNewlines();
      this.decorators();
      const t = this.peek();
      if (t.kind === 'eof') return;
      if (t.kind === 'word' && t.text === 'resource') onResource(this.resource());
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
      else this.next();
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
  const records: LocatedFic[] = [];
  const visit = (decl: ResourceDecl, parent: { type: string; symbol: string } | undefined) => {
    const bare = decl.type.split('@')[0]!;
    const type = (parent !== undefined && !bare.includes('/') ? `${parent.type}/${bare}` : bare).toLowerCase();
    if (type === FIC_TYPE && decl.body !== undefined)
      records.push(recordOf(decl, parent?.symbol, decl.body, file, text, records.at(-1)));
    for (const child of decl.body?.resources ?? []) visit(child, { type, symbol: decl.symbol });
  };
  const lexer = new Lexer(text);
  try {
    new Reader(lexer).file((decl) => visit(decl, undefined));
  } catch (error) {
    if (!(error instanceof BicepSyntaxError)) throw error;
    // A token that never ends (a string, a comment) is the error wherever it is, as when tokens came first.
    const first = lexer.error() ?? error;
    return { records: [], problems: [{ file, offset: first.offset, message: `not valid Bicep: ${first.message}` }] };
  }
  return { records, problems: [] };
}

function recordOf(
  decl: ResourceDecl,
  parentSymbol: string | undefined,
  body: BicepObject,
  file: string,
  text: string,
  previous: LocatedFic | undefined,
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
    else record[field] = shared(value, previous?.record[field]);
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
