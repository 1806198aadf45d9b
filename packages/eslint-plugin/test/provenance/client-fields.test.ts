/** Client fields under one set of names for msal-node `auth`, identity positional parameters and identity options. */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lintModel } from './lint-model.js';

function fields(code: string) {
  const { model, text } = lintModel(code);
  return model.clients.map((c) =>
    Object.fromEntries(Object.entries(c.fields).map(([field, v]) => [field, `${v.via}:${v.name}=${text(v.node)}`])),
  );
}

describe('client fields', () => {
  it('msal-node: auth properties', () => {
    expect(
      fields(`import { ConfidentialClientApplication } from '@azure/msal-node';
new ConfidentialClientApplication({ auth: { clientId: 'c', clientSecret: s, clientAssertion: a, clientCertificate: cert } });`),
    ).toEqual([
      {
        clientId: "auth:clientId='c'",
        secret: 'auth:clientSecret=s',
        assertion: 'auth:clientAssertion=a',
        certificate: 'auth:clientCertificate=cert',
      },
    ]);
  });

  it('@azure/identity: positional parameters by their documented names, and options objects', () => {
    expect(
      fields(`import { ClientAssertionCredential, ClientSecretCredential, OnBehalfOfCredential } from '@azure/identity';
new ClientSecretCredential(t, 'c', secret);
new ClientAssertionCredential('t', c, getIt, { authorityHost: 'https://login.microsoftonline.us' });
new OnBehalfOfCredential({ tenantId: 't', clientId: 'c', clientSecret: s, userAssertionToken: user });`),
    ).toEqual([
      { tenantId: 'parameter:tenantId=t', clientId: "parameter:clientId='c'", secret: 'parameter:clientSecret=secret' },
      {
        tenantId: "parameter:tenantId='t'",
        clientId: 'parameter:clientId=c',
        assertion: 'parameter:getAssertion=getIt',
      },
      {
        tenantId: "options:tenantId='t'",
        clientId: "options:clientId='c'",
        secret: 'options:clientSecret=s',
        userAssertion: 'options:userAssertionToken=user',
      },
    ]);
  });

  it('the model finds secret sinks with the assertion sinks: clients of both SDKs and raw requests', () => {
    const { model, text } = lintModel(`import { ConfidentialClientApplication } from '@azure/msal-node';
import { ClientSecretCredential, OnBehalfOfCredential } from '@azure/identity';
new ConfidentialClientApplication({ auth: { clientId: 'c', clientSecret: 'one' } });
new ClientSecretCredential('t', 'c', process.env.SECRET);
new OnBehalfOfCredential({ tenantId: 't', clientId: 'c', clientSecret: 'three', userAssertionToken: user });
fetch('https://login.microsoftonline.com/t/oauth2/v2.0/token', { method: 'POST', body: new URLSearchParams({ grant_type: 'client_credentials', client_secret: 'four' }) });`);
    expect(model.secretSinks.map((s) => [s.api, s.value, text(s.at)])).toEqual([
      ['auth.clientSecret', 'one', "'one'"],
      ['ClientSecretCredential clientSecret', undefined, 'process.env.SECRET'],
      ['clientSecret', 'three', "'three'"],
      ['client_secret', 'four', "'four'"],
    ]);
    expect(model.sinks.map((s) => s.api)).toEqual(['userAssertionToken']);
  });

  it('no rule reads an SDK property shape of a client (auth, params, options, config)', () => {
    const dir = new URL('../../src/rules/', import.meta.url);
    for (const file of readdirSync(dir)) {
      const text = readFileSync(new URL(file, dir), 'utf8');
      expect(text, file).not.toMatch(/[\w)\]?]\.(auth|params|options|config)\b/);
    }
  });
});
