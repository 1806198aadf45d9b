/**
 * The guarded callback has each SDK's own callback type: these constructions type-check against
 * the real typings (`pnpm run typecheck`) and are accepted by the real constructors.
 */
import { describe, expect, it } from 'vitest';
import { ClientAssertionCredential, OnBehalfOfCredential } from '@azure/identity';
import { ConfidentialClientApplication, type ClientAssertionCallback } from '@azure/msal-node';
import { guardAssertion, guardOboAssertion, type AssertionContext } from '@entra-guard/policy';
import { mint } from '@entra-guard/policy/testing';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const APP = '0d6f1c7e-3b1a-4f0e-9d55-8a1c2b3d4e5f';
const context: AssertionContext = { tenantId: TENANT, clientId: APP };

describe('guardAssertion keeps the SDK callback shapes', () => {
  it('fits ClientAssertionCredential and OnBehalfOfCredential getAssertion', async () => {
    const guarded = guardAssertion(async () => 'never-called', context);
    expect(new ClientAssertionCredential(TENANT, APP, guarded)).toBeInstanceOf(ClientAssertionCredential);
    const user = await mint.delegated({ tenantId: TENANT, audience: APP });
    const obo = new OnBehalfOfCredential({
      tenantId: TENANT,
      clientId: APP,
      getAssertion: guarded,
      userAssertionToken: guardOboAssertion(user, context),
    });
    expect(obo).toBeInstanceOf(OnBehalfOfCredential);
  });

  it("fits msal-node's clientAssertion, typed callback in, typed callback out", async () => {
    const token = await mint.managedIdentity({ tenantId: TENANT });
    const msalCallback: ClientAssertionCallback = async (config) => (config.clientId === APP ? token : '');
    const guarded: ClientAssertionCallback = guardAssertion(msalCallback, context);
    const app = new ConfidentialClientApplication({
      auth: { clientId: APP, authority: `https://login.microsoftonline.com/${TENANT}`, clientAssertion: guarded },
    });
    expect(app).toBeInstanceOf(ConfidentialClientApplication);
    expect(
      await guarded({ clientId: APP, tokenEndpoint: `https://login.microsoftonline.com/${TENANT}/oauth2/v2.0/token` }),
    ).toBe(token);
  });
});
