/** The JSON Schema of `AssertionContext` (CLI context files, API callers) and its normalised form. */
import { CLOUD_NAMES, cloudOfHost, type Cloud } from '../catalogue/constants.js';
import { EntraGuardError } from '../errors.js';
import type { AssertionContext, FederatedIdentityCredential, Flow, KeyCredential } from '../types.js';
import { compileChecked } from './ajv.js';

const text = (maxLength: number, description: string) => ({ type: 'string', maxLength, description }) as const;
const nullableText = (maxLength: number, description: string) => ({ type: ['string', 'null'], maxLength, description }) as const;

/** JSON Schema (draft-07) of the context: what the caller knows about the request. */
export const CONTEXT_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://entra-guard.dev/schemas/assertion-context.json',
  title: 'entra-guard assertion context',
  description: 'What you know about the token request. A missing field means "unknown": the rules that need it stay silent.',
  type: 'object',
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    flow: {
      enum: ['client_credentials', 'on_behalf_of'],
      description: 'client_credentials: the token is the `client_assertion` (default). on_behalf_of: the token is the OBO `assertion` (the incoming user token).',
    },
    tenantId: text(256, 'The tenant in the token endpoint URL (the resource tenant in cross-tenant setups).'),
    clientId: text(256, 'The `client_id` sent with the assertion: the app registration, not the managed identity.'),
    appHomeTenantId: text(256, 'The tenant where the app is registered; defaults to `tenantId`.'),
    cloud: { enum: CLOUD_NAMES, description: 'Defaults to the cloud of `tokenEndpoint`, else `global`.' },
    tokenEndpoint: text(2048, 'The token endpoint the request goes to, e.g. https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token.'),
    scope: text(4096, 'The `scope` sent with the assertion (client credentials: must end with /.default).'),
    appIdUris: {
      type: 'array',
      maxItems: 50,
      items: text(2048, 'An Application ID URI of the middle-tier app.'),
      description: 'Application ID URIs of the middle-tier app, accepted as OBO `assertion` audiences besides `clientId`.',
    },
    federatedIdentityCredentials: {
      type: 'array',
      maxItems: 1000,
      description: 'The federated identity credentials of the app (or managed identity), as Microsoft Graph returns them.',
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

/** The context with defaults applied; every field the facts read, in one place. */
export interface NormalizedContext {
  raw: AssertionContext;
  flow: Flow;
  tenantId: string | null;
  clientId: string | null;
  appHomeTenantId: string | null;
  cloud: Cloud;
  tokenEndpoint: string | null;
  /** Tenant segment and host of `tokenEndpoint`, when it parses. */
  endpointTenant: string | null;
  endpointHost: string | null;
  scope: string | null;
  appIdUris: readonly string[] | null;
  federatedIdentityCredentials: readonly FederatedIdentityCredential[] | null;
  keyCredentials: readonly KeyCredential[] | null;
}

let validateContext: ReturnType<typeof compileChecked> | undefined;

const ENDPOINT = /^https:\/\/([^/?#]+)\/([^/?#]+)\//i;

/** Validates `context` against `CONTEXT_SCHEMA` (`ERR_CONTEXT_INVALID` with the failing path) and applies defaults. */
export function normalizeContext(context: unknown): NormalizedContext {
  validateContext ??= compileChecked(CONTEXT_SCHEMA);
  if (!validateContext.test(context)) {
    throw new EntraGuardError('ERR_CONTEXT_INVALID', `The context is not valid: ${validateContext.explain(context)}.`, {
      reason: 'invalid',
      fix: 'Shape the context as CONTEXT_SCHEMA describes (flow, tenantId, clientId, appHomeTenantId, cloud, tokenEndpoint, federatedIdentityCredentials, keyCredentials).',
    });
  }
  const c = context as AssertionContext;
  const endpoint = c.tokenEndpoint === undefined ? null : ENDPOINT.exec(c.tokenEndpoint);
  const endpointHost = endpoint?.[1]?.toLowerCase() ?? null;
  return {
    raw: c,
    flow: c.flow ?? 'client_credentials',
    tenantId: c.tenantId ?? null,
    clientId: c.clientId ?? null,
    appHomeTenantId: c.appHomeTenantId ?? c.tenantId ?? null,
    cloud: c.cloud ?? (endpointHost === null ? undefined : cloudOfHost(endpointHost)) ?? 'global',
    tokenEndpoint: c.tokenEndpoint ?? null,
    endpointTenant: endpoint?.[2] ?? null,
    endpointHost,
    scope: c.scope ?? null,
    appIdUris: c.appIdUris ?? null,
    federatedIdentityCredentials: c.federatedIdentityCredentials ?? null,
    keyCredentials: c.keyCredentials ?? null,
  };
}
