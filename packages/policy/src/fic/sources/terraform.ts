/**
 * Terraform sources, parsed by tree-sitter-hcl (its Terraform grammar, in WebAssembly):
 * `azuread_application_federated_identity_credential`, `azurerm_federated_identity_credential` and
 * `azapi_resource` blocks of type `Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials`.
 * Only literal values are checked; anything computed (`var.x`, `"${…}"`, function calls) counts as unknown.
 */
import { dirname } from 'node:path';
import { Language, Parser, type Node, type Tree } from 'web-tree-sitter';
import type { FicField, FicObjectType } from '../check.js';
import { hclWasm } from './hcl-wasm.js';
import {
  NO_FIELDS,
  READ_RUN_CHARS,
  shared,
  SourceReaderFailure,
  type LocatedFic,
  type SourceResult,
} from './located.js';

interface ResourceShape {
  objectType: FicObjectType;
  /** Terraform attribute → record field. */
  fields: Readonly<Record<string, FicField>>;
  /** The attribute that names the owning application or identity. */
  parent: readonly string[];
}

const RESOURCES: Readonly<Record<string, ResourceShape>> = {
  azuread_application_federated_identity_credential: {
    objectType: 'application',
    fields: {
      display_name: 'name',
      issuer: 'issuer',
      subject: 'subject',
      audiences: 'audiences',
      description: 'description',
    },
    parent: ['application_id', 'application_object_id'],
  },
  azurerm_federated_identity_credential: {
    objectType: 'userAssignedIdentity',
    fields: { name: 'name', issuer: 'issuer', subject: 'subject', audience: 'audiences' },
    parent: ['parent_id'],
  },
};
const AZAPI_FIC_TYPE = /^microsoft\.managedidentity\/userassignedidentities\/federatedidentitycredentials@/i;
const AZAPI_FIELDS: Readonly<Record<string, FicField>> = {
  issuer: 'issuer',
  subject: 'subject',
  audiences: 'audiences',
  claimsMatchingExpression: 'claimsMatchingExpression',
};

/** What a value is when the file alone cannot say. */
const DYNAMIC = Symbol('dynamic');
type Value = string | number | boolean | null | Value[] | { [key: string]: Value } | typeof DYNAMIC;

let parser: Promise<Parser> | undefined;

async function createParser(): Promise<Parser> {
  const { runtime, grammar } = await hclWasm();
  // The runtime would print its abort message itself; it reaches the user as that file's error instead.
  await Parser.init({ wasmBinary: runtime, printErr: () => undefined });
  const p = new Parser();
  p.setLanguage(await Language.load(grammar));
  return p;
}

