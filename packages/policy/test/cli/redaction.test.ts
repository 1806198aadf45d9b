/** Through the built CLI: a token starting `eyA` or a client secret is never echoed whole. */
import { describe, expect, it } from 'vitest';
import { spawnCli } from './helpers.js';

const b64url = (s: string): string => Buffer.from(s).toString('base64url');
const SIGNATURE = 'c2lnbmF0dXJlX29mX3RoZV90b2tlbg';
const TOKEN = `${b64url('{ "alg": "none", "typ": "JWT" }')}.${b64url('{"aud":"api://x"}')}.${SIGNATURE}`;
const SECRET = 'abc1Q~AbCdEfGhIjKlMnOpQrStUvWxYz012345';

function expectHidden(result: { stdout: string; stderr: string }, value: string): void {
  expect(result.stdout + result.stderr).not.toContain(value);
}

describe('CLI redaction (built)', () => {
  it('the token starts eyA', () => expect(TOKEN.startsWith('eyA')).toBe(true));

  it('a token as an argument is refused, not echoed', () => {
    const result = spawnCli(['inspect', TOKEN]);
    expect(result.code).toBe(2);
    expectHidden(result, SIGNATURE);
  });

  it('a token as --now is not echoed', () => {
    const result = spawnCli(['check-token', '--now', TOKEN], { stdin: TOKEN });
    expect(result.code).toBe(2);
    expectHidden(result, SIGNATURE);
  });

  it('explain - does not echo a token or secret from its input', () => {
    const result = spawnCli(['explain', '-'], { stdin: `AADSTS700024 for ${TOKEN} with ${SECRET}\n` });
    expectHidden(result, SIGNATURE);
    expectHidden(result, SECRET);
  });

  it('inspect does not print a secret inside a claim', () => {
    const jwt = `${b64url('{"alg":"RS256","typ":"JWT"}')}.${b64url(JSON.stringify({ aud: 'api://x', note: SECRET }))}.${SIGNATURE}`;
    const result = spawnCli(['inspect'], { stdin: jwt });
    expect(result.stdout).toContain('note');
    expectHidden(result, SECRET);
    expectHidden(result, SIGNATURE);
  });
});
