/** Facts of the `credentials` family: the token against the app's federated identity credentials and certificates. */
import { matchFederatedCredentials } from './fic-match.js';
import type { TokenReading } from './input.js';
import { matchKeyCredentials } from './key-credentials.js';
import type { FamilyFacts } from './table.js';

export function credentialsFacts(t: TokenReading): FamilyFacts<'credentials'> {
  const { iss, sub, audiences, claims, entra, clientIdClaim, header, context } = t;
  const fics = context.federatedIdentityCredentials;
  const ficMatch =
    fics === null || iss === null
      ? null
      : matchFederatedCredentials(fics, { iss, sub, audiences, claims, entra, clientIdClaim });
  return {
    keyMatch: context.keyCredentials === null ? null : matchKeyCredentials(context.keyCredentials, header),
    ficOutcome: ficMatch?.outcome ?? null,
    ficHint: ficMatch?.hint ?? '',
    ficCount: fics?.length ?? null,
  };
}
