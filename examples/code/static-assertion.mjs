// The AKS projected service-account token is read once at start-up and sent for the life of the process.
import { readFileSync } from 'node:fs';
import { ConfidentialClientApplication } from '@azure/msal-node';

const federatedToken = readFileSync(process.env.AZURE_FEDERATED_TOKEN_FILE, 'utf8');

export const app = new ConfidentialClientApplication({
  auth: {
    clientId: process.env.AZURE_CLIENT_ID,
    authority: `https://login.microsoftonline.com/${process.env.AZURE_TENANT_ID}`,
    clientAssertion: federatedToken,
  },
});
