import {
  DEFAULT_SCOPE_SUFFIX,
  GUID_RE,
  MICROSOFT_GRAPH_APP_ID,
  MICROSOFT_GRAPH_RESOURCE,
  OIDC_SCOPES,
} from '#catalogue';
import {
  getFileModel,
  isClientConstruction,
  isImportedCall,
  isTokenRequest,
  type AssertionSink,
  type FileModel,
} from '../provenance/index.js';
import { aadsts } from '../util/aadsts.js';
import { createRule } from '../util/create-rule.js';
import { defaultScopeFor } from '../util/scopes.js';
import { flowsOfKind } from '../util/sink-flows.js';

const AUDIENCE_MISMATCH = aadsts('AADSTS500131');

/** The resource a scope asks for; bare permission names (`User.Read`) are Microsoft Graph's. Undefined for sign-in scopes. */
function resourceOf(scope: string): string | undefined {
  if (OIDC_SCOPES.includes(scope.toLowerCase())) return undefined;
  const byDefault = defaultScopeFor(scope);
  return byDefault ? byDefault.slice(0, -DEFAULT_SCOPE_SUFFIX.length) : MICROSOFT_GRAPH_RESOURCE;
}

function isGraph(resource: string): boolean {
  const lower = resource.toLowerCase().replace(/\/$/, '');
  return lower === MICROSOFT_GRAPH_RESOURCE || lower === MICROSOFT_GRAPH_APP_ID;
}

/** The app id a resource names directly (`{guid}` or `api://{guid}`). */
function appIdOf(resource: string): string | undefined {
  const id = resource.replace(/^api:\/\//i, '');
  return GUID_RE.test(id) ? id.toLowerCase() : undefined;
}

/** The client id of the middle tier that makes the on-behalf-of call, when constant. */
function middleTierId(model: FileModel, sink: AssertionSink): string | undefined {
  const { owner } = sink;
  if (isImportedCall(owner)) return undefined;
  if (isTokenRequest(owner)) {
    const ids = owner.clients.map((c) => c.fields.clientId && model.staticString(c.fields.clientId.node));
    return ids.length === 1 ? ids[0] : undefined;
  }
  if (isClientConstruction(owner)) {
    const id = owner.fields.clientId;
    return id && model.staticString(id.node);
  }
  return owner.body?.fields.get('client_id')?.value;
}

/** The resources the on-behalf-of call asks for (its own scopes). */
function downstreamResources(model: FileModel, sink: AssertionSink): string[] {
  const { owner } = sink;
  if (isImportedCall(owner)) return [];
  let scopes: (string | undefined)[];
  if (isTokenRequest(owner)) scopes = owner.scopes?.elements.map((e) => e.value) ?? [];
  else if (isClientConstruction(owner))
    scopes = model.tokenRequests
      .filter((r) => r.clients.includes(owner))
      .flatMap((r) => r.scopes?.elements.map((e) => e.value) ?? []);
  else scopes = owner.body?.fields.get('scope')?.value?.split(' ') ?? [];
  return scopes.flatMap((s) => {
    const resource = s === undefined ? undefined : resourceOf(s);
    return resource === undefined ? [] : [resource];
  });
}

export default createRule<[], 'foreignAudience'>({
  name: 'obo-assertion-audience',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Require the on-behalf-of assertion to be a token issued for the middle-tier app, not for another resource such as Microsoft Graph',
      recommended: 'recommended',
      aadsts: ['AADSTS500131'],
    },
    messages: {
      foreignAudience:
        'The on-behalf-of assertion (`{{sink}}`) is a token `{{source}}` requests for `{{resource}}`, not for the middle-tier app that presents it: Entra answers {{code}}. {{fix}}',
    },
    schema: [],
  },
  create(context) {
    return {
      'Program:exit'() {
        const model = getFileModel(context);
        for (const { sink, flow } of flowsOfKind(model, 'obo-assertion', ['delegated'])) {
          const middleTier = middleTierId(model, sink)?.toLowerCase();
          const downstream = downstreamResources(model, sink).map((r) => r.toLowerCase());
          const foreign = (flow.origin.request?.scopes?.elements ?? [])
            .flatMap((e) => (e.value === undefined ? [] : [resourceOf(e.value)]))
            .find((resource) => {
              if (resource === undefined) return false;
              const appId = appIdOf(resource);
              return (
                isGraph(resource) ||
                downstream.includes(resource.toLowerCase()) ||
                (appId !== undefined && middleTier !== undefined && GUID_RE.test(middleTier) && appId !== middleTier)
              );
            });
          if (foreign === undefined) continue;
          context.report({
            node: flow.node,
            messageId: 'foreignAudience',
            data: {
              sink: sink.api,
              source: flow.origin.api,
              resource: foreign,
              code: AUDIENCE_MISMATCH.code,
              fix: AUDIENCE_MISMATCH.fix,
            },
          });
        }
      },
    };
  },
});
