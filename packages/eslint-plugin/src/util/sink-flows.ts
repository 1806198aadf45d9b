import type { TSESTree } from '@typescript-eslint/types';
import { CLOUDS, isNonTenantAuthority, tokenEndpointAt } from '#catalogue';
import {
  isClientConstruction,
  isHttpTokenRequest,
  isImportedCall,
  MSAL,
  type AssertionSink,
  type ClientConstruction,
  type FileModel,
  type SinkFlow,
  type SinkKind,
  type SourceTokenKind,
} from '../provenance/index.js';

export interface KindFlow {
  readonly sink: AssertionSink;
  readonly flow: SinkFlow;
}

/** Tokens of one of `kinds` reaching a sink of `sinkKind`: one entry per sent expression and source. */
export function flowsOfKind(model: FileModel, sinkKind: SinkKind, kinds: readonly SourceTokenKind[]): KindFlow[] {
  const seen = new Set<string>();
  const out: KindFlow[] = [];
  for (const sink of model.sinks) {
    if (sink.kind !== sinkKind) continue;
    for (const flow of sink.flows) {
      const key = `${flow.node.range.join()}|${flow.origin.api}|${flow.origin.kind}`;
      if (!kinds.includes(flow.origin.kind) || seen.has(key)) continue;
      seen.add(key);
      out.push({ sink, flow });
    }
  }
  return out;
}

/** Where an assertion is sent: the client id it must name, the tenant, and the token endpoint it must name as `aud`. */
export interface Destination {
  readonly clientId?: string;
  readonly tenant?: string;
  /** The expression the tenant comes from when it is not constant: `iss` may be the same binding. */
  readonly tenantNode?: TSESTree.Node;
  readonly endpoint?: string;
}

export function destinationOf(model: FileModel, sink: AssertionSink): Destination {
  const owner = sink.owner;
  if (isImportedCall(owner)) return {};
  if (isHttpTokenRequest(owner)) {
    const clientId = owner.body?.fields.get('client_id')?.value;
    const endpoint = owner.url?.value?.split(/[?#]/, 1)[0];
    return {
      ...(clientId && { clientId }),
      ...(owner.authority?.tenant && { tenant: owner.authority.tenant }),
      ...(owner.authority?.tenantNode && { tenantNode: owner.authority.tenantNode }),
      ...(endpoint && { endpoint }),
    };
  }
  const client: ClientConstruction | undefined = isClientConstruction(owner) ? owner : owner.clients[0];
  if (!client) return {};
  const msal = client.module === MSAL;
  const clientId = client.fields.clientId && model.staticString(client.fields.clientId.node);
  const tenantNode = client.fields.tenantId?.node;
  const tenant = msal ? client.authority?.tenant : tenantNode && model.staticString(tenantNode);
  const host = msal
    ? client.authority?.host
    : (client.authority?.host ?? (client.authority ? undefined : new URL(CLOUDS.global.authorityHost).host));
  const endpoint = tenant && host && !isNonTenantAuthority(tenant) ? tokenEndpointAt(host, tenant) : undefined;
  const dynamicTenant = msal ? client.authority?.tenantNode : tenant === undefined ? tenantNode : undefined;
  return {
    ...(clientId && { clientId }),
    ...(tenant && { tenant }),
    ...(dynamicTenant && { tenantNode: dynamicTenant }),
    ...(endpoint && { endpoint }),
  };
}
