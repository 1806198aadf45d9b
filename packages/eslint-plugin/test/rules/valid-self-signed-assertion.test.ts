import { AADSTS_CODES } from '@entra-guard/policy/catalogue';
import { RuleTester } from '@typescript-eslint/rule-tester';
import * as espree from 'espree';
import rule from '../../src/rules/valid-self-signed-assertion.js';

const ruleTester = new RuleTester();
const fix = (code: string): string => AADSTS_CODES[code]!.fix;
/** A class service that signs its own assertion with `iss` = `this.<issuer>` and sends it to `this.tokenUrl()`. */
const tokensService = (issuer: 'clientId' | 'tenantId') => `
import { SignJWT } from 'jose';
export class Tokens {
  constructor(private tenantId: string, private clientId: string, private key: CryptoKey) {}
  private tokenUrl() { return \`https://login.microsoftonline.com/\${this.tenantId}/oauth2/v2.0/token\`; }
  private assertion() {
    return new SignJWT({ jti: crypto.randomUUID() })
      .setProtectedHeader({ alg: 'PS256', 'x5t#S256': 't' })
      .setIssuer(this.${issuer})
      .setSubject(this.clientId)
      .setAudience(this.tokenUrl())
      .setExpirationTime('5m')
      .sign(this.key);
  }
  async token() {
    return fetch(this.tokenUrl(), {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: this.clientId, client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: await this.assertion(), scope: 'https://graph.microsoft.com/.default' }),
    });
  }
}`;

