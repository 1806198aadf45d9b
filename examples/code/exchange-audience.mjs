// Managed identity as a federated credential, but the managed identity's token is requested for Azure Resource Manager.
import { ClientAssertionCredential, ManagedIdentityCredential } from '@azure/identity';

const managedIdentity = new ManagedIdentityCredential({ clientId: 'd1d1d1d1-4444-4444-8444-d1d1d1d1d1d1' });

export const credential = new ClientAssertionCredential('bbbbbbbb-2222-4222-8222-bbbbbbbbbbbb', 'e2e2e2e2-5555-4555-8555-e2e2e2e2e2e2', async () => {
  const { token } = await managedIdentity.getToken('https://management.azure.com/.default');
  return token;
});
