import { describe, expect, it } from 'vitest';
import type { TSESTree } from '@typescript-eslint/utils';
import type { HttpTokenRequest, JwtBuild } from '../../src/provenance/index.js';
import { lintModel } from './lint-model.js';

function summarise(request: HttpTokenRequest, text: (n: TSESTree.Node) => string) {
  const url = request.url?.parts.map((p) => (typeof p === 'string' ? p : `\${${text(p)}}`)).join('');
  const fields = Object.fromEntries(
    [...(request.body?.fields ?? [])].map(([k, f]) => [
      k,
      f.value ?? f.parts.map((p) => (typeof p === 'string' ? p : `\${${text(p)}}`)).join(''),
    ]),
  );
  return {
    client: request.client,
    method: request.method,
    url,
    encoding: request.body?.encoding,
    complete: request.body?.complete,
    fields,
  };
}

function http(code: string, parser?: 'espree') {
  const { model, text } = lintModel(code, parser ? { parser } : {});
  return model.httpRequests.map((r) => summarise(r, text));
}

describe('raw token requests', () => {
  it('reads a fetch with URLSearchParams built in several statements', () => {
    expect(
      http(`const params = new URLSearchParams({ grant_type: 'client_credentials', client_id: id });
params.append('scope', \`\${app}/.default\`);
params.set('client_assertion', assertion);
await fetch(\`https://login.microsoftonline.com/\${tenant}/oauth2/v2.0/token\`, { method: 'post', body: params });`),
    ).toEqual([
      {
        client: 'fetch',
        method: 'POST',
        url: 'https://login.microsoftonline.com/${tenant}/oauth2/v2.0/token',
        encoding: 'form',
        complete: true,
        fields: {
          grant_type: 'client_credentials',
          client_id: '${id}',
          scope: '${app}/.default',
          client_assertion: '${assertion}',
        },
      },
    ]);
  });

  it('reads a string body with encoded values and constants', () => {
    const [request] = http(`const TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const body = 'grant_type=client_credentials&scope=' + encodeURIComponent('api://x/.default') + '&client_assertion_type=' + encodeURIComponent(TYPE) + \`&client_assertion=\${encodeURIComponent(jwt)}\`;
fetch('https://login.microsoftonline.com/common/oauth2/v2.0/token', { method: 'POST', body });`);
    expect(request?.fields).toEqual({
      grant_type: 'client_credentials',
      scope: 'api://x/.default',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: '${jwt}',
    });
  });

  it('reads axios, got, node-fetch, querystring and https.request in every import form', () => {
    expect(
      http(`import axios from 'axios';
import got from 'got';
import fetch from 'node-fetch';
import * as qs from 'node:querystring';
const https = require('https');
const url = 'https://login.microsoftonline.us/t/oauth2/v2.0/token';
const base = { grant_type: 'client_credentials', client_id: 'c' };
axios.post(url, qs.stringify({ ...base, scope: 'a/.default' }));
axios({ method: 'post', url, data: { ...base, resource: 'r' } });
got.post(url, { form: { ...base, ...extra } });
fetch(url, { method: 'POST', body: new URLSearchParams('grant_type=password&username=u') });
const req = https.request({ hostname: 'login.microsoftonline.com', path: '/t/oauth2/token', method: 'POST' });
req.end('grant_type=client_credentials&resource=https%3A%2F%2Fgraph.microsoft.com');`),
    ).toEqual([
      {
        client: 'axios',
        method: 'POST',
        url: 'https://login.microsoftonline.us/t/oauth2/v2.0/token',
        encoding: 'form',
        complete: true,
        fields: { grant_type: 'client_credentials', client_id: 'c', scope: 'a/.default' },
      },
      {
        client: 'axios',
        method: 'POST',
        url: 'https://login.microsoftonline.us/t/oauth2/v2.0/token',
        encoding: 'json',
        complete: true,
        fields: { grant_type: 'client_credentials', client_id: 'c', resource: 'r' },
      },
      {
        client: 'got',
        method: 'POST',
        url: 'https://login.microsoftonline.us/t/oauth2/v2.0/token',
        encoding: 'form',
        complete: false,
        fields: { grant_type: 'client_credentials', client_id: 'c' },
      },
      {
        client: 'node-fetch',
        method: 'POST',
        url: 'https://login.microsoftonline.us/t/oauth2/v2.0/token',
        encoding: 'form',
        complete: true,
        fields: { grant_type: 'password', username: 'u' },
      },
      {
        client: 'https',
        method: 'POST',
        url: 'https://login.microsoftonline.com/t/oauth2/token',
        encoding: 'form',
        complete: true,
        fields: { grant_type: 'client_credentials', resource: 'https://graph.microsoft.com' },
      },
    ]);
  });

  it('reads undici, fallback URLs and computed hosts, with the endpoint and whether it is Entra', () => {
    const { model, text } = lintModel(`import { fetch as get, request } from 'undici';
const base = process.env.AUTHORITY ?? 'https://login.microsoftonline.com/contoso';
await request(\`\${base}/oauth2/v2.0/token?x=1\`, { method: 'POST', body: 'grant_type=client_credentials' });
await get(\`\${process.env.HOST}/\${tenant}/oauth2/v2.0/token/\`, { method: 'POST', body: new URLSearchParams({ grant_type: 'client_credentials' }) });
await request(process.env.URL || 'https://idp.example.com/oauth2/token', { method: 'POST', body: 'grant_type=password' });
await get(\`\${process.env.HOST}/oauth2/token\`, { method: 'POST', body: 'grant_type=password' });`);
    expect(
      model.httpRequests.map((r) => ({
        ...summarise(r, text),
        tenant: r.authority?.tenant,
        endpoint: r.endpoint,
        entra: r.entra,
      })),
    ).toEqual([
      {
        client: 'undici',
        method: 'POST',
        url: 'https://login.microsoftonline.com/contoso/oauth2/v2.0/token?x=1',
        encoding: 'form',
        complete: true,
        fields: { grant_type: 'client_credentials' },
        tenant: 'contoso',
        endpoint: 'v2',
        entra: true,
      },
      {
        client: 'undici',
        method: 'POST',
        url: '${process.env.HOST}/${tenant}/oauth2/v2.0/token/',
        encoding: 'form',
        complete: true,
        fields: { grant_type: 'client_credentials' },
        tenant: undefined,
        endpoint: 'v2',
        entra: true,
      },
      {
        client: 'undici',
        method: 'POST',
        url: 'https://idp.example.com/oauth2/token',
        encoding: 'form',
        complete: true,
        fields: { grant_type: 'password' },
        tenant: 'oauth2',
        endpoint: 'v1',
        entra: false,
      },
      {
        client: 'undici',
        method: 'POST',
        url: '${process.env.HOST}/oauth2/token',
        encoding: 'form',
        complete: true,
        fields: { grant_type: 'password' },
        tenant: undefined,
        endpoint: 'v1',
        entra: false,
      },
    ]);
  });

  it('reads XMLHttpRequest: the URL and method of its last open() before send(body)', () => {
    expect(
      http(`const tokenUrl = 'https://login.microsoftonline.com/contoso/oauth2/v2.0/token';
const xhr = new XMLHttpRequest();
xhr.open('GET', 'https://example.com/');
xhr.open('post', tokenUrl, false);
xhr.setRequestHeader('Content-Type', 'application/x-www-form-urlencoded');
xhr.send(new URLSearchParams({ grant_type: 'client_credentials', scope: 's' }));
const json = new XMLHttpRequest();
json.open(verb, \`https://login.microsoftonline.com/\${tenant}/oauth2/v2.0/token\`);
json.send(JSON.stringify({ grant_type: 'client_credentials' }));`),
    ).toEqual([
      {
        client: 'xhr',
        method: 'POST',
        url: 'https://login.microsoftonline.com/contoso/oauth2/v2.0/token',
        encoding: 'form',
        complete: true,
        fields: { grant_type: 'client_credentials', scope: 's' },
      },
      {
        client: 'xhr',
        method: undefined,
        url: 'https://login.microsoftonline.com/${tenant}/oauth2/v2.0/token',
        encoding: 'json',
        complete: true,
        fields: { grant_type: 'client_credentials' },
      },
    ]);
  });

  it('ignores send() on what is not a global XMLHttpRequest, and open() after send()', () => {
    expect(
      http(`class XMLHttpRequest { open(_m: string, _u: string) {} send(_b: string) {} }
const local = new XMLHttpRequest();
local.open('POST', 'https://login.microsoftonline.com/t/oauth2/v2.0/token');
local.send('grant_type=client_credentials');
socket.send('grant_type=client_credentials');`),
    ).toEqual([]);
    expect(
      http(`const xhr = new XMLHttpRequest();
xhr.send('a=1');
xhr.open('POST', 'https://login.microsoftonline.com/t/oauth2/v2.0/token');`),
    ).toEqual([]);
  });

  it('ignores requests that are not token requests, and a locally defined fetch', () => {
    expect(
      http(`fetch('https://example.com/api', { method: 'POST', body: 'a=1' });
function g() { const fetch = (u: string, o: object) => [u, o]; fetch('https://login.microsoftonline.com/t/oauth2/v2.0/token', {}); }`),
    ).toEqual([]);
  });

  it('makes form fields client-assertion and OBO sinks', () => {
    const { model, text } = lintModel(`import { PublicClientApplication } from '@azure/msal-node';
const pca = new PublicClientApplication({ auth: { clientId: 'c' } });
const { accessToken } = await pca.acquireTokenByDeviceCode({ scopes: ['User.Read'], deviceCodeCallback: () => {} });
await fetch(tokenUrl, { method: 'POST', body: new URLSearchParams({
  grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', requested_token_use: 'on_behalf_of', assertion: accessToken, client_assertion: accessToken,
}) });`);
    expect(model.sinks.map((s) => [s.kind, s.api, text(s.node), s.origins.map((o) => o.kind)])).toEqual([
      ['client-assertion', 'client_assertion', 'accessToken', ['delegated']],
      ['obo-assertion', 'assertion', 'accessToken', ['delegated']],
    ]);
  });
});

