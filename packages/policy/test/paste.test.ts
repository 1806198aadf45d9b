/** `readPaste`: the tokens and the token request in whatever someone pastes. */
import { describe, expect, it } from 'vitest';
import { EntraGuardError, MAX_PASTE_CHARS, readPaste } from '@entra-guard/policy';
import { mint } from '@entra-guard/policy/testing';
import { CLIENT_ID, NOW, TENANT } from './helpers/tokens.js';

const at = { now: NOW };
const ENDPOINT = `https://login.microsoftonline.com/${TENANT}/oauth2/v2.0/token`;

describe('readPaste', () => {
  it('a bare token, quoted or not, and a Bearer header', async () => {
    const token = await mint.managedIdentity({ tenantId: TENANT }, at);
    expect(readPaste(token).tokens).toEqual([{ token, role: 'token' }]);
    expect(readPaste(`"${token}"\n`).tokens).toEqual([{ token, role: 'token' }]);
    expect(readPaste(`Authorization: Bearer ${token}`).tokens).toEqual([{ token, role: 'bearer' }]);
    expect(readPaste(token).hasErrorCodes).toBe(false);
  });

  it('a curl line for client credentials: the assertion, its type, the endpoint, client id and scope', async () => {
    const token = await mint.managedIdentity({ tenantId: TENANT }, at);
    const curl = `curl -X POST ${ENDPOINT} \\\n  -d 'client_id=${CLIENT_ID}&scope=api%3A%2F%2Fcontoso%2F.default&grant_type=client_credentials' \\\n  --data-urlencode 'client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer' \\\n  -d "client_assertion=${token}"`;
    expect(readPaste(curl)).toEqual({
      tokens: [{ token, role: 'client_assertion' }],
      context: {
        tokenEndpoint: ENDPOINT,
        clientId: CLIENT_ID,
        scope: 'api://contoso/.default',
        flow: 'client_credentials',
      },
      assertionTypeProblem: null,
      hasErrorCodes: false,
    });
    expect(readPaste(`client_assertion=${token}&client_id=${CLIENT_ID}`).assertionTypeProblem).toBe('missing');
    expect(readPaste(`client_assertion_type=jwt&client_assertion=${token}`).assertionTypeProblem).toBe('wrong');
  });

  it('an OBO request: the user token as the assertion, the app’s own as the client assertion', async () => {
    const user = await mint.delegated({ tenantId: TENANT }, at);
    const app = await mint.selfSignedAssertion({ tenantId: TENANT, clientId: CLIENT_ID }, at);
    const request = [
      `POST /${TENANT}/oauth2/v2.0/token HTTP/1.1`,
      'Host: login.microsoftonline.com',
      'Content-Type: application/x-www-form-urlencoded',
      '',
      `grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&client_id=${CLIENT_ID}&assertion=${user}&client_assertion=${app}&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer&requested_token_use=on_behalf_of&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default`,
    ].join('\r\n');
    const reading = readPaste(request);
    expect(reading.tokens).toEqual([
      { token: user, role: 'assertion' },
      { token: app, role: 'client_assertion' },
    ]);
    expect(reading.context).toEqual({
      clientId: CLIENT_ID,
      scope: 'https://graph.microsoft.com/.default',
      flow: 'on_behalf_of',
    });
    expect(reading.assertionTypeProblem).toBeNull();
  });

  it('a JSON request body, an Entra error body and a log', async () => {
    const token = await mint.githubActions({}, at);
    expect(readPaste(`{"client_id": "${CLIENT_ID}", "client_assertion": "${token}"}`)).toMatchObject({
      tokens: [{ token, role: 'client_assertion' }],
      context: { clientId: CLIENT_ID, flow: 'client_credentials' },
    });
    const body =
      '{"error":"invalid_client","error_description":"AADSTS700236: Entra ID tokens issued by issuer …","error_codes":[700236]}';
    expect(readPaste(body)).toEqual({ tokens: [], context: {}, assertionTypeProblem: null, hasErrorCodes: true });
    expect(readPaste('2026-12-04T10:00:00Z ERROR token request failed: aadsts700229 ...').hasErrorCodes).toBe(true);
  });

  it('each token once, and nothing from text that only looks like one', async () => {
    const token = await mint.appOnly({ tenantId: TENANT }, at);
    expect(readPaste(`${token}\n${token}`).tokens).toHaveLength(1);
    expect(readPaste('eyJ. and eyJhbGci without dots').tokens).toEqual([]);
  });

  it('refuses a paste past the limit with ERR_INPUT_TOO_LARGE, reads a hostile one at the limit', () => {
    expect(() => readPaste('x'.repeat(MAX_PASTE_CHARS + 1))).toThrow(
      expect.objectContaining({ code: 'ERR_INPUT_TOO_LARGE' }) as unknown as EntraGuardError,
    );
    expect(() => readPaste(42 as never)).toThrow(TypeError);
    for (const unit of ['eyJ', 'eyJa.', 'client_id=', '"scope":"', 'a'.repeat(31) + '=', 'https://a/b/oauth2/'])
      expect(readPaste(unit.repeat(Math.floor(MAX_PASTE_CHARS / unit.length))).tokens.length).toBeGreaterThanOrEqual(0);
  });
});
