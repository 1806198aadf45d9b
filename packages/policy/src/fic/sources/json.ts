/**
 * JSON sources: Graph records (one, an array, or `{ value: [...] }`), `az ad app federated-credential
 * create --parameters` files, the `federatedIdentityCredentials` of a check-token context, and ARM
 * templates (`Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials`, nested
 * resources and nested deployments included). Comments and trailing commas are accepted, as ARM does.
 */
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { FicField, FicObjectType } from '../check.js';
import {
  lineStarts,
  mentionsFederatedCredentials,
  positionAt,
  type LocatedFic,
  type Position,
  type SourceResult,
} from './located.js';

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

interface Reader {
  file: string;
  at(node: Node): Position;
  records: LocatedFic[];
}

function prop(node: Node | undefined, key: string): Node | undefined {
  return node?.type === 'object' ? findNodeAtLocation(node, [key]) : undefined;
}

function plain(node: Node): unknown {
  switch (node.type) {
    case 'object':
      return Object.fromEntries(
        (node.children ?? []).map((p) => [p.children![0]!.value as string, plain(p.children![1]!)]),
      );
    case 'array':
      return (node.children ?? []).map(plain);
    default:
      return node.value;
  }
}

function looksLikeRecord(node: Node): boolean {
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
  at: Node,
  fieldsNode: Node,
  extra: { name?: Node | string; group: string; objectType?: FicObjectType; kind: LocatedFic['kind'] },
): void {
  const record: Record<string, unknown> = {};
  const dynamic = new Set<FicField>();
  const fields: LocatedFic['fields'] = {};
  for (const field of FIELDS) {
    const node = field === 'name' && extra.name !== undefined ? extra.name : prop(fieldsNode, field);
    if (node === undefined) continue;
    const value = typeof node === 'string' ? node : plain(node);
    if (typeof node !== 'string') fields[field] = r.at(node);
    if (extra.kind === 'arm' && containsArmExpression(value)) dynamic.add(field);
    else record[field] = value;
  }
  r.records.push({
    file: r.file,
    kind: extra.kind,
    record,
    dynamic,
    at: r.at(at),
    fields,
    group: extra.group,
    objectType: extra.objectType,
  });
}

function armResources(
  r: Reader,
  resources: Node | undefined,
  parent: { type: string; name: string } | undefined,
): void {
  const list =
    resources?.type === 'array'
      ? resources.children
      : resources?.type === 'object'
        ? resources.children?.map((p) => p.children![1]!)
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

function isArmTemplate(root: Node): boolean {
  const schema = prop(root, '$schema')?.value;
  return (
    prop(root, 'resources') !== undefined &&
    ((typeof schema === 'string' && /deploymentTemplate/i.test(schema)) || prop(root, 'contentVersion') !== undefined)
  );
}

/** An ARM resource as the ARM API returns it (`{ type, name, properties: { issuer, … } }`), or a Graph record. */
function recordOrResource(r: Reader, node: Node, group: string): void {
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

export function ficsFromJson(file: string, source: string): SourceResult {
  // A UTF-8 BOM, as Windows editors write it, is no JSON and no column an editor shows.
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const starts = lineStarts(text);
  const at = (node: Node) => positionAt(starts, node.offset);
  if (root === undefined || errors.length > 0) {
    if (!mentionsFederatedCredentials(text)) return { records: [], problems: [] };
    const first = errors[0];
    return {
      records: [],
      problems: [
        {
          file,
          at: positionAt(starts, first?.offset ?? 0),
          message: `not valid JSON: ${first === undefined ? 'empty' : printParseErrorCode(first.error)}`,
        },
      ],
    };
  }
  const r: Reader = { file, at, records: [] };
  const group = `json:${file}`;
  if (isArmTemplate(root)) armResources(r, prop(root, 'resources'), undefined);
  else if (root.type === 'array') for (const item of root.children ?? []) recordOrResource(r, item, group);
  else {
    const list = prop(root, 'value') ?? prop(root, 'federatedIdentityCredentials');
    if (list?.type === 'array') for (const item of list.children ?? []) recordOrResource(r, item, group);
    else recordOrResource(r, root, group);
  }
  return { records: r.records, problems: [] };
}