function jwt(code: string): Array<Record<string, unknown>> {
  const { model } = lintModel(code);
  const plain = (build: JwtBuild) => ({
    library: build.library,
    complete: build.complete,
    claims: Object.fromEntries([...build.claims].map(([k, p]) => [k, p.value ?? `<${p.via}>`])),
    header: Object.fromEntries([...build.header].map(([k, p]) => [k, p.value ?? `<${p.via}>`])),
  });
  return model.jwtBuilds.map(plain);
}

describe('self-signed JWTs', () => {
  it('reads a jose chain, with setters and header', () => {
    expect(
      jwt(`import { SignJWT } from 'jose';
const TENANT = 'contoso.onmicrosoft.com';
const assertion = await new SignJWT({ jti: crypto.randomUUID() })
  .setProtectedHeader({ alg: 'PS256', 'x5t#S256': thumb })
  .setIssuer(clientId).setSubject(clientId)
  .setAudience(\`https://login.microsoftonline.com/\${TENANT}/oauth2/v2.0/token\`)
  .setIssuedAt().setExpirationTime('10m')
  .sign(key);`),
    ).toEqual([
      {
        library: 'jose',
        complete: true,
        claims: {
          jti: '<payload>',
          iss: '<setter>',
          sub: '<setter>',
          aud: 'https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token',
          iat: '<setter>',
          exp: '10m',
        },
        header: { alg: 'PS256', 'x5t#S256': '<header>' },
      },
    ]);
  });

  it('reads a jose builder kept in a variable, and a chain without a header', () => {
    expect(
      jwt(`import * as jose from 'jose';
const builder = new jose.SignJWT({ iss: 'tenant-id', sub: 'tenant-id' });
builder.setExpirationTime('2d');
await builder.sign(key);`),
    ).toEqual([
      { library: 'jose', complete: false, claims: { iss: 'tenant-id', sub: 'tenant-id', exp: '2d' }, header: {} },
    ]);
  });

  it('reads jsonwebtoken options as claims and header parameters', () => {
    expect(
      jwt(`import jwt from 'jsonwebtoken';
const payload = { aud: 'https://login.microsoftonline.com/t/oauth2/v2.0/token', iss: 'c' };
jwt.sign(payload, key, { algorithm: 'RS256', expiresIn: 600, subject: 'c', header: { x5t: thumb, typ: 'JWT' }, jwtid: id });`),
    ).toEqual([
      {
        library: 'jsonwebtoken',
        complete: true,
        claims: {
          aud: 'https://login.microsoftonline.com/t/oauth2/v2.0/token',
          iss: 'c',
          exp: 600,
          sub: 'c',
          jti: '<option>',
        },
        header: { alg: 'RS256', x5t: '<header>', typ: 'JWT' },
      },
    ]);
  });

  it('reads a hand-built JWT through TS wrappers, an optional chain and a shadowed Buffer', () => {
    expect(
      jwt(`// signed below, then sent as client_assertion
const header = (Buffer.from(JSON.stringify({ alg: 'RS256', x5t: thumb })) as Buffer)!.toString('base64url');
const claims = Buffer.from(JSON.stringify({ aud: 'https://login.microsoftonline.com/t/oauth2/v2.0/token' }))?.toString('base64').replace(/=+$/, '');
export const unsigned = \`\${header}.\${claims}\`;
export function local(Buffer: { from(s: string): { toString(e: string): string } }) {
  return \`\${Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')}.\${claims}\`;
}`),
    ).toEqual([
      {
        library: 'hand-built',
        complete: true,
        claims: { aud: 'https://login.microsoftonline.com/t/oauth2/v2.0/token' },
        header: { alg: 'RS256', x5t: '<header>' },
      },
    ]);
  });

  it('makes a signed JWT a self-signed token origin', () => {
    const { model } = lintModel(`import { sign } from 'jsonwebtoken';
import { ConfidentialClientApplication } from '@azure/msal-node';
new ConfidentialClientApplication({ auth: { clientId: 'c', clientAssertion: async () => sign({ iss: 'c' }, key) } });`);
    expect(model.sinks[0]?.origins.map((o) => [o.kind, o.api, o.jwt?.library])).toEqual([
      ['self-signed', 'jsonwebtoken.sign', 'jsonwebtoken'],
    ]);
  });
});

