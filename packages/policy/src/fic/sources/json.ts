/**
 * JSON sources: Graph records (one, an array, or `{ value: [...] }`), `az ad app federated-credential
 * create --parameters` files, the `federatedIdentityCredentials` of a check-token context, and ARM
 * templates (`Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials`, nested
 * resources and nested deployments included). Comments and trailing commas are accepted, as ARM does.
 */
import { printParseErrorCode, visit, type ParseErrorCode } from 'jsonc-parser';
import type { FicField, FicObjectType } from '../check.js';
import { mentionsFederatedCredentials, NO_FIELDS, shared, type LocatedFic, type SourceResult } from './located.js';

const FIC_TYPE = 'microsoft.managedidentity/userassignedidentities/federatedidentitycredentials';
const DEPLOYMENT_TYPE = 'microsoft.resources/deployments';
const FIELDS: readonly FicField[] = [
  'name',
  'issuer',
  'subject',
  'audiences',
  'description',
  'claimsMatchingExpression',
];
/** The keys read below to find records, besides the fields; values under any other key are never kept. */
const STRUCTURE = new Set([
  'resources',
  '$schema',
  'contentVersion',
  'value',
  'federatedIdentityCredentials',
  'type',
  'properties',
  'template',
]);

/**
 * A value the reader keeps: where it starts and what is read of it. A field's value is kept whole,
 * as plain data, in `value`; other objects keep only the keys in `STRUCTURE`, first one of a name.
 */
interface Kept {
  type: 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null';
  offset: number;
  value?: unknown;
  entries?: [string, Kept][];
  items?: Kept[];
}

interface Reader {
  file: string;
  /** The offset of `node` in the file's text. */
  at(node: Kept): number;
  records: LocatedFic[];
}

function prop(node: Kept | undefined, key: string): Kept | undefined {
  return node?.type === 'object' ? node.entries?.find(([k]) => k === key)?.[1] : undefined;
}

function looksLikeRecord(node: Kept): boolean {
  return (
    prop(node, 'issuer') !== undefined &&
    ['subject', 'audiences', 'claimsMatchingExpression'].some((k) => prop(node, k) !== undefined)
  );
}

/** ARM template expressions are strings in brackets (`[parameters('x')]`); `[[` escapes a literal bracket. */
function isArmExpression(value: unknown): boolean {
  return typeof value === 'string' && value.startsWith('[') && !value.startsWith('[[') && value.endsWith(']');
}

function containsArmExpression(value: unknown): boolean {
  return isArmExpression(value) || (Array.isArray(value) && value.some(containsArmExpression));
}

function addRecord(
  r: Reader,
  at: Kept,
  fieldsNode: Kept,
  extra: { name?: Kept | string; group: string; objectType?: FicObjectType; kind: LocatedFic['kind'] },
): void {
  const record: Record<string, unknown> = {};
  const dynamic = new Set<FicField>();
  const fields: LocatedFic['fields'] = {};
  for (const field of FIELDS) {
    const node = field === 'name' && extra.name !== undefined ? extra.name : prop(fieldsNode, field);
    if (node === undefined) continue;
    const value = typeof node === 'string' ? node : node.value;
    if (typeof node !== 'string') fields[field] = r.at(node);
    if (extra.kind === 'arm' && containsArmExpression(value)) dynamic.add(field);
    else record[field] = shared(value, r.records.at(-1)?.record[field]);
  }
  r.records.push({
    file: r.file,
    kind: extra.kind,
    record,
    dynamic: dynamic.size === 0 ? NO_FIELDS : dynamic,
    offset: r.at(at),
    fields,
    group: extra.group,
    objectType: extra.objectType,
  });
}

