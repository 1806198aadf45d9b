/** Facts of the `credentials` family: the token against the app's federated identity credentials and certificates. */
import { matchFederatedCredentials } from './fic-match.js';
import type { TokenReading } from './input.js';
import { matchKeyCredentials } from './key-credentials.js';
import type { FamilyFacts, Route } from './table.js';

export function credentialsFacts(t: TokenReading, route: Route): FamilyFacts<'credentials'> {
  const { iss, sub, audiences, claims, entra, clientIdClaim, header, context } = t;
  const fics = context.federatedIdentityCredentials;
  const ficMatch =
    fics === null || iss === null || (route !== 'entra' && route !== 'external')
      ? null
      : matchFederatedCredentials(fics, { iss, sub, audiences, claims, entra, clientIdClaim });
  return {
    keyMatch:
      context.keyCredentials === null || route !== 'self-signed'
        ? null
        : matchKeyCredentials(context.keyCredentials, header),
    ficOutcome: ficMatch?.outcome ?? null,
    ficHint: ficMatch?.hint ?? '',
    ficCount: fics?.length ?? null,
  };
}
