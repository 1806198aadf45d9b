import type { TSESTree } from '@typescript-eslint/utils';
import {
  CLIENT_ASSERTION_TYPE,
  DEFAULT_SCOPE_SUFFIX,
  NON_TENANT_AUTHORITIES,
  OBO_GRANT_TYPE,
  OBO_REQUESTED_TOKEN_USE,
} from '@entra-guard/policy/catalogue';
import { getFileModel, type HttpTokenRequest } from '../provenance/index.js';
import { aadsts } from '../util/aadsts.js';
import { createRule } from '../util/create-rule.js';
import { hasDefaultSuffix } from '../util/scopes.js';

const MISSING_PARAMETER = aadsts('AADSTS900144').code;
const RESOURCE_NOT_FOUND = aadsts('AADSTS500011').code;
const RESOURCE_ON_V2 = aadsts('AADSTS901002').code;
const SCOPE_WITHOUT_DEFAULT = aadsts('AADSTS1002012').code;
const NO_CREDENTIAL = aadsts('AADSTS7000218').code;
const CONVERGED_ENDPOINT = aadsts('AADSTS9001023').code;

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
  | 'jsonBody'
  | 'clientCredentialsWithoutScope';

/** `v1` for `/oauth2/token`, `v2` for `/oauth2/v2.0/token`, when the URL's constant end shows it. */
function endpointVersion(request: HttpTokenRequest): 'v1' | 'v2' | undefined {
  const tail = request.url?.parts.at(-1);
  const match = typeof tail === 'string' ? /\/oauth2\/(v2\.0\/)?token\/?(?:[?#].*)?$/i.exec(tail) : null;
  return match ? (match[1] ? 'v2' : 'v1') : undefined;
}

export default createRule<[], MessageIds>({
  name: 'valid-token-request',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require raw token requests to Entra login hosts to have the shape their endpoint and grant need',
      recommended: 'recommended',
      aadsts: ['AADSTS900144', 'AADSTS500011', 'AADSTS901002', 'AADSTS1002012', 'AADSTS7000218', 'AADSTS9001023'],
    },
    messages: {
      v1Scope:
        'The v1 endpoint `/oauth2/token` ignores `scope` and needs `resource`: Entra answers {{code}}. Send `resource` (the App ID URI, without `/.default`), or call `/oauth2/v2.0/token`.',
      v1DefaultResource:
        'The v1 `resource` `{{resource}}` ends with `/.default`, which names no resource: Entra answers {{code}}. Send `resource={{expected}}`.',
      v2Resource:
        'The v2 endpoint does not accept `resource`: Entra answers {{code}}. Send `scope={{expected}}` instead.',
      clientCredentialsScope:
        'The client-credentials `scope` `{{scope}}` lacks `/.default`: Entra answers {{code}}. Send the resource with `/.default`.',
      assertionWithoutType:
        'The request sends `client_assertion` without `client_assertion_type`: Entra answers {{code}}. Add `client_assertion_type={{expected}}`.',
      oboWithoutTokenUse:
        'The on-behalf-of request has no `requested_token_use`: Entra answers {{code}}. Add `requested_token_use={{expected}}`.',
      jsonBody:
        'The token request sends its body as JSON (axios, got and ky send a plain object that way); Entra reads only a form and answers {{code}} (no `grant_type`). Send `new URLSearchParams({…})`.',
      clientCredentialsWithoutScope:
        'The v2 client-credentials request sends no `scope`: Entra answers {{code}}. Send `scope={resource}/.default`.',
      nonTenantAuthority:
        'Client credentials cannot use the `{{tenant}}` authority: Entra answers {{code}}. Send the request to `https://{{host}}/{tenant-id}/…`.',
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

        for (const request of getFileModel(context).httpRequests) {
          const { authority, body } = request;
          if (!authority?.cloud || !body) continue;
          const { fields, complete } = body;
          if (body.encoding === 'json') {
            if (fields.has('grant_type') || fields.has('client_id'))
              report(body.node, 'jsonBody', { code: MISSING_PARAMETER });
            continue;
          }
          const version = endpointVersion(request);
          const grant = fields.get('grant_type');
          const scope = fields.get('scope');
          const resource = fields.get('resource');

          if (
            grant?.value === CLIENT_CREDENTIALS &&
            authority.tenant &&
            NON_TENANT_AUTHORITIES.includes(authority.tenant.toLowerCase())
          ) {
            report(request.url?.node ?? request.node, 'nonTenantAuthority', {
              tenant: authority.tenant,
              code: CONVERGED_ENDPOINT,
              host: authority.host!,
            });
          }
          if (version === 'v1') {
            if (scope && !resource && complete && grant?.value !== undefined && V1_RESOURCE_GRANTS.has(grant.value))
              report(scope.node, 'v1Scope', { code: MISSING_PARAMETER });
            if (resource?.value !== undefined && hasDefaultSuffix(resource.value)) {
              const expected = resource.value.slice(0, -DEFAULT_SCOPE_SUFFIX.length);
              report(resource.node, 'v1DefaultResource', {
                resource: resource.value,
                code: RESOURCE_NOT_FOUND,
                expected,
              });
            }
          }
          if (version === 'v2') {
            if (resource) {
              const expected = `${resource.value ?? '{resource}'}${DEFAULT_SCOPE_SUFFIX}`;
              report(resource.node, 'v2Resource', { code: RESOURCE_ON_V2, expected });
            }
            if (grant?.value === CLIENT_CREDENTIALS && !scope && !resource && complete)
              report(grant.node, 'clientCredentialsWithoutScope', { code: MISSING_PARAMETER });
            if (grant?.value === CLIENT_CREDENTIALS && scope?.value !== undefined) {
              for (const value of scope.value.split(/\s+/).filter(Boolean)) {
                if (!hasDefaultSuffix(value))
                  report(scope.node, 'clientCredentialsScope', { scope: value, code: SCOPE_WITHOUT_DEFAULT });
              }
            }
          }
          const assertion = fields.get('client_assertion');
          if (assertion && !fields.has('client_assertion_type') && complete) {
            report(assertion.node, 'assertionWithoutType', { code: NO_CREDENTIAL, expected: CLIENT_ASSERTION_TYPE });
          }
          if (grant?.value === OBO_GRANT_TYPE && !fields.has('requested_token_use') && complete) {
            report(grant.node, 'oboWithoutTokenUse', { code: MISSING_PARAMETER, expected: OBO_REQUESTED_TOKEN_USE });
          }
        }
      },
    };
  },
});
