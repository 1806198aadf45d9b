// A tool signs the user in, then hands the user's token to the app as its client assertion.
import { ConfidentialClientApplication, PublicClientApplication } from '@azure/msal-node';

const clientId = 'e2e2e2e2-5555-4555-8555-e2e2e2e2e2e2';
const authority = 'https://login.microsoftonline.com/aaaaaaaa-1111-4111-8111-aaaaaaaaaaaa';
const pca = new PublicClientApplication({ auth: { clientId, authority } });

export const app = new ConfidentialClientApplication({
  auth: {
    clientId,
    authority,
    clientAssertion: async () => {
      const result = await pca.acquireTokenInteractive({ scopes: ['User.Read'], openBrowser: async () => {} });
      return result.accessToken;
    },
  },
});
