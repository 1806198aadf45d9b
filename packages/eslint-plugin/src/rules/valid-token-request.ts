import type { TSESTree } from '@typescript-eslint/utils';
import {
  CLIENT_ASSERTION_TYPE,
  DEFAULT_SCOPE_SUFFIX,
  isNonTenantAuthority,
  OBO_GRANT_TYPE,
  OBO_REQUESTED_TOKEN_USE,
} from '#catalogue';
import { getFileModel, MSAL, type AuthorityInfo } from '../provenance/index.js';
import { codeData } from '../util/aadsts.js';
import { createRule } from '../util/create-rule.js';
import { hasDefaultSuffix } from '../util/scopes.js';

const MISSING_PARAMETER = codeData('AADSTS900144');
const RESOURCE_NOT_FOUND = codeData('AADSTS500011');
const RESOURCE_ON_V2 = codeData('AADSTS901002');
const SCOPE_WITHOUT_DEFAULT = codeData('AADSTS1002012');
const NO_CREDENTIAL = codeData('AADSTS7000218');
const CONVERGED_ENDPOINT = codeData('AADSTS9001023');

const CLIENT_CREDENTIALS = 'client_credentials';
/** Grants the v1 endpoint answers with AADSTS900144 when `resource` is missing (a refresh token, for one, carries its resource). */
const V1_RESOURCE_GRANTS = new Set([CLIENT_CREDENTIALS, OBO_GRANT_TYPE, 'password']);

type MessageIds =
  | 'v1Scope'
  | 'v1DefaultResource'
  | 'v2Resource'
  | 'clientCredentialsScope'
  | 'assertionWithoutType'
  | 'oboWithoutTokenUse'
  | 'nonTenantAuthority'
  | 'msalNonTenantAuthority'
  | 'missingGrantType'
  | 'jsonBody'
  | 'clientCredentialsWithoutScope';

function isNonTenant(authority: AuthorityInfo | undefined): authority is AuthorityInfo & { tenant: string } {
  return authority?.tenant !== undefined && isNonTenantAuthority(authority.tenant);
}