function unescape(raw: string): string {
  return raw
    .replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/g, (_, e: string) =>
      e.length > 1
        ? String.fromCodePoint(parseInt(e.slice(1), 16))
        : (({ n: '\n', r: '\r', t: '\t' } as Record<string, string>)[e] ?? e),
    )
    .replace(/\$\$\{/g, '${')
    .replace(/%%\{/g, '%{');
}

function evaluate(node: Node | null): Value {
  if (node === null) return DYNAMIC;
  switch (node.type) {
    case 'expression':
    case 'literal_value':
    case 'collection_value':
      return node.namedChildren.length === 1 ? evaluate(node.namedChildren[0]!) : DYNAMIC;
    case 'string_lit': {
      const parts = node.namedChildren.filter(
        (c) => c.type !== 'quoted_template_start' && c.type !== 'quoted_template_end',
      );
      return parts.every((c) => c.type === 'template_literal') ? unescape(parts.map((c) => c.text).join('')) : DYNAMIC;
    }
    case 'numeric_lit':
      return Number(node.text);
    case 'bool_lit':
      return node.text === 'true';
    case 'null_lit':
      return null;
    case 'tuple': {
      const items = node.namedChildren.filter((c) => c.type === 'expression').map(evaluate);
      return items.includes(DYNAMIC) ? DYNAMIC : items;
    }
    case 'object': {
      const out: Record<string, Value> = {};
      for (const elem of node.namedChildren.filter((c) => c.type === 'object_elem')) {
        const key = elem.childForFieldName('key');
        const name = key?.text.replace(/^"|"$/g, '');
        if (name === undefined) return DYNAMIC;
        out[name] = evaluate(elem.childForFieldName('val'));
      }
      return out;
    }
    default:
      return DYNAMIC;
  }
}

/** The shape of a string template (`"repo:org/app:environment:${var.env}"`), `*` for each computed part. */
function pattern(node: Node): string | undefined {
  const inner =
    node.type === 'expression' || node.type === 'template_expr' || node.type === 'literal_value'
      ? node.namedChildren[0]
      : node;
  if (inner === undefined) return undefined;
  if (inner.type !== 'quoted_template' && inner.type !== 'string_lit')
    return inner.type === 'template_expr' || inner.type === 'literal_value' ? pattern(inner) : undefined;
  return inner.namedChildren
    .filter((c) => c.type !== 'quoted_template_start' && c.type !== 'quoted_template_end')
    .map((c) => (c.type === 'template_literal' ? unescape(c.text) : '*'))
    .join('');
}

interface Block {
  node: Node;
  labels: string[];
  attributes: Map<string, Node>;
}

function blockOf(node: Node): Block {
  const labels = node.namedChildren
    .filter((c) => c.type === 'string_lit')
    .map((c) =>
      c.namedChildren
        .filter((p) => p.type === 'template_literal')
        .map((p) => p.text)
        .join(''),
    );
  const attributes = new Map<string, Node>();
  const body = node.namedChildren.find((c) => c.type === 'body');
  for (const attr of body?.namedChildren ?? []) {
    if (attr.type !== 'attribute') continue;
    const name = attr.namedChildren.find((c) => c.type === 'identifier')?.text;
    const value = attr.namedChildren.find((c) => c.type === 'expression');
    if (name !== undefined && value !== undefined) attributes.set(name, value);
  }
  return { node, labels, attributes };
}

function firstError(node: Node): Node | undefined {
  if (node.type === 'ERROR' || node.isMissing) return node;
  if (!node.hasError) return undefined;
  for (const child of node.children) {
    const found = firstError(child);
    if (found !== undefined) return found;
  }
  return undefined;
}

async function parse(text: string): Promise<Tree | null> {
  parser ??= createParser();
  try {
    return (await parser).parse(text);
  } catch {
    // An aborted WebAssembly instance cannot be used again: the next file gets a new one.
    parser = undefined;
    throw new SourceReaderFailure('the HCL parser aborted on it (too large or too complex for its WebAssembly memory)');
  }
}

/** A heredoc opener (`<<EOT`, `<<-EOT`), matched sticky at the `<<` found. */
const HEREDOC = /<<-?([A-Za-z_][A-Za-z0-9_-]*)\r?\n/y;

/**
 * Where `text` can be cut into runs of top-level blocks of about `size` characters: after a newline
 * outside any bracket, string, heredoc or comment. Undefined when a bracket or string does not close
 * as this light scan expects; the file is then parsed whole.
 */
export function topLevelChunks(text: string, size: number): number[] | undefined {
  const cuts: number[] = [];
  let depth = 0;
  let last = 0;
  // Inside a string, the depths of the `${`/`%{` interpolations it opened, innermost last.
  const strings: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (strings.length > 0 && strings.at(-1) === depth) {
      // In a string's literal part.
      if (c === '\\') i++;
      else if (c === '"') strings.pop();
      else if ((c === '$' || c === '%') && text[i + 1] === '{') {
        if (text[i - 1] === c) continue;
        depth++;
        i++;
      } else if (c === '\n') return undefined;
    } else if (c === '"') strings.push(depth);
    else if (c === '#' || (c === '/' && text[i + 1] === '/')) {
      const end = text.indexOf('\n', i);
      i = (end === -1 ? text.length : end) - 1;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end === -1) return undefined;
      i = end + 1;
    } else if (c === '<' && text[i + 1] === '<') {
      HEREDOC.lastIndex = i;
      const m = HEREDOC.exec(text);
      if (m === null) continue;
      let line = HEREDOC.lastIndex;
      for (;;) {
        const end = text.indexOf('\n', line);
        if (end === -1) return undefined;
        if (text.slice(line, end).trim() === m[1]) break;
        line = end + 1;
      }
      i = line - 1;
    } else if (c === '{' || c === '[' || c === '(') depth++;
    else if (c === '}' || c === ']' || c === ')') {
      if (--depth < 0) return undefined;
    } else if (c === '\n' && depth === 0 && i + 1 - last >= size) cuts.push((last = i + 1));
  }
  return depth === 0 && strings.length === 0 ? cuts : undefined;
}

