/** The JSON Schema of `AssertionContext`: what CLI context files and API callers may pass. */
import { CLOUD_NAMES } from '../catalogue/constants.js';

const text = (maxLength: number, description: string) => ({ type: 'string', maxLength, description }) as const;
const nullableText = (maxLength: number, description: string) =>
  ({ type: ['string', 'null'], maxLength, description }) as const;

/** JSON Schema (draft-07) of the context: what the caller knows about the request. */
export const CONTEXT_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://entra-guard.dev/schemas/assertion-context.json',
  title: 'entra-guard assertion context',
  description:
    'What you know about the token request. A missing field means "unknown": the rules that need it stay silent.',
  type: 'object',
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    flow: {
      enum: ['client_credentials', 'on_behalf_of'],
      description:
        'client_credentials: the token is the `client_assertion` (default). on_behalf_of: the token is the OBO `assertion` (the incoming user token).',
    },
    tenantId: text(
      256,
      'The tenant in the token endpoint URL (the resource tenant in cross-tenant setups); defaults to the tenant of `tokenEndpoint`.',
    ),
    clientId: text(256, 'The `client_id` sent with the assertion: the app registration, not the managed identity.'),
    appHomeTenantId: text(256, 'The tenant where the app is registered; defaults to `tenantId`.'),
    cloud: { enum: CLOUD_NAMES, description: 'Defaults to the cloud of `tokenEndpoint`, else `global`.' },
    tokenEndpoint: text(
      2048,
      'The token endpoint the request goes to, e.g. https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token.',
    ),
    scope: text(4096, 'The `scope` sent with the assertion (client credentials: must end with /.default).'),
    appIdUris: {
      type: 'array',
      maxItems: 50,
      items: text(2048, 'An Application ID URI of the middle-tier app.'),
      description:
        'Application ID URIs of the middle-tier app, accepted as OBO `assertion` audiences besides `clientId`.',
    },
    federatedIdentityCredentials: {
      type: 'array',
      maxItems: 1000,
      description:
        'The federated identity credentials of the app (or managed identity), as Microsoft Graph returns them.',
      items: {
        type: 'object',
        properties: {
          id: text(256, 'Graph object id.'),
          name: text(600, 'Credential name.'),
          issuer: text(2048, 'Issuer, compared with the token `iss` exactly.'),
          subject: nullableText(2048, 'Subject, compared with the token `sub` exactly (case-sensitive).'),
          audiences: { type: 'array', maxItems: 50, items: text(2048, 'Audience.') },
          description: nullableText(2048, 'Free text.'),
          claimsMatchingExpression: {
            type: ['object', 'null'],
            required: ['value'],
            properties: {
              value: text(4096, "Flexible FIC expression, e.g. claims['sub'] matches 'repo:contoso/*'."),
              languageVersion: { type: 'number' },
            },
          },
        },
      },
    },
    keyCredentials: {
      type: 'array',
      maxItems: 1000,
      description: 'The certificate credentials of the app registration, as Graph returns them.',
      items: {
        type: 'object',
        properties: {
          customKeyIdentifier: nullableText(256, 'Certificate thumbprint: hex, or base64 of its bytes.'),
          key: nullableText(65_536, 'The certificate, base64 DER.'),
          type: text(64, 'AsymmetricX509Cert.'),
          keyId: text(64, 'Graph key id (GUID).'),
          usage: text(64, 'Verify.'),
          startDateTime: text(64, 'ISO-8601.'),
          endDateTime: text(64, 'ISO-8601.'),
          displayName: nullableText(1024, 'Display name.'),
        },
      },
    },
  },
} as const;
