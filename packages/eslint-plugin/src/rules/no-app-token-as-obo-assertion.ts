import {
  getFileModel,
  type AssertionSink,
  type FileModel,
  type SourceTokenKind,
  type TokenOrigin,
} from '../provenance/index.js';
import { aadsts } from '../util/aadsts.js';
import { createRule } from '../util/create-rule.js';
import { destinationOf, flowsOfKind } from '../util/sink-flows.js';

const APP_ONLY_OBO = aadsts('AADSTS7000114');
const NOT_ENTRA_ISSUED = aadsts('AADSTS50013');

/** Tokens of other identity providers the code is seen to obtain, by kind. */
const EXTERNAL_PROVIDERS: Readonly<Record<string, string>> = {
  'external-github': 'GitHub Actions',
  'external-kubernetes': 'Kubernetes',
};

/** Is the signed JWT's `iss` the tenant the request goes to, by constant or by binding? */
function issuerIsTenant(model: FileModel, origin: TokenOrigin, sink: AssertionSink): boolean {
  const iss = origin.jwt?.claims.get('iss');
  if (!iss) return false;
  const { tenant, tenantNode } = destinationOf(model, sink);
  const value = typeof iss.value === 'string' ? iss.value : undefined;
  if (value !== undefined && tenant !== undefined) return value.toLowerCase() === tenant.toLowerCase();
  return tenantNode !== undefined && model.sameValue(iss.node, tenantNode);
}

export default createRule<[], 'appTokenObo' | 'selfSignedObo' | 'tenantIssuedObo' | 'externalObo'>({
  name: 'no-app-token-as-obo-assertion',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Disallow sending an app-only token, a JWT the app signs, or an external token as the on-behalf-of assertion',
      recommended: 'recommended',
      aadsts: ['AADSTS7000114', 'AADSTS50013'],
    },
    messages: {
      appTokenObo:
        "The app-only token from `{{source}}` is sent as the on-behalf-of assertion (`{{sink}}`): on-behalf-of exchanges a user's token, so Entra answers {{code}}. {{fix}}",
      selfSignedObo:
        'The JWT the app signs itself (`{{source}}`) is sent as the on-behalf-of assertion (`{{sink}}`): Entra validates that assertion as a token it issued, finds no key for it and answers {{code}} ("The key was not found"). Send the user\'s access token for this middle tier instead; a JWT the app signs authenticates the app, as `client_assertion`.',
      tenantIssuedObo:
        'The JWT the app signs itself (`{{source}}`), with the tenant id as its `iss`, is sent as the on-behalf-of assertion (`{{sink}}`): Entra validates that assertion as a token it issued, finds no key for it and answers {{code}} ("The key was not found"). Send the user\'s access token for this middle tier instead; a JWT the app signs authenticates the app, as `client_assertion`, with `iss` = `sub` = the client id.',
      externalObo:
        "The {{provider}} token from `{{source}}` is sent as the on-behalf-of assertion (`{{sink}}`): Entra did not issue it, has no key to validate it and answers {{code}}. Send the user's access token for this middle tier instead; an external token is exchanged through a federated credential, as `client_assertion`.",
    },
    schema: [],
  },
  create(context) {
    return {
      'Program:exit'() {
        const model = getFileModel(context);
        for (const { sink, flow } of flowsOfKind(model, 'obo-assertion', [
          'app-only',
          'managed-identity',
          'self-signed',
          ...(Object.keys(EXTERNAL_PROVIDERS) as SourceTokenKind[]),
        ])) {
          const { origin } = flow;
          const { api: source } = origin;
          if (origin.kind === 'app-only' || origin.kind === 'managed-identity')
            context.report({
              node: flow.node,
              messageId: 'appTokenObo',
              data: { source, sink: sink.api, code: APP_ONLY_OBO.code, fix: APP_ONLY_OBO.fix },
            });
          else if (origin.kind === 'self-signed')
            context.report({
              node: flow.node,
              messageId: issuerIsTenant(model, origin, sink) ? 'tenantIssuedObo' : 'selfSignedObo',
              data: { source, sink: sink.api, code: NOT_ENTRA_ISSUED.code },
            });
          else
            context.report({
              node: flow.node,
              messageId: 'externalObo',
              data: { source, sink: sink.api, provider: EXTERNAL_PROVIDERS[origin.kind], code: NOT_ENTRA_ISSUED.code },
            });
        }
      },
    };
  },
});
