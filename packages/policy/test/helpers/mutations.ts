/** Token mutations for the fuzz tests: each strategy damages a real token one way, driven by a seeded generator. */

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
const json = (segment: string) => Buffer.from(segment, 'base64url').toString('utf8');

/** Each strategy turns a signed token into another string, using `rand` (0 ≤ rand() < 1). */
export const STRATEGIES: Record<string, (token: string, rand: () => number) => string> = {
  'flip a character': (t, r) => {
    const i = Math.floor(r() * t.length);
    return `${t.slice(0, i)}${String.fromCharCode(33 + Math.floor(r() * 94))}${t.slice(i + 1)}`;
  },
  truncate: (t, r) => t.slice(0, Math.floor(r() * t.length)),
  'drop a segment': (t, r) =>
    t
      .split('.')
      .filter((_, i) => i !== Math.floor(r() * 3))
      .join('.'),
  'add segments': (t, r) => `${t}${'.x'.repeat(1 + Math.floor(r() * 3))}`,
  'swap segments': (t) => {
    const [h, p, s] = t.split('.');
    return `${p}.${h}.${s}`;
  },
  'empty segments': (t, r) =>
    t
      .split('.')
      .map((s, i) => (r() < 0.5 && i !== 0 ? '' : s))
      .join('.'),
  'standard base64': (t) => t.replaceAll('-', '+').replaceAll('_', '/'),
  padding: (t, r) =>
    t
      .split('.')
      .map((s) => (r() < 0.5 ? `${s}==` : s))
      .join('.'),
  'non-ASCII': (t, r) => {
    const i = Math.floor(r() * t.length);
    return `${t.slice(0, i)}${['é', '\u0000', '\u202e', '\ud800', '💥'][Math.floor(r() * 5)]}${t.slice(i)}`;
  },
  wrapping: (t, r) => [`Bearer ${t}`, `"${t}"`, ` ${t}\n`, `bearer  ${t}`, `'${t}'`][Math.floor(r() * 5)]!,
  'claim types': (t, r) => {
    const [h, p, s] = t.split('.') as [string, string, string];
    const claims = JSON.parse(json(p)) as Record<string, unknown>;
    const key = ['exp', 'nbf', 'iat', 'iss', 'sub', 'aud', 'tid'][Math.floor(r() * 7)]!;
    claims[key] = [null, true, 1.5, -1, 1e308, '123', [], {}, 'x'.repeat(1000)][Math.floor(r() * 9)];
    return `${h}.${b64(JSON.stringify(claims))}.${s}`;
  },
  'duplicate keys': (t) => {
    const [h, p, s] = t.split('.') as [string, string, string];
    return `${h}.${b64(json(p).replace(/^\{/, '{"iss":"https://evil.example",'))}.${s}`;
  },
  'deep nesting': (t, r) => {
    const [h, , s] = t.split('.') as [string, string, string];
    const depth = 10 + Math.floor(r() * 200);
    return `${h}.${b64(`{"a":${'['.repeat(depth)}${']'.repeat(depth)}}`)}.${s}`;
  },
  'not an object': (t, r) => {
    const [h, , s] = t.split('.') as [string, string, string];
    return `${h}.${b64(['[]', 'null', '"x"', '1', 'true', '', '{', '{}x', '{"a":1}}'][Math.floor(r() * 9)]!)}.${s}`;
  },
  'header fields': (t, r) => {
    const [h, p, s] = t.split('.') as [string, string, string];
    const header = JSON.parse(json(h)) as Record<string, unknown>;
    const key = ['alg', 'typ', 'kid', 'x5t', 'crit', 'zip', 'enc', 'b64'][Math.floor(r() * 8)]!;
    header[key] = ['none', 'HS256', 'RS256', null, 7, ['exp'], false, ''][Math.floor(r() * 8)];
    return `${b64(JSON.stringify(header))}.${p}.${s}`;
  },
  'JSON whitespace': (t) => {
    const [h, p, s] = t.split('.') as [string, string, string];
    return `${b64(` ${JSON.stringify(JSON.parse(json(h)), null, 1)}\n`)}.${b64(`\ufeff${json(p)}`)}.${s}`;
  },
  huge: (t, r) => {
    const [h, p, s] = t.split('.') as [string, string, string];
    const claims = JSON.parse(json(p)) as Record<string, unknown>;
    claims.big = 'x'.repeat(Math.floor(r() * 300_000));
    return `${h}.${b64(JSON.stringify(claims))}.${s}`;
  },
};

/** A small seeded generator, so that every run tries the same tokens and a failure reproduces. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