describe('authorities of token endpoints', () => {
  it.each([
    [
      '`https://login.microsoftonline.us/${tenant}/oauth2/v2.0/token`',
      { host: 'login.microsoftonline.us', cloud: 'usgov' },
    ],
    [
      "'https://login.microsoftonline.com/common/oauth2/v2.0/token'",
      { host: 'login.microsoftonline.com', tenant: 'common', cloud: 'global' },
    ],
    [
      '`https://login.microsoftonline.com/${org}-tenant/oauth2/token`',
      { host: 'login.microsoftonline.com', cloud: 'global' },
    ],
    [
      '`https://login.microsoftonline.com/organizations${path}`',
      { host: 'login.microsoftonline.com', cloud: 'global' },
    ],
    [
      '`https://login.microsoftonline.com/organizations/${path}`',
      { host: 'login.microsoftonline.com', tenant: 'organizations', cloud: 'global' },
    ],
    // No constant host: the path still shows the v2 token endpoint and its tenant.
    ['`https://login.${suffix}/t/oauth2/v2.0/token`', { tenant: 't' }],
    ['`${base}/oauth2/token`', undefined],
    ['`${base}/oauth2/v2.0/tokens`', undefined],
  ])('%s', (url, expected) => {
    const { model } = lintModel(`fetch(${url}, { method: 'POST', body: 'grant_type=client_credentials' });`);
    const authority = model.httpRequests[0]?.authority;
    expect(
      authority && {
        host: authority.host,
        ...(authority.tenant && { tenant: authority.tenant }),
        ...(authority.cloud && { cloud: authority.cloud }),
      },
    ).toEqual(expected);
  });
});

