import { AST_NODE_TYPES as T, type TSESTree } from '@typescript-eslint/types';
import {
  CLOUDS,
  cloudOfHost,
  GUID_RE,
  isNonTenantAuthority,
  RECOMMENDED_ASSERTION_LIFETIME_SECONDS,
  tokenEndpointAt,
} from '#catalogue';
import { endpointVersion, getFileModel, type JwtBuild, type JwtPart } from '../provenance/index.js';
import { aadsts } from '../util/aadsts.js';
import { createRule } from '../util/create-rule.js';
import { destinationOf, type Destination } from '../util/sink-flows.js';
import { exchangeValue } from '../util/scopes.js';

const APP_ID_MISMATCH = aadsts('AADSTS700021');
const SUBJECT_NOT_ISSUER = aadsts('AADSTS50048');
const AUDIENCE_MISMATCH = aadsts('AADSTS700023');
const MISSING_FIELD = aadsts('AADSTS90014');
const NOT_IN_TIME_RANGE = aadsts('AADSTS700024');
const NO_KEY_IDENTIFIER = aadsts('AADSTS5002723');

const KEY_IDENTIFIERS = ['x5t', 'x5t#S256', 'kid'];
const REQUIRED_CLAIMS = ['iss', 'sub', 'aud', 'exp', 'jti'];

type Options = [{ maxLifetimeSeconds?: number }];
type MessageIds =
  | 'issNotClientId'
  | 'issIsTenant'
  | 'subNotIss'
  | 'audNotTokenEndpoint'
  | 'missingClaim'
  | 'longLifetime'
  | 'noKeyIdentifier';

/** Seconds per unit of the time spans jose (`'10m'`) and jsonwebtoken's `ms` (`'7d'`) accept. */
const UNITS: readonly [RegExp, number][] = [
  [/^(?:ms|msecs?|milliseconds?)$/i, 0.001],
  [/^(?:s|secs?|seconds?)$/i, 1],
  [/^(?:m|mins?|minutes?)$/i, 60],
  [/^(?:h|hrs?|hours?)$/i, 3600],
  [/^(?:d|days?)$/i, 86400],
  [/^(?:w|weeks?)$/i, 604800],
  [/^(?:y|yrs?|years?)$/i, 31557600],
];

/** A time span in seconds; `unitless` is the unit of a bare number (jsonwebtoken: milliseconds; jose: none). */
function spanSeconds(text: string, unitless: number | undefined): number | undefined {
  // The unit and its spaces are one optional group, so no two quantifiers compete for the same spaces.
  const match = /^\+?\s*(\d+(?:\.\d+)?)(?:\s*([a-z]+))?(?:\s+from now)?$/i.exec(text.trim());
  if (!match) return undefined;
  const unit = match[2] ? UNITS.find(([re]) => re.test(match[2]!))?.[1] : unitless;
  return unit === undefined ? undefined : Number(match[1]) * unit;
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** `7 days`, `2 hours`, `90 minutes`. */
function duration(seconds: number): string {
  if (seconds % 86400 === 0) return plural(seconds / 86400, 'day');
  if (seconds % 3600 === 0) return plural(seconds / 3600, 'hour');
  if (seconds % 60 === 0) return plural(seconds / 60, 'minute');
  return plural(Math.round(seconds), 'second');
}

/** How long the assertion lives, when the code shows it. */
function lifetime(build: JwtBuild): number | undefined {
  const exp = build.claims.get('exp');
  if (!exp) return undefined;
  if (exp.via === 'setter' && typeof exp.value === 'string') return spanSeconds(exp.value, undefined);
  if (exp.via === 'option')
    return typeof exp.value === 'number'
      ? exp.value
      : typeof exp.value === 'string'
        ? spanSeconds(exp.value, 0.001)
        : undefined;
  const start = build.claims.get('nbf')?.value ?? build.claims.get('iat')?.value;
  return typeof exp.value === 'number' && typeof start === 'number' ? exp.value - start : undefined;
}

function stringValue(part: JwtPart | undefined): string | undefined {
  return typeof part?.value === 'string' ? part.value : undefined;
}

/** A URL on an Entra login host, split into host, cloud and path segments. */
function loginUrl(
  value: string,
): { host: string; cloud: NonNullable<ReturnType<typeof cloudOfHost>>; segments: string[] } | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  const cloud = cloudOfHost(url.hostname);
  return cloud && url.protocol === 'https:'
    ? { host: url.host, cloud, segments: url.pathname.split('/').filter(Boolean) }
    : undefined;
}

