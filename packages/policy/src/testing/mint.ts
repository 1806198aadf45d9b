/**
 * Realistic tokens of every kind entra-guard recognises (reference §1.2, §1.3), signed at run time.
 * Claims follow real decoded tokens; `o.claims` and `o.header` are merged last (a key set to
 * `undefined` is removed), so any variant is one option away.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import {
  CLOUDS,
  MICROSOFT_GRAPH_RESOURCE,
  entraV1Issuer,
  entraV2Issuer,
  tokenEndpoint,
  type Cloud,
} from '../catalogue/constants.js';
import { EXTERNAL_ISSUERS } from '../domain/issuers.js';
import { createTestSigner, mergeDefined, type TestSigner } from './signer.js';

export interface MintOptions {
  /** Signs the token; a fresh RS256 signer when omitted. */
  signer?: TestSigner;
  /** The issue time (a Date or epoch milliseconds); defaults to the current time. */
  now?: Date | number;
  /** `exp − iat`; each kind has a realistic default. */
  lifetimeSeconds?: number;
  header?: Record<string, unknown>;
  claims?: Record<string, unknown>;
}

export type EntraTokenVersion = '1.0' | '2.0';

interface EntraOptions {
  tenantId: string;
  cloud?: Cloud;
  /** v2 (default) uses `azp` and the v2 issuer; v1 uses `appid` and `https://sts.windows.net/{tid}/`. */
  version?: EntraTokenVersion;
}

export interface ManagedIdentityMint extends EntraOptions {
  /** The identity's object (principal) id: `oid` and `sub`. */
  principalId?: string;
  /** The identity's client (application) id: `azp` / `appid`. */
  clientId?: string;
  /** Defaults to the exchange audience of the cloud (`api://AzureADTokenExchange`). */
  audience?: string;
  /** ARM id of the identity (`xms_mirid`); defaults to a user-assigned identity path. */
  resourceId?: string;
}

export interface AppOnlyMint extends EntraOptions {
  appId?: string;
  /** Defaults to the exchange audience of the cloud. */
  audience?: string;
}

export interface DelegatedMint extends EntraOptions {
  appId?: string;
  /** Defaults to the exchange audience of the cloud. */
  audience?: string;
  /** Space-separated scopes; defaults to `user_impersonation`. */
  scp?: string;
  upn?: string;
}

export interface IdTokenMint {
  tenantId: string;
  clientId: string;
  cloud?: Cloud;
}

export interface GraphMint {
  tenantId: string;
  /** A user token (default) or an app-only one. */
  delegated?: boolean;
}

export interface GitHubActionsMint {
  /** Defaults to `repo:contoso/app:ref:refs/heads/main`. */
  subject?: string;
  /** Defaults to `api://AzureADTokenExchange`. */
  audience?: string;
}

export interface KubernetesMint {
  /** Defaults to an AKS regional OIDC issuer (with its trailing slash). */
  issuer?: string;
  namespace?: string;
  serviceAccount?: string;
  /** Defaults to `api://AzureADTokenExchange`; the token carries it as a one-element array. */
  audience?: string;
}

export interface SelfSignedAssertionMint {
  clientId: string;
  tenantId: string;
  cloud?: Cloud;
  /** Defaults to the v2 token endpoint of the tenant in the cloud. */
  audience?: string;
  /** Header thumbprints; default: `x5t#S256` for PS256, else `x5t`, from the signer's certificate. */
  x5t?: string;
  x5tS256?: string;
  kid?: string;
}

const SECONDS = { entra: 3600, managedIdentity: 86_399, idToken: 3600, github: 300, kubernetes: 3600, assertion: 600 };

function epochSeconds(now: Date | number | undefined): number {
  const ms = now === undefined ? Date.now() : typeof now === 'number' ? now : now.getTime();
  if (!Number.isFinite(ms)) throw new TypeError('mint: now must be a valid Date or epoch milliseconds');
  return Math.floor(ms / 1000);
}

function times(o: MintOptions, defaultLifetime: number): { iat: number; nbf: number; exp: number } {
  const iat = epochSeconds(o.now);
  return { iat, nbf: iat, exp: iat + (o.lifetimeSeconds ?? defaultLifetime) };
}

type HeaderFor = Record<string, unknown> | ((signer: TestSigner) => Record<string, unknown>);

async function finish(o: MintOptions, header: HeaderFor, claims: Record<string, unknown>): Promise<string> {
  const signer = o.signer ?? (await createTestSigner());
  const base = typeof header === 'function' ? header(signer) : header;
  return signer.sign({ ...base, ...o.header }, mergeDefined(claims, o.claims));
}

const opaque = (bytes: number): string => randomBytes(bytes).toString('base64url');

