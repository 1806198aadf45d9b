// One app registration's client-credentials token is sent as another app's federated assertion.
import { ClientAssertionCredential, ClientSecretCredential } from '@azure/identity';

const tenantId = 'aaaaaaaa-1111-4111-8111-aaaaaaaaaaaa';
const other = new ClientSecretCredential(tenantId, 'f3f3f3f3-6666-4666-8666-f3f3f3f3f3f3', process.env.OTHER_APP_SECRET);

export const credential = new ClientAssertionCredential(tenantId, 'e2e2e2e2-5555-4555-8555-e2e2e2e2e2e2', async () => {
  const { token } = await other.getToken('api://AzureADTokenExchange/.default');
  return token;
});