/** Tenant segments of two endpoints that may name one tenant two ways (a GUID and a domain): the rule cannot tell. */
function mayBeSameTenant(a: string, b: string): boolean {
  return GUID_RE.test(a) !== GUID_RE.test(b);
}

export default createRule<Options, MessageIds>({
  name: 'valid-self-signed-assertion',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require self-signed client assertions to carry the claims and header Entra checks',
      recommended: 'recommended',
      aadsts: ['AADSTS700021', 'AADSTS50048', 'AADSTS700023', 'AADSTS90014', 'AADSTS700024', 'AADSTS5002723'],
    },
    messages: {
      issNotClientId:
        "The assertion's `{{claim}}` is `{{value}}`, not the client id `{{clientId}}` it is sent with: Entra answers {{code}}. {{fix}}",
      issIsTenant:
        "The assertion's `{{claim}}` is the tenant id `{{value}}`, not the client id: Entra answers {{code}}. {{fix}}",
      subNotIss: "The assertion's `sub` `{{sub}}` differs from its `iss` `{{iss}}`: Entra answers {{code}}. {{fix}}",
      audNotTokenEndpoint:
        "The assertion's `aud` `{{aud}}` is not the v2 token endpoint it is sent to: Entra answers {{code}}. Set `aud` to `{{expected}}`.",
      missingClaim:
        'The assertion has no `{{claim}}`: Entra answers {{code}}. Set it (`iss` and `sub`: the client id; `aud`: the v2 token endpoint; `exp`: at most {{max}} ahead; `jti`: a fresh GUID).',
      longLifetime:
        'The assertion lives {{lifetime}}: a long-lived assertion tends to be minted once and reused, and Entra answers {{code}} once it expires. Mint one per token request that lives at most {{max}}.',
      noKeyIdentifier:
        'The assertion header has none of `x5t`, `x5t#S256` or `kid`, so Entra cannot find the certificate: it answers {{code}}. {{fix}}',
    },
    schema: [
      {
        type: 'object',
        properties: {
          maxLifetimeSeconds: {
            type: 'integer',
            minimum: 1,
            description:
              'Longest assertion lifetime, in seconds, that is not reported. Microsoft recommends about 10 minutes.',
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ maxLifetimeSeconds: RECOMMENDED_ASSERTION_LIFETIME_SECONDS }],
  },
  create(context, [{ maxLifetimeSeconds = RECOMMENDED_ASSERTION_LIFETIME_SECONDS }]) {
    const max = duration(RECOMMENDED_ASSERTION_LIFETIME_SECONDS);
    return {
      'Program:exit'() {
        const model = getFileModel(context);
        for (const build of model.jwtBuilds) {
          const destinations = model
            .sinksFedBy(build.node)
            .filter((s) => s.kind === 'client-assertion')
            .map((s) => destinationOf(model, s));
          const iss = stringValue(build.claims.get('iss'));
          const sub = stringValue(build.claims.get('sub'));
          const audPart = build.claims.get('aud');
          const aud = stringValue(audPart);
          const audUrl = aud === undefined ? undefined : loginUrl(aud);
          // Tokens of an external identity provider (a URL issuer) and tokens for the exchange audience are federated credentials, not certificate assertions.
          if (
            (iss !== undefined && /^https?:\/\//i.test(iss) && !loginUrl(iss)) ||
            (aud !== undefined && exchangeValue(aud, 'audience'))
          )
            continue;
          const selfSigned =
            audUrl !== undefined || destinations.length > 0 || (iss !== undefined && iss === sub && GUID_RE.test(iss));
          if (!selfSigned) continue;

          const clientId = destinations.find((d) => d.clientId)?.clientId;
          const tenants = new Set([
            ...destinations.flatMap((d) => (d.tenant ? [d.tenant.toLowerCase()] : [])),
            ...(audUrl?.segments[0] ? [audUrl.segments[0].toLowerCase()] : []),
          ]);
          const checkId = (claim: 'iss' | 'sub', value: string | undefined): boolean => {
            const part = build.claims.get(claim);
            if (!part) return false;
            if (value === undefined) {
              // Not constant: the tenant when it is the binding the request's tenant comes from.
              const tenant = destinations.find((d) => d.tenantNode && model.sameValue(part.node, d.tenantNode));
              if (!tenant) return false;
              context.report({
                node: part.node,
                messageId: 'issIsTenant',
                data: {
                  claim,
                  value: context.sourceCode.getText(part.node),
                  code: APP_ID_MISMATCH.code,
                  fix: APP_ID_MISMATCH.fix,
                },
              });
              return true;
            }
            if (tenants.has(value.toLowerCase()) && value !== clientId) {
              context.report({
                node: part.node,
                messageId: 'issIsTenant',
                data: { claim, value, code: APP_ID_MISMATCH.code, fix: APP_ID_MISMATCH.fix },
              });
              return true;
            }
            if (clientId !== undefined && value !== clientId) {
              context.report({
                node: part.node,
                messageId: 'issNotClientId',
                data: { claim, value, clientId, code: APP_ID_MISMATCH.code, fix: APP_ID_MISMATCH.fix },
              });
              return true;
            }
            return false;
          };
          if (!checkId('iss', iss) && !checkId('sub', sub) && iss !== undefined && sub !== undefined && sub !== iss) {
            context.report({
              node: build.claims.get('sub')!.node,
              messageId: 'subNotIss',
              data: { sub, iss, code: SUBJECT_NOT_ISSUER.code, fix: SUBJECT_NOT_ISSUER.fix },
            });
          }

          if (audPart && aud !== undefined) {
            const expected = audienceProblem(aud, audUrl, destinations);
            if (expected)
              context.report({
                node: audPart.node,
                messageId: 'audNotTokenEndpoint',
                data: { aud, code: AUDIENCE_MISMATCH.code, expected },
              });
          }

          if (build.complete) {
            const at: TSESTree.Node =
              build.node.type === T.CallExpression && build.library === 'jsonwebtoken'
                ? (build.node.arguments[0] ?? build.node)
                : build.node;
            for (const claim of REQUIRED_CLAIMS) {
              if (!build.claims.has(claim))
                context.report({
                  node: at,
                  messageId: 'missingClaim',
                  data: { claim, code: (claim === 'exp' ? NOT_IN_TIME_RANGE : MISSING_FIELD).code, max },
                });
            }
            if (!KEY_IDENTIFIERS.some((k) => build.header.has(k))) {
              context.report({
                node: build.header.get('alg')?.node ?? build.node,
                messageId: 'noKeyIdentifier',
                data: { code: NO_KEY_IDENTIFIER.code, fix: NO_KEY_IDENTIFIER.fix },
              });
            }
          }

          const lives = lifetime(build);
          if (lives !== undefined && lives > maxLifetimeSeconds) {
            context.report({
              node: build.claims.get('exp')!.node,
              messageId: 'longLifetime',
              data: { lifetime: duration(lives), code: NOT_IN_TIME_RANGE.code, max },
            });
          }
        }
      },
    };
  },
});

/** The `aud` the assertion should name instead, or undefined when `aud` is right or the rule cannot tell. */
function audienceProblem(
  aud: string,
  audUrl: ReturnType<typeof loginUrl>,
  destinations: readonly Destination[],
): string | undefined {
  const endpoint = destinations.find((d) => d.endpoint)?.endpoint;
  if (endpoint) {
    if (aud.toLowerCase() === endpoint.toLowerCase()) return undefined;
    const sentTenant = loginUrl(endpoint)?.segments[0];
    const audTenant = audUrl?.segments[0];
    const sameShape = audUrl && endpointVersion(`/${audUrl.segments.slice(1).join('/')}`) === 'v2';
    if (
      sameShape &&
      sentTenant &&
      audTenant &&
      audTenant.toLowerCase() !== sentTenant.toLowerCase() &&
      mayBeSameTenant(audTenant, sentTenant)
    )
      return undefined;
    return endpoint;
  }
  if (!audUrl) return undefined;
  const [tenant, ...path] = audUrl.segments;
  const version = endpointVersion(`/${path.join('/')}`);
  const nonTenant = tenant === undefined || isNonTenantAuthority(tenant);
  const host = audUrl.host === CLOUDS[audUrl.cloud].v1IssuerHost ? CLOUDS[audUrl.cloud].loginHost : audUrl.host;
  const onLoginHost = host === audUrl.host;
  // The v1 endpoint is right when the assertion is sent there; without the destination, the rule cannot tell.
  if (version !== undefined && !nonTenant && onLoginHost) return undefined;
  return tokenEndpointAt(host, nonTenant ? '{tenant-id}' : tenant);
}