/** `iss`, `ver` and the client-id claim of an Entra token of either version. */
function entraIdentity(e: EntraOptions, appId: string, acr: '0' | '1' | '2'): Record<string, unknown> {
  const cloud = e.cloud ?? 'global';
  return e.version === '1.0'
    ? { iss: entraV1Issuer(e.tenantId, cloud), appid: appId, appidacr: acr, ver: '1.0' }
    : { iss: entraV2Issuer(e.tenantId, cloud), azp: appId, azpacr: acr, ver: '2.0' };
}

/** v1 headers carry `x5t` and `kid` with the same value. */
const entraHeader =
  (e: { version?: EntraTokenVersion }) =>
  (signer: TestSigner): Record<string, unknown> =>
    e.version === '1.0' ? { typ: 'JWT', x5t: signer.kid } : { typ: 'JWT' };

function userAssignedIdentityPath(): string {
  return `/subscriptions/${randomUUID()}/resourcegroups/rg-workload/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-workload`;
}

function managedIdentityClaims(m: ManagedIdentityMint, o: MintOptions): Record<string, unknown> {
  const principalId = m.principalId ?? randomUUID();
  return {
    aud: m.audience ?? CLOUDS[m.cloud ?? 'global'].exchangeAudience,
    ...times(o, SECONDS.managedIdentity),
    ...entraIdentity(m, m.clientId ?? randomUUID(), '2'),
    idtyp: 'app',
    oid: principalId,
    sub: principalId,
    tid: m.tenantId,
    uti: opaque(16),
    xms_mirid: m.resourceId ?? userAssignedIdentityPath(),
  };
}

