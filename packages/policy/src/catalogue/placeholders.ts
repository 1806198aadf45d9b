/**
 * Values that stand for a secret rather than being one, shared by `entra-guard scan` and the
 * ESLint rule `no-hardcoded-client-secret`. CodeQL's dummy-password heuristics (short, one repeated
 * character, or a word such as `secret`, `test`, `example`, `changeme`), plain words (fewer than two
 * of lower case, upper case and digits: `'recommended'`), prose (with spaces), template syntax
 * (`<secret>`, `${SECRET}`, `{{secret}}`, `%SECRET%`, `$(SECRET)`, `[SECRET]`, `YOUR_CLIENT_SECRET`),
 * environment references (`process.env.…`, `os.environ[…]`) and references to a vault
 * (`@Microsoft.KeyVault(…)`, Container Apps `secretref:`).
 */
const DUMMY_WORD_RE =
  /pass|test|sample|example|secret|root|admin|user|change|auth|fake|mytoken|string|foo|bar|baz|qux|1234|3141|abcd|xxx|dummy|placeholder|replace|redacted|todo|your|insert/i;
const TEMPLATE_RE = /^<.*>$|^%.*%$|^\$\(|^\[|^\$\{|^\{\{|\$\{[^{}]*\}|\{\{[^{}]*\}\}|^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;
const REFERENCE_RE = /^@Microsoft\.KeyVault\(|^secretref:|^(?:process\.env|env\.|import\.meta\.env|os\.environ)/i;
const CHARACTER_CLASSES = [/[a-z]/, /[A-Z]/, /[0-9]/];

export function isPlaceholderSecret(value: string): boolean {
  const text = value.trim();
  if (text.length < 8 || /\s/.test(text) || new Set(text.toLowerCase()).size === 1 || /(.)\1{10,}/.test(text))
    return true;
  if (CHARACTER_CLASSES.filter((re) => re.test(text)).length < 2) return true;
  return DUMMY_WORD_RE.test(text) || TEMPLATE_RE.test(text) || REFERENCE_RE.test(text);
}