function armResources(
  r: Reader,
  resources: Kept | undefined,
  parent: { type: string; name: string } | undefined,
): void {
  const list =
    resources?.type === 'array'
      ? resources.items
      : resources?.type === 'object'
        ? resources.entries?.map(([, value]) => value)
        : undefined;
  for (const resource of list ?? []) {
    const type = prop(resource, 'type')?.value;
    const nameNode = prop(resource, 'name');
    const name = typeof nameNode?.value === 'string' ? nameNode.value : '';
    if (typeof type !== 'string') continue;
    const fullType = (parent !== undefined && !type.includes('/') ? `${parent.type}/${type}` : type).toLowerCase();
    if (fullType === FIC_TYPE) {
      const properties = prop(resource, 'properties');
      if (properties === undefined) continue;
      // `uami/fic` at the top level; a nested resource's name is its own segment.
      const nested = parent !== undefined && !type.includes('/');
      const group = nested ? parent.name : isArmExpression(name) ? name : name.split('/').slice(0, -1).join('/');
      const ficName = isArmExpression(name) ? name : name.split('/').pop()!;
      addRecord(r, resource, properties, {
        name: ficName,
        group: `arm:${group}`,
        objectType: 'userAssignedIdentity',
        kind: 'arm',
      });
      if (nameNode !== undefined) r.records.at(-1)!.fields.name = r.at(nameNode);
    }
    if (fullType === DEPLOYMENT_TYPE)
      armResources(r, prop(prop(prop(resource, 'properties'), 'template'), 'resources'), undefined);
    armResources(r, prop(resource, 'resources'), { type: fullType, name });
  }
}

function isArmTemplate(root: Kept): boolean {
  const schema = prop(root, '$schema')?.value;
  return (
    prop(root, 'resources') !== undefined &&
    ((typeof schema === 'string' && /deploymentTemplate/i.test(schema)) || prop(root, 'contentVersion') !== undefined)
  );
}

/** An ARM resource as the ARM API returns it (`{ type, name, properties: { issuer, … } }`), or a Graph record. */
function recordOrResource(r: Reader, node: Kept, group: string): void {
  const type = prop(node, 'type')?.value;
  const properties = prop(node, 'properties');
  if (typeof type === 'string' && type.toLowerCase() === FIC_TYPE && properties !== undefined) {
    const name = prop(node, 'name');
    addRecord(r, node, properties, {
      name: typeof name?.value === 'string' ? name.value.split('/').pop()! : undefined,
      group,
      objectType: 'userAssignedIdentity',
      kind: 'json',
    });
    if (name !== undefined) r.records.at(-1)!.fields.name = r.at(name);
  } else if (looksLikeRecord(node)) {
    addRecord(r, node, node, { group, kind: 'json' });
  }
}

/** The first syntax error, which ends the reading, as jsonc-parser reports it. */
class JsonSyntaxError extends Error {
  constructor(
    readonly error: ParseErrorCode,
    readonly offset: number,
  ) {
    super(printParseErrorCode(error));
  }
}

/** An object or array being read. */
interface Frame {
  node: Kept;
  /** Inside a field's value: everything is kept, as plain data. */
  full: boolean;
  plain: unknown[];
  /** In an object, the key of the value that comes next. */
  key: string;
  /** What becomes of the value that comes next. */
  next: 'skip' | 'struct' | 'full';
  /** A `resources` object: each property is a resource, whatever its key. */
  allKeys: boolean;
  /** Items handed over as each one ends instead of kept. */
  onItem?: (item: Kept) => void;
}

const literalType = (value: unknown): Kept['type'] =>
  value === null ? 'null' : (typeof value as 'string' | 'number' | 'boolean');

/**
 * Reads `text` in one pass and keeps only what the record search reads (see `Kept`). Items of a
 * top-level array, and of the first top-level `value` and `federatedIdentityCredentials` arrays, go
 * to `onItem` as each ends and are not kept, so a long list costs one item at a time.
 */