export async function ficsFromTerraform(file: string, text: string): Promise<SourceResult> {
  const cuts = text.length > READ_RUN_CHARS ? topLevelChunks(text, READ_RUN_CHARS) : undefined;
  if (cuts !== undefined) {
    // Blocks are read alike alone or in their file; a run with a syntax error sends the file to the whole parse.
    const records: LocatedFic[] = [];
    let clean = true;
    for (let k = 0; clean && k <= cuts.length; k++) {
      const start = k === 0 ? 0 : cuts[k - 1]!;
      const tree = await parse(text.slice(start, k === cuts.length ? text.length : cuts[k]));
      if (tree === null) clean = false;
      else
        try {
          clean = !tree.rootNode.hasError;
          if (clean) readBlocks(tree.rootNode, file, start, records);
        } finally {
          tree.delete();
        }
    }
    if (clean) return { records, problems: [] };
  }
  const tree = await parse(text);
  if (tree === null) return { records: [], problems: [{ file, offset: 0, message: 'the HCL parser gave no tree' }] };
  try {
    const records: LocatedFic[] = [];
    const error = firstError(tree.rootNode);
    const problems =
      error === undefined
        ? []
        : [{ file, offset: error.startIndex, message: `not valid HCL near \`${error.text.slice(0, 40)}\`` }];
    readBlocks(tree.rootNode, file, 0, records);
    return { records, problems };
  } finally {
    tree.delete();
  }
}

/** The credentials among the resource blocks of a parsed text that starts at offset `base` of the file. */
function readBlocks(root: Node, file: string, base: number, records: LocatedFic[]): void {
  const body = root.namedChildren.find((c) => c.type === 'body');
  for (const node of body?.namedChildren ?? []) {
    // A block with a syntax error is reported once, as the problem, not as missing fields.
    if (node.type !== 'block' || node.namedChildren[0]?.text !== 'resource' || node.hasError) continue;
    const block = blockOf(node);
    const [type = '', name = ''] = block.labels;
    const shape = RESOURCES[type];
    const azapiType = type === 'azapi_resource' ? evaluate(block.attributes.get('type') ?? null) : undefined;
    let fields: [string, FicField, Node][];
    let parentAttr: readonly string[];
    let objectType: FicObjectType;
    if (shape !== undefined) {
      fields = [...block.attributes].filter(([k]) => k in shape.fields).map(([k, v]) => [k, shape.fields[k]!, v]);
      parentAttr = shape.parent;
      objectType = shape.objectType;
    } else if (typeof azapiType === 'string' && AZAPI_FIC_TYPE.test(azapiType)) {
      fields = azapiProperties(block);
      if (block.attributes.has('name')) fields.push(['name', 'name', block.attributes.get('name')!]);
      parentAttr = ['parent_id'];
      objectType = 'userAssignedIdentity';
    } else continue;
    const previous = records.at(-1);
    const record: Record<string, unknown> = {};
    const dynamic = new Set<FicField>();
    const positions: LocatedFic['fields'] = {};
    const patterns: LocatedFic['patterns'] = {};
    for (const [, field, value] of fields) {
      const v = evaluate(value);
      positions[field] = base + value.startIndex;
      if (v !== DYNAMIC) record[field] = shared(v, previous?.record[field]);
      else {
        dynamic.add(field);
        const shape = pattern(value);
        if (shape !== undefined) patterns[field] = shape;
      }
    }
    if (block.attributes.has('count') || block.attributes.has('for_each'))
      for (const f of Object.values(shape?.fields ?? AZAPI_FIELDS)) if (!(f in record)) dynamic.add(f);
    const parent =
      parentAttr.map((a) => block.attributes.get(a)?.text).find((t) => t !== undefined) ?? `${type}.${name}`;
    // A Terraform module is a directory: references such as `azuread_application.app.id` are scoped to it.
    records.push({
      file,
      kind: 'terraform',
      record,
      dynamic: dynamic.size === 0 ? NO_FIELDS : dynamic,
      ...(Object.keys(patterns).length === 0 ? {} : { patterns }),
      offset: base + node.startIndex,
      fields: positions,
      group: `terraform:${dirname(file)}:${parent}`,
      objectType,
    });
  }
}

/** `body = { properties = { issuer = …, … } }` of an azapi_resource, with each property's value node. */
function azapiProperties(block: Block): [string, FicField, Node][] {
  const body = block.attributes.get('body');
  const object = body?.namedChildren[0]?.namedChildren[0];
  if (object?.type !== 'object') return [];
  const properties = object.namedChildren.find(
    (e) => e.type === 'object_elem' && e.childForFieldName('key')?.text.replace(/^"|"$/g, '') === 'properties',
  );
  const inner = properties?.childForFieldName('val')?.namedChildren[0]?.namedChildren[0];
  if (inner?.type !== 'object') return [];
  const out: [string, FicField, Node][] = [];
  for (const elem of inner.namedChildren.filter((e) => e.type === 'object_elem')) {
    const key = elem.childForFieldName('key')?.text.replace(/^"|"$/g, '') ?? '';
    const val = elem.childForFieldName('val');
    if (key in AZAPI_FIELDS && val !== null) out.push([key, AZAPI_FIELDS[key]!, val]);
  }
  return out;
}
