// The fix for all of them: a managed identity token for the token-exchange audience, fetched on every request.
import { ClientAssertionCredential, ManagedIdentityCredential } from '@azure/identity';

const managedIdentity = new ManagedIdentityCredential({ clientId: 'd1d1d1d1-4444-4444-8444-d1d1d1d1d1d1' });

export const credential = new ClientAssertionCredential('aaaaaaaa-1111-4111-8111-aaaaaaaaaaaa', 'e2e2e2e2-5555-4555-8555-e2e2e2e2e2e2', async () => {
  const { token } = await managedIdentity.getToken('api://AzureADTokenExchange/.default');
  return token;
});
