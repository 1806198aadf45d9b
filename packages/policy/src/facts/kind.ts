/** Facts of the `kind` family: the token kind (reference §1.2), Entra's route and the kind's markers. */
import { isGuid } from '../catalogue/constants.js';
import { externalKind } from '../domain/identity-provider.js';
import type { TokenKind } from '../domain/token-kinds.js';
import { str, type TokenReading } from './input.js';
import type { FamilyFacts, Route } from './table.js';

type KindFacts = FamilyFacts<'kind'>;

const UNCLASSIFIED = {
  delegated: null,
  appOnly: null,
  managedIdentity: null,
  userAssignedIdentity: null,
  ficDerived: null,
  firstParty: null,
  idToken: null,
  userToken: null,
};

/**
 * The ARM id of a user-assigned identity: `…/providers/Microsoft.ManagedIdentity/userAssignedIdentities/{name}`,
 * in any ASCII case (`i` without `u` folds no other character onto an ASCII letter).
 */
const USER_ASSIGNED_IDENTITY_ID = /\/providers\/microsoft\.managedidentity\/userassignedidentities\/[^/]+$/i;

const unclassified = (kind: TokenKind, route: Route): KindFacts => ({ kind, route, ...UNCLASSIFIED });

/** Never from `idtyp` alone. */
export function kindFacts({ ok, header, claims, entra, iss, sub, audiences, context }: TokenReading): KindFacts {
  if (!ok) return unclassified('malformed', 'malformed');
  if (iss === null) return unclassified('external-oidc', 'unknown');
  const clientId = context.clientId;
  if (!iss.includes('://') && (iss === sub || (clientId !== null && iss === clientId))) {
    return unclassified('self-signed-assertion', 'self-signed');
  }
  if (entra === null) return unclassified(externalKind(iss, claims.sub), 'external');
  const scp = claims.scp !== undefined;
  const userClaims =
    claims.upn !== undefined ||
    claims.unique_name !== undefined ||
    claims.preferred_username !== undefined ||
    claims.amr !== undefined ||
    claims.idtyp === 'user';
  const idToken =
    !scp &&
    claims.azp === undefined &&
    claims.appid === undefined &&
    audiences.length === 1 &&
    isGuid(audiences[0] ?? '') &&
    (claims.nonce !== undefined ||
      claims.c_hash !== undefined ||
      claims.at_hash !== undefined ||
      claims.auth_time !== undefined);
  const delegated = !idToken && (scp || userClaims);
  const appOnly = !idToken && !delegated;
  const mirid = str(claims.xms_mirid);
  const managedIdentity = appOnly && mirid !== null;
  const azureDevOps = sub !== null && sub.startsWith('/eid1/');
  const ficDerived = claims.xms_ficinfo !== undefined && !azureDevOps;
  const firstParty = header.nonce !== undefined;
  const kind: TokenKind = azureDevOps
    ? 'azure-devops'
    : ficDerived
      ? 'fic-derived'
      : firstParty
        ? 'first-party'
        : idToken
          ? 'entra-id-token'
          : delegated
            ? 'entra-delegated'
            : managedIdentity
              ? 'managed-identity'
              : 'entra-app-only';
  return {
    kind,
    route: 'entra',
    delegated,
    appOnly,
    managedIdentity,
    userAssignedIdentity: mirid === null ? null : USER_ASSIGNED_IDENTITY_ID.test(mirid),
    ficDerived,
    firstParty,
    idToken,
    userToken: delegated || idToken,
  };
}
