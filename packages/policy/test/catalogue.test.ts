import { describe, expect, it } from 'vitest';
import {
  AADSTS_CODES,
  CLOUDS,
  cloudOfHost,
  lookupCode,
  tokenEndpoint,
  tokenExchangeScope,
} from '@entra-guard/policy/catalogue';

describe('AADSTS catalogue', () => {
  it('keys every entry by its own code and links its page', () => {
    for (const [key, entry] of Object.entries(AADSTS_CODES)) {
      expect(entry.code).toBe(key);
      expect(key).toMatch(/^AADSTS\d{4,8}$/);
      expect(entry.docs.endsWith(`/codes/${key}.md`)).toBe(true);
      expect(entry.fix.length).toBeGreaterThan(10);
    }
  });

  it('looks codes up with or without the prefix, in any case', () => {
    expect(lookupCode('700236')?.code).toBe('AADSTS700236');
    expect(lookupCode(' aadsts700229 ')?.code).toBe('AADSTS700229');
    expect(lookupCode('AADSTS1')).toBeUndefined();
    expect(lookupCode('not a code')).toBeUndefined();
  });
});

describe('cloud constants', () => {
  it('maps hosts and aliases to their cloud', () => {
    expect(cloudOfHost('LOGIN.microsoftonline.com')).toBe('global');
    expect(cloudOfHost('login.usgovcloudapi.net')).toBe('usgov');
    expect(cloudOfHost('login.chinacloudapi.cn')).toBe('china');
    expect(cloudOfHost('example.com')).toBeUndefined();
  });

  it('builds the exchange scope and token endpoint per cloud', () => {
    expect(tokenExchangeScope()).toBe('api://AzureADTokenExchange/.default');
    expect(tokenExchangeScope('china')).toBe(`${CLOUDS.china.exchangeAudience}/.default`);
    expect(tokenEndpoint('t1', 'usgov')).toBe('https://login.microsoftonline.us/t1/oauth2/v2.0/token');
  });
});