export default createRule<[], MessageIds>({
  name: 'valid-token-request',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require token requests to Entra to have the shape their endpoint and grant need',
      recommended: 'recommended',
      aadsts: ['AADSTS900144', 'AADSTS500011', 'AADSTS901002', 'AADSTS1002012', 'AADSTS7000218', 'AADSTS9001023'],
    },
    messages: {
      v1Scope:
        'The v1 endpoint `/oauth2/token` ignores `scope` and needs `resource`: Entra answers {{code}} ({{confidence}}). Send `resource` (the App ID URI, without `/.default`), or call `/oauth2/v2.0/token`.',
      v1DefaultResource:
        'The v1 `resource` `{{resource}}` ends with `/.default`, which names no resource: Entra answers {{code}} ({{confidence}}). Send `resource={{expected}}`.',
      v2Resource:
        'The v2 endpoint does not accept `resource`: Entra answers {{code}} ({{confidence}}). Send `scope={{expected}}` instead.',
      clientCredentialsScope:
        'The client-credentials `scope` `{{scope}}` lacks `/.default`: Entra answers {{code}} ({{confidence}}). Send the resource with `/.default`.',
      assertionWithoutType:
        'The request sends `client_assertion` without `client_assertion_type`: Entra answers {{code}} ({{confidence}}). Add `client_assertion_type={{expected}}`.',
      oboWithoutTokenUse:
        'The on-behalf-of request has no `requested_token_use`: Entra answers {{code}} ({{confidence}}). Add `requested_token_use={{expected}}`.',
      jsonBody:
        'The token request sends its body as JSON (axios and got send a plain object that way); Entra reads only a form and answers {{code}} (no `grant_type`). Send `new URLSearchParams({…})`.',
      clientCredentialsWithoutScope:
        'The v2 client-credentials request sends no `scope`: Entra answers {{code}} ({{confidence}}). Send `scope={resource}/.default`.',
      missingGrantType:
        'The token request sends no `grant_type`: Entra answers {{code}} ({{confidence}}). Send the grant, e.g. `grant_type=client_credentials`.',
      msalNonTenantAuthority:
        'Client credentials (`acquireTokenByClientCredential`) cannot use the `{{tenant}}` authority: msal-node throws `missing_tenant_id_error`, and Entra answers {{code}} ({{confidence}}). Configure `https://{{host}}/{tenant-id}`.',
      nonTenantAuthority:
        'Client credentials cannot use the `{{tenant}}` authority: Entra answers {{code}} ({{confidence}}). Send the request to `https://{{host}}/{tenant-id}/…`.',
    },
    schema: [],
  },
  create(context) {
    return {
      'Program:exit'() {
        const reported = new Set<string>();
        const report = (node: TSESTree.Node, messageId: MessageIds, data: Record<string, string>) => {
          const key = `${node.range.join()}|${messageId}|${JSON.stringify(data)}`;
          if (reported.has(key)) return;
          reported.add(key);
          context.report({ node, messageId, data });
        };
        const model = getFileModel(context);

        for (const request of model.tokenRequests) {
          const { authority } = request;
          if (request.module === MSAL && request.method === 'acquireTokenByClientCredential' && isNonTenant(authority))
            report(authority.node, 'msalNonTenantAuthority', {
              tenant: authority.tenant,
              host: authority.host!,
              ...CONVERGED_ENDPOINT,
            });
        }

        for (const request of model.httpRequests) {
          const { authority, body, endpoint: version } = request;
          if (!request.entra || !body) continue;
          const { fields, complete } = body;
          if (body.encoding === 'json') {
            if (fields.has('grant_type') || fields.has('client_id')) report(body.node, 'jsonBody', MISSING_PARAMETER);
            continue;
          }
          const grant = fields.get('grant_type');
          const scope = fields.get('scope');
          const resource = fields.get('resource');

          if (!grant && version && complete && body.encoding === 'form' && fields.size > 0)
            report(body.node, 'missingGrantType', MISSING_PARAMETER);
          if (grant?.value === CLIENT_CREDENTIALS && isNonTenant(authority)) {
            report(request.url?.node ?? request.node, 'nonTenantAuthority', {
              tenant: authority.tenant,
              host: authority.host!,
              ...CONVERGED_ENDPOINT,
            });
          }
          if (version === 'v1') {
            if (scope && !resource && complete && grant?.value !== undefined && V1_RESOURCE_GRANTS.has(grant.value))
              report(scope.node, 'v1Scope', MISSING_PARAMETER);
            if (resource?.value !== undefined && hasDefaultSuffix(resource.value)) {
              const expected = resource.value.slice(0, -DEFAULT_SCOPE_SUFFIX.length);
              report(resource.node, 'v1DefaultResource', { resource: resource.value, expected, ...RESOURCE_NOT_FOUND });
            }
          }
          if (version === 'v2') {
            if (resource) {
              const expected = `${resource.value ?? '{resource}'}${DEFAULT_SCOPE_SUFFIX}`;
              report(resource.node, 'v2Resource', { expected, ...RESOURCE_ON_V2 });
            }
            if (grant?.value === CLIENT_CREDENTIALS && !scope && !resource && complete)
              report(grant.node, 'clientCredentialsWithoutScope', MISSING_PARAMETER);
            if (grant?.value === CLIENT_CREDENTIALS && scope?.value !== undefined) {
              for (const value of scope.value.split(/\s+/).filter(Boolean)) {
                if (!hasDefaultSuffix(value))
                  report(scope.node, 'clientCredentialsScope', { scope: value, ...SCOPE_WITHOUT_DEFAULT });
              }
            }
          }
          const assertion = fields.get('client_assertion');
          if (assertion && !fields.has('client_assertion_type') && complete) {
            report(assertion.node, 'assertionWithoutType', { expected: CLIENT_ASSERTION_TYPE, ...NO_CREDENTIAL });
          }
          if (grant?.value === OBO_GRANT_TYPE && !fields.has('requested_token_use') && complete) {
            report(grant.node, 'oboWithoutTokenUse', { expected: OBO_REQUESTED_TOKEN_USE, ...MISSING_PARAMETER });
          }
        }
      },
    };
  },
});