export const mint = {
  /** A managed-identity token, by default for the exchange audience: the assertion of MI as FIC. */
  async managedIdentity(m: ManagedIdentityMint, o: MintOptions = {}): Promise<string> {
    return finish(o, entraHeader(m), managedIdentityClaims(m, o));
  },

  /** A managed-identity-like token that was itself obtained by a federated exchange (`xms_ficinfo`). */
  async ficDerived(m: ManagedIdentityMint, o: MintOptions = {}): Promise<string> {
    return finish(o, entraHeader(m), { ...managedIdentityClaims(m, o), xms_ficinfo: opaque(24) });
  },

  /** A client-credentials token of an app registration: app-only, no `xms_mirid`. */
  async appOnly(a: AppOnlyMint, o: MintOptions = {}): Promise<string> {
    const servicePrincipalId = randomUUID();
    return finish(o, entraHeader(a), {
      aud: a.audience ?? CLOUDS[a.cloud ?? 'global'].exchangeAudience,
      ...times(o, SECONDS.entra),
      ...entraIdentity(a, a.appId ?? randomUUID(), '1'),
      idtyp: 'app',
      oid: servicePrincipalId,
      roles: ['Workload.ReadWrite.All'],
      sub: servicePrincipalId,
      tid: a.tenantId,
      uti: opaque(16),
    });
  },

  /** A user (delegated) access token: `scp`, user names, `amr`. */
  async delegated(d: DelegatedMint, o: MintOptions = {}): Promise<string> {
    const upn = d.upn ?? 'adele.vance@contoso.example';
    const userNames = d.version === '1.0' ? { upn, unique_name: upn } : { preferred_username: upn };
    return finish(o, entraHeader(d), {
      aud: d.audience ?? CLOUDS[d.cloud ?? 'global'].exchangeAudience,
      ...times(o, SECONDS.entra),
      ...entraIdentity(d, d.appId ?? randomUUID(), '0'),
      amr: ['pwd', 'mfa'],
      name: 'Adele Vance',
      oid: randomUUID(),
      scp: d.scp ?? 'user_impersonation',
      sub: opaque(32),
      tid: d.tenantId,
      ...userNames,
      uti: opaque(16),
    });
  },

  /** An ID token: `aud` is the client's own id, with `nonce`; no `scp`, `azp` or `appid`. */
  async idToken(i: IdTokenMint, o: MintOptions = {}): Promise<string> {
    return finish(
      o,
      { typ: 'JWT' },
      {
        aud: i.clientId,
        iss: entraV2Issuer(i.tenantId, i.cloud ?? 'global'),
        ...times(o, SECONDS.idToken),
        name: 'Adele Vance',
        nonce: randomUUID(),
        oid: randomUUID(),
        preferred_username: 'adele.vance@contoso.example',
        sub: opaque(32),
        tid: i.tenantId,
        uti: opaque(16),
        ver: '2.0',
      },
    );
  },

  /** A Microsoft Graph (first-party) v1 token: header `nonce`, `aud` Graph. */
  async graph(g: GraphMint, o: MintOptions = {}): Promise<string> {
    const subject = g.delegated === false ? randomUUID() : opaque(32);
    const principal =
      g.delegated === false
        ? { idtyp: 'app', oid: subject, roles: ['User.Read.All'] }
        : {
            amr: ['pwd'],
            name: 'Adele Vance',
            oid: randomUUID(),
            scp: 'openid profile User.Read email',
            unique_name: 'adele.vance@contoso.example',
            upn: 'adele.vance@contoso.example',
          };
    return finish(o, (signer) => ({ typ: 'JWT', nonce: opaque(32), x5t: signer.kid }), {
      aud: MICROSOFT_GRAPH_RESOURCE,
      iss: entraV1Issuer(g.tenantId),
      ...times(o, SECONDS.entra),
      appid: randomUUID(),
      appidacr: g.delegated === false ? '1' : '0',
      ...principal,
      sub: subject,
      tid: g.tenantId,
      uti: opaque(16),
      ver: '1.0',
    });
  },

  /** A GitHub Actions OIDC token. */
  async githubActions(g: GitHubActionsMint = {}, o: MintOptions = {}): Promise<string> {
    const sub = g.subject ?? 'repo:contoso/app:ref:refs/heads/main';
    const repository = /^repo:([^:]+)/.exec(sub)?.[1]?.replace(/@\d+/g, '') ?? 'contoso/app';
    const owner = repository.split('/')[0] ?? 'contoso';
    const ref = /:ref:(.+)$/.exec(sub)?.[1] ?? 'refs/heads/main';
    return finish(o, (signer) => ({ typ: 'JWT', x5t: signer.kid }), {
      jti: randomUUID(),
      sub,
      aud: g.audience ?? CLOUDS.global.exchangeAudience,
      ref,
      sha: randomBytes(20).toString('hex'),
      repository,
      repository_owner: owner,
      repository_owner_id: '1001',
      run_id: '7000000001',
      run_number: '42',
      run_attempt: '1',
      repository_visibility: 'private',
      repository_id: '2002',
      actor: 'octocat',
      actor_id: '3003',
      workflow: 'deploy',
      event_name: 'push',
      ref_type: ref.startsWith('refs/tags/') ? 'tag' : 'branch',
      job_workflow_ref: `${repository}/.github/workflows/deploy.yml@${ref}`,
      runner_environment: 'github-hosted',
      iss: EXTERNAL_ISSUERS.githubActions,
      ...times(o, SECONDS.github),
    });
  },

  /** A projected Kubernetes service-account token (AKS workload identity shape: no `typ`, array `aud`). */
  async kubernetes(k: KubernetesMint = {}, o: MintOptions = {}): Promise<string> {
    const namespace = k.namespace ?? 'default';
    const serviceAccount = k.serviceAccount ?? 'workload-identity-sa';
    return finish(
      o,
      {},
      {
        aud: [k.audience ?? CLOUDS.global.exchangeAudience],
        ...times(o, SECONDS.kubernetes),
        iss: k.issuer ?? `https://eastus.oic.prod-aks.azure.com/${randomUUID()}/${randomUUID()}/`,
        jti: randomUUID(),
        'kubernetes.io': {
          namespace,
          pod: { name: `${serviceAccount}-7d9c8b5f4-x2x4q`, uid: randomUUID() },
          serviceaccount: { name: serviceAccount, uid: randomUUID() },
        },
        sub: `system:serviceaccount:${namespace}:${serviceAccount}`,
      },
    );
  },

  /**
   * A self-signed certificate client assertion as MSAL builds it: `iss` = `sub` = client id, `aud` =
   * the v2 token endpoint, `jti`, `nbf` = now, `exp` = now + 600 s.
   */
  async selfSignedAssertion(s: SelfSignedAssertionMint, o: MintOptions = {}): Promise<string> {
    const explicit = s.x5t !== undefined || s.x5tS256 !== undefined || s.kid !== undefined;
    const header = (signer: TestSigner): Record<string, unknown> => {
      const certificate = signer.certificate;
      const thumbprints = explicit
        ? { x5t: s.x5t, 'x5t#S256': s.x5tS256, kid: s.kid }
        : signer.alg === 'PS256'
          ? { 'x5t#S256': certificate?.x5tS256 ?? signer.kid, kid: undefined }
          : { x5t: certificate?.x5t ?? signer.kid, kid: undefined };
      return { typ: 'JWT', ...thumbprints };
    };
    return finish(o, header, {
      aud: s.audience ?? tokenEndpoint(s.tenantId, s.cloud ?? 'global'),
      iss: s.clientId,
      sub: s.clientId,
      jti: randomUUID(),
      ...times(o, SECONDS.assertion),
    });
  },
};
