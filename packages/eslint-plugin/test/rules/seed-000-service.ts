import { readFileSync } from 'node:fs';

/** Seed 000's adapter as its author posted it: a `ManagedIdentityCredential` token as the client assertion of an app in another tenant. */
export const seed000Adapter = readFileSync(
  new URL('../../../../test/fixtures/cross-file/adapter.ts', import.meta.url),
  'utf8',
);

/**
 * The adapter and the line that builds it with the identity the post describes: the system-assigned
 * one. `identity` swaps in the argument a user-assigned one needs.
 */
export function seed000Service(identity = ''): string {
  return `${seed000Adapter}
export const tenantB = new ClientAssertionCredentialAdapter(process.env.TENANT_B_ID!, process.env.APP_CLIENT_ID!, {
  credential: new ManagedIdentityCredential(${identity}),
});
`;
}