function readKept(
  text: string,
  onItem: (list: 'root' | 'value' | 'federatedIdentityCredentials', item: Kept) => void,
): Kept | undefined {
  const stack: Frame[] = [];
  let root: Kept | undefined;
  let skipped = 0;
  const deliver = (node: Kept) => {
    const parent = stack.at(-1);
    if (parent === undefined) root = node;
    else if (parent.full) parent.plain.push(parent.node.type === 'object' ? [parent.key, node.value] : node.value);
    else if (parent.node.type === 'object') parent.node.entries!.push([parent.key, node]);
    else if (parent.onItem !== undefined) parent.onItem(node);
    else parent.node.items!.push(node);
  };
  const begin = (type: 'object' | 'array', offset: number) => {
    const parent = stack.at(-1);
    if (skipped > 0 || parent?.next === 'skip') {
      skipped++;
      return;
    }
    const full = parent?.next === 'full';
    const node: Kept = { type, offset };
    if (!full) node[type === 'object' ? 'entries' : 'items'] = [];
    const frame: Frame = {
      node,
      full,
      plain: [],
      key: '',
      next: full ? 'full' : 'struct',
      allKeys: type === 'object' && parent?.node.type === 'object' && parent.key === 'resources',
    };
    if (type === 'array' && parent === undefined) frame.onItem = (item) => onItem('root', item);
    else if (type === 'array' && stack.length === 1 && parent!.node.type === 'object') {
      const key = parent!.key;
      if (key === 'value' || key === 'federatedIdentityCredentials') frame.onItem = (item) => onItem(key, item);
    }
    stack.push(frame);
  };
  const end = () => {
    if (skipped > 0) {
      skipped--;
      return;
    }
    const { node, full, plain } = stack.pop()!;
    // A copy of an array sized to its items: the one grown by push keeps spare room.
    if (full) node.value = node.type === 'object' ? Object.fromEntries(plain as [string, unknown][]) : plain.slice();
    deliver(node);
  };
  visit(
    text,
    {
      onObjectBegin: (offset) => begin('object', offset),
      onArrayBegin: (offset) => begin('array', offset),
      onObjectEnd: end,
      onArrayEnd: end,
      onObjectProperty: (key) => {
        const frame = stack.at(-1);
        if (skipped > 0 || frame === undefined) return;
        frame.key = key;
        // The search reads the first property of a name (a field's value is read as a whole).
        const first = () => !frame.node.entries!.some(([k]) => k === key);
        frame.next = frame.full
          ? 'full'
          : frame.allKeys
            ? 'struct'
            : (FIELDS as readonly string[]).includes(key)
              ? first()
                ? 'full'
                : 'skip'
              : STRUCTURE.has(key) && first()
                ? 'struct'
                : 'skip';
      },
      onLiteralValue: (value: unknown, offset) => {
        if (skipped === 0 && stack.at(-1)?.next !== 'skip') deliver({ type: literalType(value), offset, value });
      },
      onError: (error, offset) => {
        throw new JsonSyntaxError(error, offset);
      },
    },
    { allowTrailingComma: true, disallowComments: false },
  );
  return root;
}

export function ficsFromJson(file: string, source: string): SourceResult {
  // A UTF-8 BOM, as Windows editors write it, is no JSON.
  const bom = source.charCodeAt(0) === 0xfeff ? 1 : 0;
  const text = bom === 1 ? source.slice(1) : source;
  const group = `json:${file}`;
  const r: Reader = { file, at: (node) => node.offset + bom, records: [] };
  const lists = { value: { ...r, records: [] }, federatedIdentityCredentials: { ...r, records: [] } };
  let root: Kept | undefined;
  try {
    root = readKept(text, (list, item) => recordOrResource(list === 'root' ? r : lists[list], item, group));
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    if (!mentionsFederatedCredentials(text)) return { records: [], problems: [] };
    return {
      records: [],
      problems: [{ file, offset: error.offset + bom, message: `not valid JSON: ${error.message}` }],
    };
  }
  if (root !== undefined && root.type !== 'array') {
    if (isArmTemplate(root)) armResources(r, prop(root, 'resources'), undefined);
    else {
      const key = prop(root, 'value') !== undefined ? 'value' : 'federatedIdentityCredentials';
      if (prop(root, key)?.type === 'array') return { records: lists[key].records, problems: [] };
      recordOrResource(r, root, group);
    }
  }
  return { records: r.records, problems: [] };
}