describe('tokens in raw replies', () => {
  function replyOrigins(code: string) {
    const { model } = lintModel(code);
    return model.sinks.map((s) => s.origins.map((o) => `${o.kind} ${o.api}`));
  }

  it("reads GitHub's OIDC URL, IMDS and App Service replies", () => {
    expect(
      replyOrigins(`import axios from 'axios';
import { ClientAssertionCredential } from '@azure/identity';
new ClientAssertionCredential('t', 'c', async () => {
  const res = await fetch(\`\${process.env.ACTIONS_ID_TOKEN_REQUEST_URL}&audience=api://AzureADTokenExchange\`, { headers: { Authorization: \`bearer \${process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN}\` } });
  const { value } = await res.json();
  return value;
});
new ClientAssertionCredential('t', 'c', () =>
  fetch('http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=api://AzureADTokenExchange', { headers: { Metadata: 'true' } })
    .then((r) => r.json()).then((j) => j.access_token));
const url = new URL(process.env.IDENTITY_ENDPOINT!);
new ClientAssertionCredential('t', 'c', async () => (await axios.get(url.toString())).data.access_token);
new ClientAssertionCredential('t', 'c', async () => (await (await fetch('https://example.com/token')).json()).access_token);`),
    ).toEqual([
      ['external-github ACTIONS_ID_TOKEN_REQUEST_URL'],
      ['managed-identity IMDS'],
      ['managed-identity IDENTITY_ENDPOINT'],
      [],
    ]);
  });

  it("reads XMLHttpRequest's response and responseText, and undici request's body.json()", () => {
    expect(
      replyOrigins(`import { request } from 'undici';
import { ClientAssertionCredential } from '@azure/identity';
const tokenUrl = 'https://login.microsoftonline.com/contoso/oauth2/v2.0/token';
const form = 'grant_type=client_credentials&client_id=a&scope=api://AzureADTokenExchange/.default';
new ClientAssertionCredential('t', 'c', async () => {
  const xhr = new XMLHttpRequest();
  xhr.open('POST', tokenUrl, false);
  xhr.send(form);
  return JSON.parse(xhr.responseText).access_token;
});
new ClientAssertionCredential('t', 'c', async () => {
  const xhr = new XMLHttpRequest();
  xhr.responseType = 'json';
  xhr.open('POST', tokenUrl, false);
  xhr.send(form);
  return xhr.response.access_token;
});
new ClientAssertionCredential('t', 'c', async () => {
  const { body } = await request(tokenUrl, { method: 'POST', body: form });
  const reply = await body.json();
  return reply.access_token;
});
new ClientAssertionCredential('t', 'c', async () => {
  const xhr = new XMLHttpRequest();
  xhr.open('GET', 'https://example.com/token', false);
  xhr.send();
  return JSON.parse(xhr.responseText).access_token;
});`),
    ).toEqual([
      ['app-only token endpoint (client_credentials)'],
      ['app-only token endpoint (client_credentials)'],
      ['app-only token endpoint (client_credentials)'],
      [],
    ]);
  });

  it('reads the kind of a token endpoint reply from its grant type', () => {
    expect(
      replyOrigins(`import { ConfidentialClientApplication } from '@azure/msal-node';
const tokenUrl = 'https://login.microsoftonline.com/contoso/oauth2/v2.0/token';
const appToken = async () => (await (await fetch(tokenUrl, { method: 'POST', body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'a', client_secret: s, scope: 'api://AzureADTokenExchange/.default' }) })).json()).access_token;
const userReply = await fetch(tokenUrl, { method: 'POST', body: 'grant_type=refresh_token&refresh_token=' + rt });
const { id_token } = await userReply.json();
new ConfidentialClientApplication({ auth: { clientId: 'b', clientAssertion: appToken } });
new ConfidentialClientApplication({ auth: { clientId: 'c', clientAssertion: id_token } });`),
    ).toEqual([['app-only token endpoint (client_credentials)'], ['id-token token endpoint (refresh_token)']]);
  });
});