ruleTester.run('valid-self-signed-assertion', rule, {
  assertionOptions: { requireData: true },
  valid: [
    {
      name: 'a class service whose assertion names this.clientId as iss and sub',
      code: tokensService('clientId'),
    },
    {
      name: 'look-alike: the issuer is a parameter beside another parameter in the tenant slot',
      code: `
import { ClientAssertionCredential } from '@azure/identity';
import { SignJWT } from 'jose';
export const credential = (tenantId: string, clientId: string, key: CryptoKey) =>
  new ClientAssertionCredential(tenantId, clientId, () =>
    new SignJWT({ jti: crypto.randomUUID() }).setProtectedHeader({ alg: 'RS256', x5t: 't' }).setIssuer(clientId).setSubject(clientId)
      .setAudience(\`https://login.microsoftonline.com/\${tenantId}/oauth2/v2.0/token\`).setExpirationTime('5m').sign(key));`,
    },
    {
      name: 'a correct jose certificate assertion (PS256 + x5t#S256)',
      code: `
import { SignJWT, importPKCS8 } from 'jose';
import { randomUUID } from 'node:crypto';
const TENANT_ID = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const CLIENT_ID = '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';
export async function clientAssertion(pem: string, thumbprint: string): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'PS256', typ: 'JWT', 'x5t#S256': thumbprint })
    .setIssuer(CLIENT_ID)
    .setSubject(CLIENT_ID)
    .setAudience(\`https://login.microsoftonline.com/\${TENANT_ID}/oauth2/v2.0/token\`)
    .setNotBefore('0s')
    .setExpirationTime('10m')
    .setJti(randomUUID())
    .sign(await importPKCS8(pem, 'PS256'));
}`,
    },
    {
      name: 'a correct jsonwebtoken assertion (RS256 + x5t, options for exp and jti)',
      filename: 'assertion.cjs',
      languageOptions: { parser: espree },
      code: `
const jwt = require('jsonwebtoken');
const { randomUUID } = require('node:crypto');
const clientId = '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';
module.exports = (privateKey, x5t) =>
  jwt.sign({}, privateKey, {
    algorithm: 'RS256',
    header: { alg: 'RS256', typ: 'JWT', x5t },
    issuer: clientId,
    subject: clientId,
    audience: 'https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token',
    expiresIn: 600,
    jwtid: randomUUID(),
  });`,
    },
    {
      name: 'an application session token is no client assertion',
      code: `
import jwt from 'jsonwebtoken';
export const session = (userId: string) => jwt.sign({ sub: userId, role: 'reader' }, process.env.SESSION_SECRET!, { expiresIn: '7d' });`,
    },
    {
      name: 'a token for a federated identity credential, from a test identity provider',
      code: `
import { SignJWT } from 'jose';
export const federated = (key: CryptoKey) =>
  new SignJWT({ sub: 'system:serviceaccount:default:app' })
    .setProtectedHeader({ alg: 'RS256' })
    .setIssuer('https://issuer.example.com')
    .setAudience('api://AzureADTokenExchange')
    .setExpirationTime('24h')
    .sign(key);`,
    },
    {
      name: 'claims that cannot be resolved',
      code: `
import { SignJWT } from 'jose';
export const sign = (claims: Record<string, unknown>, header: { alg: string }, key: CryptoKey) => new SignJWT(claims).setProtectedHeader(header).sign(key);`,
    },
    {
      name: 'a SignJWT from another module',
      code: `
import { SignJWT } from './my-jwt';
export const token = new SignJWT({}).setProtectedHeader({ alg: 'RS256' }).setIssuer('72f988bf-86f1-41af-91ab-2d7cd011db47').setAudience('https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0');`,
    },
    {
      name: 'kid only, and an exp computed at run time',
      code: `
import { SignJWT } from 'jose';
const CLIENT_ID = '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';
export const assertion = (key: CryptoKey, jti: string) =>
  new SignJWT({ iss: CLIENT_ID, sub: CLIENT_ID, aud: 'https://login.microsoftonline.com/contoso/oauth2/v2.0/token', exp: Math.floor(Date.now() / 1000) + 600, jti })
    .setProtectedHeader({ alg: 'RS256', kid: 'key-1' })
    .sign(key);`,
    },
    {
      name: 'a hand-built token for another service',
      filename: 'hand.cjs',
      languageOptions: { parser: espree },
      code: `
const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
const unsigned = b64({ alg: 'HS256' }) + '.' + b64({ iss: 'svc', aud: 'https://api.example.com', sub: 'svc' });
module.exports = unsigned;`,
    },
    {
      name: 'a v1 token endpoint audience when where it is sent is not known',
      code: `
import { SignJWT } from 'jose';
const CLIENT_ID = '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';
export const assertion = (key: CryptoKey, x5t: string, jti: string) =>
  new SignJWT({ jti })
    .setProtectedHeader({ alg: 'RS256', x5t })
    .setIssuer(CLIENT_ID)
    .setSubject(CLIENT_ID)
    .setAudience('https://login.microsoftonline.com/contoso/oauth2/token')
    .setExpirationTime('5m')
    .sign(key);`,
    },
    {
      name: 'an assertion whose iss and aud match the msal client it is sent with',
      code: `
import { ConfidentialClientApplication } from '@azure/msal-node';
import { SignJWT } from 'jose';
const CLIENT_ID = '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';
export const app = new ConfidentialClientApplication({
  auth: {
    clientId: CLIENT_ID,
    authority: 'https://login.microsoftonline.com/contoso.onmicrosoft.com',
    clientAssertion: async () =>
      new SignJWT({ jti: crypto.randomUUID() })
        .setProtectedHeader({ alg: 'PS256', 'x5t#S256': process.env.X5T_S256! })
        .setIssuer(CLIENT_ID)
        .setSubject(CLIENT_ID)
        .setAudience('https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token')
        .setExpirationTime('10m')
        .sign(await loadKey()),
  },
});`,
    },
  ],
  invalid: [
    {
      name: 'a class service whose assertion names this.tenantId, the tenant of this.tokenUrl(), as iss',
      code: tokensService('tenantId'),
      errors: [
        {
          messageId: 'issIsTenant',
          data: { claim: 'iss', value: 'this.tenantId', code: 'AADSTS700021', fix: fix('AADSTS700021') },
          line: 9,
          column: 18,
        },
      ],
    },
    {
      name: 'the tenantId parameter of a ClientAssertionCredential as iss',
      code: `
import { ClientAssertionCredential } from '@azure/identity';
import { SignJWT } from 'jose';
export const credential = (tenantId: string, clientId: string, key: CryptoKey) =>
  new ClientAssertionCredential(tenantId, clientId, () =>
    new SignJWT({ jti: crypto.randomUUID() }).setProtectedHeader({ alg: 'RS256', x5t: 't' }).setIssuer(tenantId).setSubject(clientId)
      .setAudience(\`https://login.microsoftonline.com/\${tenantId}/oauth2/v2.0/token\`).setExpirationTime('5m').sign(key));`,
      errors: [
        {
          messageId: 'issIsTenant',
          data: { claim: 'iss', value: 'tenantId', code: 'AADSTS700021', fix: fix('AADSTS700021') },
          line: 6,
          column: 104,
        },
      ],
    },
    {
      name: 'the tenant id as the issuer',
      code: `
import { SignJWT, importPKCS8 } from 'jose';
import { randomUUID } from 'node:crypto';
const TENANT_ID = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const CLIENT_ID = '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';
export async function clientAssertion(pem: string, thumbprint: string): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'PS256', 'x5t#S256': thumbprint })
    .setIssuer(TENANT_ID)
    .setSubject(CLIENT_ID)
    .setAudience(\`https://login.microsoftonline.com/\${TENANT_ID}/oauth2/v2.0/token\`)
    .setExpirationTime('10m')
    .setJti(randomUUID())
    .sign(await importPKCS8(pem, 'PS256'));
}`,
      errors: [
        {
          messageId: 'issIsTenant',
          data: {
            claim: 'iss',
            value: '72f988bf-86f1-41af-91ab-2d7cd011db47',
            code: 'AADSTS700021',
            fix: fix('AADSTS700021'),
          },
          line: 9,
          column: 16,
        },
      ],
    },
    {
      name: 'the issuer URL as the audience',
      code: `
import { SignJWT } from 'jose';
const TENANT_ID = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const CLIENT_ID = '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';
export const assertion = (key: CryptoKey, x5t: string, jti: string) =>
  new SignJWT({ jti })
    .setProtectedHeader({ alg: 'RS256', x5t })
    .setIssuer(CLIENT_ID)
    .setSubject(CLIENT_ID)
    .setAudience(\`https://login.microsoftonline.com/\${TENANT_ID}/v2.0\`)
    .setExpirationTime('10m')
    .sign(key);`,
      errors: [
        {
          messageId: 'audNotTokenEndpoint',
          data: {
            aud: 'https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0',
            code: 'AADSTS700023',
            expected: 'https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/oauth2/v2.0/token',
          },
          line: 10,
          column: 18,
        },
      ],
    },
    {
      name: 'jsonwebtoken without an expiry',
      filename: 'sign.cjs',
      languageOptions: { parser: espree },
      code: `
const jwt = require('jsonwebtoken');
const crypto = require('crypto');
const clientId = '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';
module.exports = (privateKey, thumbprint) =>
  jwt.sign(
    { iss: clientId, sub: clientId, aud: 'https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token', jti: crypto.randomUUID() },
    privateKey,
    { algorithm: 'RS256', header: { alg: 'RS256', x5t: thumbprint } },
  );`,
      errors: [
        {
          messageId: 'missingClaim',
          data: { claim: 'exp', code: 'AADSTS700024', max: '10 minutes' },
          line: 7,
          column: 5,
        },
      ],
    },
    {
      name: 'a lifetime of days, and no jti',
      code: `
import jwt from 'jsonwebtoken';
const CLIENT_ID = '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';
export const assertion = jwt.sign({ iss: CLIENT_ID, sub: CLIENT_ID, aud: 'https://login.microsoftonline.com/contoso/oauth2/v2.0/token' }, process.env.KEY!, {
  algorithm: 'RS256',
  keyid: 'cert-2026',
  expiresIn: '7d',
});`,
      errors: [
        {
          messageId: 'missingClaim',
          data: { claim: 'jti', code: 'AADSTS90014', max: '10 minutes' },
          line: 4,
          column: 35,
        },
        {
          messageId: 'longLifetime',
          data: { lifetime: '7 days', code: 'AADSTS700024', max: '10 minutes' },
          line: 7,
          column: 14,
        },
      ],
    },
    {
      name: 'a lifetime of 30 minutes, over the catalogue default of 600 s',
      code: `
import jwt from 'jsonwebtoken';
import { randomUUID } from 'node:crypto';
const CLIENT_ID = '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';
export const assertion = jwt.sign({ iss: CLIENT_ID, sub: CLIENT_ID, aud: 'https://login.microsoftonline.com/contoso/oauth2/v2.0/token', jti: randomUUID() }, process.env.KEY!, {
  algorithm: 'RS256',
  keyid: 'cert-2026',
  expiresIn: '30m',
});`,
      errors: [
        {
          messageId: 'longLifetime',
          data: { lifetime: '30 minutes', code: 'AADSTS700024', max: '10 minutes' },
          line: 8,
          column: 14,
        },
      ],
    },
    {
      name: 'a header without a key identifier',
      code: `
import { SignJWT } from 'jose';
const CLIENT_ID = '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';
export const assertion = (key: CryptoKey, jti: string) =>
  new SignJWT({ jti })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
    .setIssuer(CLIENT_ID)
    .setSubject(CLIENT_ID)
    .setAudience('https://login.microsoftonline.com/contoso/oauth2/v2.0/token')
    .setExpirationTime('10m')
    .sign(key);`,
      errors: [
        {
          messageId: 'noKeyIdentifier',
          data: { code: 'AADSTS5002723', fix: fix('AADSTS5002723') },
          line: 6,
          column: 32,
        },
      ],
    },
    {
      name: 'OnBehalfOfCredential: the client id in its options object is the one the assertion must name',
      code: `
import { OnBehalfOfCredential } from '@azure/identity';
import { SignJWT } from 'jose';
const OTHER_APP = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
export const credential = new OnBehalfOfCredential({
  tenantId: 'contoso.onmicrosoft.com',
  clientId: '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0',
  userAssertionToken: incoming,
  getAssertion: async () =>
    new SignJWT({ jti: crypto.randomUUID() })
      .setProtectedHeader({ alg: 'RS256', x5t: process.env.X5T! })
      .setIssuer(OTHER_APP)
      .setSubject(OTHER_APP)
      .setAudience('https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token')
      .setExpirationTime('5m')
      .sign(await loadKey()),
});`,
      errors: [
        {
          messageId: 'issNotClientId',
          data: {
            claim: 'iss',
            value: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
            clientId: '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0',
            code: 'AADSTS700021',
            fix: fix('AADSTS700021'),
          },
          line: 12,
          column: 18,
        },
      ],
    },
    {
      name: 'another app id than the one the credential sends, and a lifetime of hours',
      code: `
import { ClientAssertionCredential } from '@azure/identity';
import { SignJWT } from 'jose';
const OTHER_APP = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
export const credential = new ClientAssertionCredential('contoso.onmicrosoft.com', '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0', async () =>
  new SignJWT({ jti: crypto.randomUUID() })
    .setProtectedHeader({ alg: 'RS256', x5t: process.env.X5T! })
    .setIssuer(OTHER_APP)
    .setSubject(OTHER_APP)
    .setAudience('https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token')
    .setExpirationTime('2h')
    .sign(await loadKey()));`,
      errors: [
        {
          messageId: 'issNotClientId',
          data: {
            claim: 'iss',
            value: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
            clientId: '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0',
            code: 'AADSTS700021',
            fix: fix('AADSTS700021'),
          },
          line: 8,
          column: 16,
        },
        {
          messageId: 'longLifetime',
          data: { lifetime: '2 hours', code: 'AADSTS700024', max: '10 minutes' },
          line: 11,
          column: 24,
        },
      ],
    },
    {
      name: 'sub differs from iss',
      code: `
import { SignJWT } from 'jose';
export const assertion = (key: CryptoKey, jti: string) =>
  new SignJWT({ jti })
    .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
    .setIssuer('0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0')
    .setSubject('11111111-2222-3333-4444-555555555555')
    .setAudience('https://login.microsoftonline.com/contoso/oauth2/v2.0/token')
    .setExpirationTime('10m')
    .sign(key);`,
      errors: [
        {
          messageId: 'subNotIss',
          data: {
            sub: '11111111-2222-3333-4444-555555555555',
            iss: '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0',
            code: 'AADSTS50048',
            fix: fix('AADSTS50048'),
          },
          line: 7,
          column: 17,
        },
      ],
    },
    {
      name: 'a hand-built assertion (object to base64url) without a key identifier',
      filename: 'hand.cjs',
      languageOptions: { parser: espree },
      code: `
const { randomUUID } = require('node:crypto');
const clientId = '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';
const header = { alg: 'RS256', typ: 'JWT' };
const claims = { iss: clientId, sub: clientId, aud: 'https://login.microsoftonline.com/contoso/oauth2/v2.0/token', exp: Math.floor(Date.now() / 1000) + 600, jti: randomUUID() };
const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
module.exports = \`\${b64(header)}.\${b64(claims)}\`;`,
      errors: [
        {
          messageId: 'noKeyIdentifier',
          data: { code: 'AADSTS5002723', fix: fix('AADSTS5002723') },
          line: 4,
          column: 23,
        },
      ],
    },
    {
      name: 'a hand-built assertion joined with +, base64 made URL-safe by hand, sub not the issuer',
      filename: 'assertion.cjs',
      languageOptions: { parser: espree },
      code: `
const { randomUUID } = require('node:crypto');
const encode = (text) => Buffer.from(text).toString('base64');
const header = Buffer.from(JSON.stringify({ alg: 'RS256', x5t: process.env.X5T })).toString('base64').replace(/=+$/, '').replace(/\\+/g, '-').replace(/\\//g, '_');
const claims = { iss: '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0', sub: 'contoso', aud: 'https://login.microsoftonline.com/contoso/oauth2/v2.0/token', exp: 1767225600, jti: randomUUID() };
const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
module.exports = { unsigned: header + '.' + payload, other: encode('not json') + '.' + encode('either') };`,
      errors: [
        {
          messageId: 'issIsTenant',
          data: { claim: 'sub', value: 'contoso', code: 'AADSTS700021', fix: fix('AADSTS700021') },
          line: 5,
          column: 68,
        },
      ],
    },
    {
      name: 'posted as client_assertion: aud names another tenant than the request, iss another app than client_id',
      code: `
import { SignJWT } from 'jose';
const CLIENT_ID = '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';
const assertion = await new SignJWT({ jti: crypto.randomUUID() })
  .setProtectedHeader({ alg: 'RS256', x5t: process.env.X5T! })
  .setIssuer('aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee')
  .setSubject('aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee')
  .setAudience('https://login.microsoftonline.com/fabrikam.onmicrosoft.com/oauth2/v2.0/token')
  .setExpirationTime('5m')
  .sign(await loadKey());
await fetch('https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token', {
  method: 'POST',
  body: new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: CLIENT_ID,
    scope: 'https://graph.microsoft.com/.default',
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: assertion,
  }),
});`,
      errors: [
        {
          messageId: 'issNotClientId',
          data: {
            claim: 'iss',
            value: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
            clientId: '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0',
            code: 'AADSTS700021',
            fix: fix('AADSTS700021'),
          },
          line: 6,
          column: 14,
        },
        {
          messageId: 'audNotTokenEndpoint',
          data: {
            aud: 'https://login.microsoftonline.com/fabrikam.onmicrosoft.com/oauth2/v2.0/token',
            code: 'AADSTS700023',
            expected: 'https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token',
          },
          line: 8,
          column: 16,
        },
      ],
    },
  ],
});
