/**
 * Seed 000's adapter as its author posted it (a `ManagedIdentityCredential` token as the client
 * assertion of an app in another tenant), and the line that builds it with the identity the post
 * describes: the system-assigned one. `identity` swaps in the argument a user-assigned one needs.
 */
export function seed000Service(identity = ''): string {
  return `import { AccessToken, ClientAssertionCredential, ClientAssertionCredentialOptions, GetTokenOptions, ManagedIdentityCredential, TokenCredential } from "@azure/identity";

export type ClientAssertionCredentialAdapterOptions = {
  credential: ManagedIdentityCredential;
}

export class ClientAssertionCredentialAdapter implements TokenCredential {
  private clientAssertion: ClientAssertionCredentialAdapterOptions;
  private credential: ClientAssertionCredential;

  constructor(tenantId: string, clientId: string, clientAssertion: ClientAssertionCredentialAdapterOptions, options?: ClientAssertionCredentialOptions) {
    this.clientAssertion = clientAssertion;
    this.credential = new ClientAssertionCredential(tenantId, clientId, () => this.getAssertion(), options);
  }

  getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> {
    return this.credential.getToken(scopes, options);
  }

  private async getAssertion(): Promise<string> {
    const accessToken =  await this.clientAssertion.credential.getToken("api://AzureADTokenExchange"); 
    return accessToken.token;
  }
}

export const tenantB = new ClientAssertionCredentialAdapter(process.env.TENANT_B_ID!, process.env.APP_CLIENT_ID!, {
  credential: new ManagedIdentityCredential(${identity}),
});
`;
}
