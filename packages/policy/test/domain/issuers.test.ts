/**
 * Entra External ID and Azure AD B2C issue Entra tokens. Their issuer forms are documented
 * (External ID: `https://{tenantId}.ciamlogin.com/{tenantId}/v2.0`; B2C:
 * `https://{name}.b2clogin.com/{tenantId}/v2.0/`, the `tfp` form, and custom domains); their use
 * as federated credentials is not, so the engine judges them as Entra-issued and says so (inferred).
 */
import { describe, expect, it } from 'vitest';
import { checkFederatedIdentityCredentials, evaluateAssertion, type Verdict } from '@entra-guard/policy';
import { classifyIssuer, parseB2cCustomIssuer, parseEntraIssuer } from '../../src/domain/issuers.js';
import { NOW, forge } from '../helpers/tokens.js';

const TID = '4b2c0e1f-6a7d-4c3b-9e8f-1a2b3c4d5e6f';
const APP = '0f1e2d3c-4b5a-4968-8776-655443322110';
const HEADER = '{"alg":"RS256","typ":"JWT","kid":"k"}';
const seconds = Math.floor(NOW.getTime() / 1000);
const times = { iat: seconds - 60, nbf: seconds - 60, exp: seconds + 3600 };

describe('issuer forms', () => {
  it.each([
    [`https://${TID}.ciamlogin.com/${TID}/v2.0`, 'external-id', 2],
    [`https://contoso.b2clogin.com/${TID}/v2.0/`, 'b2c', 2],
    [`https://contoso.b2clogin.com/tfp/${TID}/B2C_1_signin/v2.0/`, 'b2c', 2],
    [`https://login.microsoftonline.com/${TID}/v2.0`, 'entra-id', 2],
    [`https://sts.windows.net/${TID}/`, 'entra-id', 1],
  ])('%s is an Entra issuer (%s, v%i)', (issuer, platform, version) => {
    expect(parseEntraIssuer(issuer)).toMatchObject({ platform, version, tenant: TID, cloud: 'global' });
  });

  it.each([
    `https://${TID}.ciamlogin.com/${TID}/`, // External ID has no v1 issuer
    `https://contoso.b2clogin.com/${TID}/v2.0`, // B2C writes the trailing slash
    `https://contoso.ciamlogin.com.evil.example/${TID}/v2.0`,
    `https://contoso.b2clogin.com:8443/${TID}/v2.0/`,
  ])('%s is not an issuer Entra writes', (issuer) => {
    expect(parseEntraIssuer(issuer)).toBeUndefined();
  });

  it('finds a B2C custom domain only when the token names a B2C policy', () => {
    const issuer = `https://login.contoso.com/${TID}/v2.0/`;
    expect(classifyIssuer(issuer).family).toBe('other');
    expect(parseB2cCustomIssuer(issuer, 'B2C_1A_signup_signin')).toMatchObject({ platform: 'b2c', tenant: TID });
    expect(parseB2cCustomIssuer(issuer, 'b2c_1_susi')).toMatchObject({ platform: 'b2c' });
    expect(parseB2cCustomIssuer(issuer, 'urn:contoso:policy')).toBeUndefined();
    expect(parseB2cCustomIssuer(issuer, undefined)).toBeUndefined();
    expect(parseB2cCustomIssuer(`https://login.contoso.com/${TID}/v2.0`, 'B2C_1_susi')).toBeUndefined();
  });
});

describe('as assertions', () => {
  const rules = (v: Verdict) => v.findings.map((f) => f.rule);
  const userToken = (iss: string, extra: Record<string, unknown> = {}) =>
    forge(
      HEADER,
      JSON.stringify({ iss, sub: 'user-object', aud: APP, tid: TID, scp: 'User.Read', name: 'A', ...times, ...extra }),
    );
  const context = { flow: 'client_credentials' as const, tenantId: TID, clientId: APP };

  it.each([
    ['External ID', `https://${TID}.ciamlogin.com/${TID}/v2.0`, {}],
    ['B2C', `https://contoso.b2clogin.com/${TID}/v2.0/`, {}],
    ['B2C on a custom domain', `https://login.contoso.com/${TID}/v2.0/`, { tfp: 'B2C_1_signin' }],
  ])('a %s user token sent as client_assertion is a user token (AADSTS700229), with the note', (_n, iss, extra) => {
    const verdict = evaluateAssertion(userToken(iss, extra), context, { now: NOW });
    expect(verdict.tokenKind).toBe('entra-delegated');
    expect(verdict.predicted?.code).toBe('AADSTS700229');
    expect(verdict.findings.find((f) => f.rule === 'entra-issuer-external-id-or-b2c')).toMatchObject({
      severity: 'info',
      confidence: 'inferred',
    });
  });

  it('a custom domain without a B2C policy stays an external provider', () => {
    const verdict = evaluateAssertion(userToken(`https://login.contoso.com/${TID}/v2.0/`), context, { now: NOW });
    expect(verdict.tokenKind).not.toBe('entra-delegated');
    expect(rules(verdict)).not.toContain('entra-issuer-external-id-or-b2c');
  });

  it('a workforce Entra token gets no such note', () => {
    const verdict = evaluateAssertion(userToken(`https://login.microsoftonline.com/${TID}/v2.0`), context, {
      now: NOW,
    });
    expect(rules(verdict)).not.toContain('entra-issuer-external-id-or-b2c');
  });

  it('check-fic does not hold an External ID issuer to the managed-identity issuer form', () => {
    const record = { name: 'ciam', subject: 's', audiences: ['api://AzureADTokenExchange'] };
    const issues = checkFederatedIdentityCredentials(
      [{ ...record, issuer: `https://${TID}.ciamlogin.com/${TID}/v2.0` }],
      {
        tenantId: TID,
      },
    );
    const workforce = checkFederatedIdentityCredentials([{ ...record, issuer: `https://sts.windows.net/${TID}/` }], {
      tenantId: TID,
    });
    expect(workforce.map((i) => i.rule)).toContain('mific-issuer-not-v2');
    expect(issues.map((i) => i.rule)).not.toContain('mific-issuer-not-v2');
  });
});
